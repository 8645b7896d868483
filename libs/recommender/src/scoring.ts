/** Index-level scoring shared by evaluation and serving. */
import { MAX_RATING, MIN_RATING } from './ratings';
import { scoreAllMany } from './kernel';
import { AlsModel, ExplicitModel } from './model';

export function clipRating(value: number): number {
  return Math.min(MAX_RATING, Math.max(MIN_RATING, value));
}

/** Explicit rating prediction for dense indices; a missing side (undefined) contributes no bias or factors. */
export function predictIndex(model: ExplicitModel, user: number | undefined, item: number | undefined): number {
  let value = model.globalMean;
  if (user !== undefined) value += model.userBias[user];
  if (item !== undefined) value += model.itemBias[item];
  if (user !== undefined && item !== undefined) {
    const k = model.rank;
    const uo = user * k;
    const io = item * k;
    for (let r = 0; r < k; r++) value += model.userFactors[uo + r] * model.itemFactors[io + r];
  }
  return clipRating(value);
}

/**
 * Ranking score of every item for a user vector: x·y_i (implicit) or the unclipped predicted
 * rating μ + b_u + b_i + x·y_i (explicit; clipping would only create ties).
 */
export function scoreItems(model: AlsModel, factors: Float64Array, userBias: number, out: Float64Array): Float64Array {
  scoreItemsMany(model, [{ factors, bias: userBias }], [out]);
  return out;
}

/** {@link scoreItems} of several users into `outs`, each item's factors read once for all of them. */
export function scoreItemsMany(
  model: AlsModel,
  users: readonly { factors: Float64Array; bias: number }[],
  outs: readonly Float64Array[],
): void {
  const explicit = model.kind === 'explicit';
  scoreAllMany(
    users.map((user) => user.factors),
    model.itemFactors,
    model.rank,
    users.map((user) => (explicit ? model.globalMean + user.bias : 0)),
    explicit ? model.itemBias : undefined,
    outs,
  );
}
