/**
 * Serving helpers over a trained model and external (MovieLens) ids: fold-in of a user's current
 * ratings, recommendations, rating prediction, similar items, cold-start ranking, explanations.
 * Unknown ids never throw: unknown rated items are ignored by fold-in, a user with no known
 * ratings gets the cold-start ranking, and an unknown item predicts from biases / the global mean.
 */
import { ImplicitFoldIn } from './fold-in';
import type { ItemGenres } from './genres';
import { solveSymmetric, topK } from './kernel';
import { AlsModel, ExplicitModel, indexOfId } from './model';
import type { Explanation, RatingInput, UserProfile } from './profile';
import { clipRating, predictIndex, scoreItems } from './scoring';
import { itemNorms, similarBlock } from './similar';

export { SIMILAR_GENRE_WEIGHT } from './similar';

export interface Recommendation {
  itemId: number;
  /** Explicit: predicted rating (0.5..5); implicit: preference score; cold start: damped mean rating. */
  score: number;
  source: 'model' | 'cold-start';
}

export interface RecommendOptions {
  k?: number;
  /** Extra external item ids to leave out (rated items are always left out). */
  exclude?: Iterable<number>;
}

function knownRatings(model: AlsModel, ratings: readonly RatingInput[]): { items: Int32Array; values: Float64Array } {
  const items: number[] = [];
  const values: number[] = [];
  for (const { itemId, rating } of ratings) {
    const item = indexOfId(model.itemIds, itemId);
    if (item === undefined || !Number.isFinite(rating)) continue;
    items.push(item);
    values.push(rating);
  }
  return { items: Int32Array.from(items), values: Float64Array.from(values) };
}

/**
 * The normal equations of one user against the fixed item factors of an explicit model, exactly as
 * in training: [x; b] with features [y_i; 1]. `weights[j]` (the rating's residual) is the coefficient
 * of item j's feature vector in the right-hand side.
 */
function explicitSystem(
  model: ExplicitModel,
  items: Int32Array,
  values: Float64Array,
): { a: Float64Array; rhs: Float64Array; d: number; weights: Float64Array } {
  const k = model.rank;
  const y = model.itemFactors;
  const n = items.length;
  const weights = new Float64Array(n);
  const d = k + 1;
  const a = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let j = 0; j < n; j++) {
    const io = items[j] * k;
    weights[j] = values[j] - model.globalMean - model.itemBias[items[j]];
    for (let r = 0; r < k; r++) {
      rhs[r] += weights[j] * y[io + r];
      a[k * d + r] += y[io + r];
      for (let c = 0; c <= r; c++) a[r * d + c] += y[io + r] * y[io + c];
    }
    rhs[k] += weights[j];
  }
  const { lambda, pseudoCount, biasLambda } = model.params;
  for (let r = 0; r < k; r++) a[r * d + r] += lambda * (n + pseudoCount);
  a[k * d + k] += n + biasLambda;
  return { a, rhs, d, weights };
}

/** Solves a user's factors (and bias) from their current ratings against fixed item factors. */
export function foldInUser(model: AlsModel, ratings: readonly RatingInput[]): UserProfile {
  if (model.kind === 'implicit') return new ImplicitFoldIn(model, ratings).profile;
  const { items, values } = knownRatings(model, ratings);
  const k = model.rank;
  if (items.length === 0) return { factors: new Float64Array(k), bias: 0, items, ratings: values };
  const { a, rhs, d } = explicitSystem(model, items, values);
  solveSymmetric(a, new Float64Array(d * d), rhs, d);
  return { factors: rhs.slice(0, k), bias: rhs[k], items, ratings: values };
}

/** The profile learned in training for a known user (no rated-item list), or undefined. */
export function trainedUserProfile(model: AlsModel, userId: number): UserProfile | undefined {
  const user = indexOfId(model.userIds, userId);
  if (user === undefined) return undefined;
  const k = model.rank;
  return {
    factors: model.userFactors.slice(user * k, (user + 1) * k),
    bias: model.kind === 'explicit' ? model.userBias[user] : 0,
    items: new Int32Array(0),
    ratings: new Float64Array(0),
  };
}

/** Top-k for a profile, leaving out its rated items and `exclude`. */
export function recommendForProfile(model: AlsModel, profile: UserProfile, options: RecommendOptions = {}): Recommendation[] {
  const excluded = excludedItems(model, profile.items, options.exclude);
  const scores = scoreItems(model, profile.factors, profile.bias, new Float64Array(model.itemIds.length));
  return Array.from(
    topK(scores, options.k ?? 10, (item) => excluded.has(item)),
    (item) => ({
      itemId: model.itemIds[item],
      score: model.kind === 'explicit' ? clipRating(scores[item]) : scores[item],
      source: 'model' as const,
    }),
  );
}

/** Fold-in + top-k; falls back to the cold-start ranking when no rated item is known to the model. */
export function recommend(model: AlsModel, ratings: readonly RatingInput[], options: RecommendOptions = {}): Recommendation[] {
  const profile = foldInUser(model, ratings);
  if (profile.items.length > 0) return recommendForProfile(model, profile, options);
  return coldStartRanking(model, { ...options, exclude: [...ratings.map((r) => r.itemId), ...(options.exclude ?? [])] });
}

