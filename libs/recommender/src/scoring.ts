/** Index-level scoring shared by evaluation and serving. */
import { MAX_RATING, MIN_RATING } from './ratings';
import { scoreAll } from './kernel';
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
  const explicit = model.kind === 'explicit';
  return scoreAll(
    factors,
    0,
    model.itemFactors,
    model.rank,
    explicit ? model.globalMean + userBias : 0,
    explicit ? model.itemBias : undefined,
    out,
  );
}
