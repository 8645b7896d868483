/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): an item-item model
 * B = I − P·diag(1/diag P), P = (XᵀX + λI)⁻¹, over binary likes. Here a baseline for the new-user
 * protocol, not a serving model: its n×n inverse limits it to the movies with at least
 * `minRatings` ratings (about 2,300 on ml-latest-small).
 */
import { topK } from './kernel';
import { indexOfId } from './model';
import { Ratings } from './ratings';
import type { RatingInput } from './profile';

export interface EaseParams {
  lambda: number;
  /** Ratings ≥ this are likes (X = 1). */
  likeThreshold: number;
  minRatings: number;
}

/** λ: the best liked-P@10 of the new-user protocol on ml-latest-small whose coverage stays ≥ 10× popularity's (README). */
export const DEFAULT_EASE_PARAMS: EaseParams = { lambda: 6000, likeThreshold: 3.5, minRatings: 10 };

export interface EaseModel {
  /** Column → external movie id. */
  itemIds: Int32Array;
  /** n×n row-major weights, zero diagonal: score_j = Σ_i x_i·B[i][j]. */
  weights: Float64Array;
  likeThreshold: number;
}

export function trainEase(ratings: Ratings, params: Partial<EaseParams> = {}): EaseModel {
  const { lambda, likeThreshold, minRatings } = { ...DEFAULT_EASE_PARAMS, ...params };
  const counts = new Int32Array(ratings.itemIds.length);
  for (const item of ratings.items) counts[item]++;
  const column = new Int32Array(counts.length).fill(-1);
  const kept: number[] = [];
  counts.forEach((count, item) => {
    if (count >= minRatings) column[item] = kept.push(item) - 1;
  });
  const n = kept.length;
  const likesByUser: number[][] = Array.from({ length: ratings.userIds.length }, () => []);
  for (let r = 0; r < ratings.values.length; r++) {
    const c = column[ratings.items[r]];
    if (c >= 0 && ratings.values[r] >= likeThreshold) likesByUser[ratings.users[r]].push(c);
  }
  const gram = new Float64Array(n * n);
  for (const likes of likesByUser) for (const a of likes) for (const b of likes) gram[a * n + b]++;
  for (let i = 0; i < n; i++) gram[i * n + i] += lambda;
  const p = invertSymmetric(gram, n);
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) weights[i * n + j] = i === j ? 0 : -p[i * n + j] / p[j * n + j];
  return { itemIds: Int32Array.from(kept, (item) => ratings.itemIds[item]), weights, likeThreshold };
}

/** Top-k movie ids for a profile (its liked movies as X), leaving out the profile's movies. */
export function easeRecommend(model: EaseModel, profile: readonly RatingInput[], k: number): number[] {
  const n = model.itemIds.length;
  const scores = new Float64Array(n);
  const excluded = new Set<number>();
  for (const { itemId, rating } of profile) {
    const i = indexOfId(model.itemIds, itemId);
    if (i === undefined) continue;
    excluded.add(i);
    if (rating < model.likeThreshold) continue;
    for (let j = 0; j < n; j++) scores[j] += model.weights[i * n + j];
  }
  return Array.from(
    topK(scores, k, (j) => excluded.has(j)),
    (j) => model.itemIds[j],
  );
}

/** Inverse of a symmetric positive definite matrix by Cholesky (A = LLᵀ, A⁻¹ = L⁻ᵀL⁻¹). */
function invertSymmetric(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const jr = j * n;
    let pivot = a[jr + j];
    for (let p = 0; p < j; p++) pivot -= l[jr + p] * l[jr + p];
    const diagonal = Math.sqrt(pivot);
    l[jr + j] = diagonal;
    for (let i = j + 1; i < n; i++) {
      const ir = i * n;
      let s = a[ir + j];
      for (let p = 0; p < j; p++) s -= l[ir + p] * l[jr + p];
      l[ir + j] = s / diagonal;
    }
  }
  // M = L⁻¹ (lower triangular), row by row.
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ir = i * n;
    m[ir + i] = 1 / l[ir + i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let p = j; p < i; p++) s += l[ir + p] * m[p * n + j];
      m[ir + j] = -s / l[ir + i];
    }
  }
  // A⁻¹ = MᵀM: entry (i, j) = Σ_{p ≥ max(i, j)} M[p][i]·M[p][j].
  const inverse = new Float64Array(n * n);
  for (let p = 0; p < n; p++) {
    const pr = p * n;
    for (let i = 0; i <= p; i++) {
      const mi = m[pr + i];
      if (mi === 0) continue;
      const ir = i * n;
      for (let j = 0; j <= i; j++) inverse[ir + j] += mi * m[pr + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inverse[j * n + i] = inverse[i * n + j];
  return inverse;
}
