import { confidenceOf, gramMatrix } from './als';
import { choleskyFactor, choleskySolve, dot } from './kernel';
import { indexOfId, ImplicitModel } from './model';
import type { Explanation, RatingInput, UserProfile } from './profile';

const gramCache = new WeakMap<Float64Array, Float64Array>();

/** YᵀY + λI of an implicit model (full symmetric, row-major), computed once per model. */
function implicitGram(model: ImplicitModel): Float64Array {
  let gram = gramCache.get(model.itemFactors);
  if (!gram) {
    gram = gramMatrix(model.itemFactors, model.rank, model.params.lambda, new Float64Array(model.rank * model.rank));
    gramCache.set(model.itemFactors, gram);
  }
  return gram;
}

/**
 * A user folded into an implicit model (the training equations of a user row against fixed item
 * factors), with the normal-equation matrix factored once so that explaining many recommendations
 * costs one triangular solve and one pass over the rated items each (explaining 20 picks for a user
 * with 2,700 ratings at rank 64: ~10 ms, against ~340 ms when the O(n·k²) matrix is rebuilt per pick).
 *
 * A = YᵀY + λI + Σ_j (c_j − 1)·y_j·y_jᵀ,  x = A⁻¹ Σ_j c_j·p_j·y_j,  share of rated item j in the score
 * of item i = c_j·p_j · y_iᵀA⁻¹y_j: a disliked item (p_j = 0) pushes scores down through A and never
 * has a share.
 */
export class ImplicitFoldIn {
  readonly profile: UserProfile;
  private readonly chol: Float64Array | null;
  private readonly model: ImplicitModel;
  private readonly weights: Float64Array;

  constructor(model: ImplicitModel, ratings: readonly RatingInput[]) {
    this.model = model;
    const items: number[] = [];
    const values: number[] = [];
    for (const { itemId, rating } of ratings) {
      const item = indexOfId(model.itemIds, itemId);
      if (item === undefined || !Number.isFinite(rating)) continue;
      items.push(item);
      values.push(rating);
    }
    const k = model.rank;
    const y = model.itemFactors;
    const n = items.length;
    this.weights = new Float64Array(n);
    const profileItems = Int32Array.from(items);
    const profileRatings = Float64Array.from(values);
    if (n === 0) {
      this.chol = null;
      this.profile = { factors: new Float64Array(k), bias: 0, items: profileItems, ratings: profileRatings };
      return;
    }
    const a = Float64Array.from(implicitGram(model));
    const rhs = new Float64Array(k);
    // The rated items' factors by factor (k rows of n), plain and scaled by c_j − 1, so that every
    // entry of Σ_j (c_j − 1)·y_j·y_jᵀ is one sequential dot product (several times faster than
    // accumulating n rank-one updates into A for users with thousands of ratings).
    const z = new Float64Array(k * n);
    const zScaled = new Float64Array(k * n);
    for (let j = 0; j < n; j++) {
      const io = items[j] * k;
      const signed = confidenceOf(values[j], model.params);
      const confidence = Math.abs(signed);
      this.weights[j] = signed > 0 ? confidence : 0;
      for (let r = 0; r < k; r++) {
        const yr = y[io + r];
        rhs[r] += this.weights[j] * yr;
        z[r * n + j] = yr;
        zScaled[r * n + j] = (confidence - 1) * yr;
      }
    }
    for (let r = 0; r < k; r++) {
      for (let c = 0; c <= r; c++) a[r * k + c] += dot(zScaled, r * n, z, c * n, n);
    }
    this.chol = new Float64Array(k * k);
    if (!choleskyFactor(a, this.chol, k)) throw new RangeError('implicit fold-in: the normal equations are singular (λ must be positive)');
    choleskySolve(this.chol, rhs, k);
    this.profile = { factors: rhs, bias: 0, items: profileItems, ratings: profileRatings };
  }

  /**
   * The rated item with the largest positive share of `itemId`'s score among those rated at least
   * `minRating` (what `explain(itemId, all)` would list first after filtering), without sorting all shares.
   */
  strongestReason(itemId: number, minRating: number): Explanation | null {
    const target = indexOfId(this.model.itemIds, itemId);
    const { items, ratings } = this.profile;
    if (!this.chol || target === undefined) return null;
    const k = this.model.rank;
    const y = this.model.itemFactors;
    const solved = y.slice(target * k, (target + 1) * k);
    choleskySolve(this.chol, solved, k);
    let best = -1;
    let bestShare = 0;
    for (let j = 0; j < items.length; j++) {
      if (!(ratings[j] >= minRating)) continue;
      const io = items[j] * k;
      let s = 0;
      for (let r = 0; r < k; r++) s += solved[r] * y[io + r];
      const share = this.weights[j] * s;
      if (share > bestShare) {
        best = j;
        bestShare = share;
      }
    }
    return best < 0 ? null : { itemId: this.model.itemIds[items[best]], rating: ratings[best], contribution: bestShare };
  }

  /** The rated items that contribute most to `itemId`'s score, largest first (like explainRecommendation). */
  explain(itemId: number, limit = 1): Explanation[] {
    const target = indexOfId(this.model.itemIds, itemId);
    const { items, ratings } = this.profile;
    if (!this.chol || target === undefined) return [];
    const k = this.model.rank;
    const y = this.model.itemFactors;
    const solved = y.slice(target * k, (target + 1) * k);
    choleskySolve(this.chol, solved, k);
    const explanations = Array.from(items, (item, j) => {
      const io = item * k;
      let s = 0;
      for (let r = 0; r < k; r++) s += solved[r] * y[io + r];
      return { itemId: this.model.itemIds[item], rating: ratings[j], contribution: this.weights[j] * s };
    });
    return explanations.sort((p, q) => q.contribution - p.contribution).slice(0, limit);
  }
}