function excludedItems(model: AlsModel, rated: Int32Array, exclude: Iterable<number> | undefined): Set<number> {
  const excluded = new Set<number>(rated);
  for (const id of exclude ?? []) {
    const item = indexOfId(model.itemIds, id);
    if (item !== undefined) excluded.add(item);
  }
  return excluded;
}

/**
 * Predicted rating (0.5..5) by external ids. An unknown user (or one given by `profile`) and an
 * unknown item fall back to the bias terms that exist, down to the global mean.
 */
export function predictRating(model: ExplicitModel, userId: number | UserProfile, itemId: number): number {
  const item = indexOfId(model.itemIds, itemId);
  if (typeof userId === 'number') return predictIndex(model, indexOfId(model.userIds, userId), item);
  let value = model.globalMean + userId.bias;
  if (item !== undefined) {
    value += model.itemBias[item];
    for (let r = 0; r < model.rank; r++) value += userId.factors[r] * model.itemFactors[item * model.rank + r];
  }
  return clipRating(value);
}

export interface SimilarItem {
  itemId: number;
  similarity: number;
}

export interface SimilarOptions {
  k?: number;
  minRatings?: number;
  /** With genres, similarity = cosine · (1 − w + w·Jaccard(genres)), w = SIMILAR_GENRE_WEIGHT. */
  genres?: ItemGenres;
}

/**
 * Top-k items by cosine similarity of item factors, weighted by genre overlap when `genres` are
 * given (co-rating alone makes every popular movie "like" every other one); [] for an unknown item.
 */
export function similarItems(model: AlsModel, itemId: number, options: SimilarOptions = {}): SimilarItem[] {
  const item = indexOfId(model.itemIds, itemId);
  if (item === undefined) return [];
  const input = {
    rank: model.rank,
    itemFactors: model.itemFactors,
    itemCounts: model.itemCounts,
    norms: itemNorms(model),
    genres: options.genres,
  };
  const k = options.k ?? 10;
  const { neighbours, similarities } = similarBlock(input, Int32Array.of(item), k, options.minRatings ?? 1);
  const found = neighbours.indexOf(-1);
  return Array.from(neighbours.subarray(0, found < 0 ? k : found), (j, r) => ({ itemId: model.itemIds[j], similarity: similarities[r] }));
}

export interface ColdStartOptions extends RecommendOptions {
  /** Pseudo-ratings at the global mean added to every item (Bayesian average); default 25. */
  damping?: number;
}

/**
 * Non-personalised ranking for unknown users: the damped (Bayesian-average) mean rating
 * (n·mean + m·μ) / (n + m), which favours items both well rated and widely rated.
 */
export function coldStartRanking(model: AlsModel, options: ColdStartOptions = {}): Recommendation[] {
  const damping = options.damping ?? 25;
  const scores = new Float64Array(model.itemIds.length);
  for (let i = 0; i < scores.length; i++) {
    const n = model.itemCounts[i];
    scores[i] = (n * model.itemMeans[i] + damping * model.globalMean) / (n + damping);
  }
  const excluded = excludedItems(model, new Int32Array(0), options.exclude);
  return Array.from(
    topK(scores, options.k ?? 10, (i) => excluded.has(i)),
    (i) => ({
      itemId: model.itemIds[i],
      score: scores[i],
      source: 'cold-start' as const,
    }),
  );
}

/**
 * "Because you rated X": the score's user-dependent part is linear in the user's ratings,
 * x_u = A⁻¹ Σ_j w_j z_j, so item i's score splits exactly into w_j · z_iᵀA⁻¹z_j per rated item j
 * (Hu, Koren, Volinsky 2008, §5; w_j is the confidence, or the rating's residual for explicit).
 * Returns the `limit` largest contributions, largest first.
 */
export function explainRecommendation(model: AlsModel, ratings: readonly RatingInput[], itemId: number, limit = 1): Explanation[] {
  if (model.kind === 'implicit') return new ImplicitFoldIn(model, ratings).explain(itemId, limit);
  const target = indexOfId(model.itemIds, itemId);
  const { items, values } = knownRatings(model, ratings);
  if (target === undefined || items.length === 0) return [];
  const { a, d, weights } = explicitSystem(model, items, values);
  const k = model.rank;
  const feature = (item: number, out: Float64Array) => {
    out.set(model.itemFactors.subarray(item * k, (item + 1) * k));
    out[k] = 1;
    return out;
  };
  const solved = feature(target, new Float64Array(d));
  solveSymmetric(a, new Float64Array(d * d), solved, d);
  const z = new Float64Array(d);
  const explanations = Array.from(items, (item, j) => {
    feature(item, z);
    let s = 0;
    for (let r = 0; r < d; r++) s += solved[r] * z[r];
    return { itemId: model.itemIds[item], rating: values[j], contribution: weights[j] * s };
  });
  return explanations.sort((p, q) => q.contribution - p.contribution).slice(0, limit);
}
