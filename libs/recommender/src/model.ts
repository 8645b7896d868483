/** Trained model shapes shared by training, serving, evaluation and serialisation. */

export type ConfidenceScaling = 'linear' | 'log';

export interface ExplicitParams {
  rank: number;
  /**
   * ALS-WR factor regularisation: a user/item with n ratings is penalised λ·(n + pseudoCount).
   * pseudoCount = 0 is plain ALS-WR; a positive value shrinks sparse rows harder (see README).
   */
  lambda: number;
  pseudoCount: number;
  /** Bias regularisation: a fixed damping λ_b (not scaled), i.e. b = Σ residual / (n + λ_b). */
  biasLambda: number;
  iterations: number;
  seed: number;
}

export interface ImplicitParams {
  rank: number;
  /** Plain (unweighted) λ as in Hu, Koren, Volinsky. */
  lambda: number;
  alpha: number;
  /** linear: c = 1 + α·r; log: c = 1 + α·log(1 + r/ε). */
  confidence: ConfidenceScaling;
  epsilon: number;
  /**
   * Ratings at or above this are likes (preference 1); ratings below it are dislikes: preference 0
   * with confidence 1 + α·dislikeWeight·(likeThreshold − r), evidence against the item. 0 (or
   * absent, as in models saved before it existed) makes every rating a like.
   */
  likeThreshold?: number;
  dislikeWeight?: number;
  /**
   * How each sweep solves a row's equations: 'exact' (Cholesky) or 'cg' (`cgSteps` conjugate-gradient
   * steps warm-started from the row's current factors). Absent, as in models saved before it existed: exact.
   */
  solver?: ImplicitSolver;
  cgSteps?: number;
  iterations: number;
  seed: number;
}

export type ImplicitSolver = 'exact' | 'cg';

interface ModelBase {
  rank: number;
  /** Dense index → external id. */
  userIds: Int32Array;
  itemIds: Int32Array;
  /** Row-major factors: user u occupies `userFactors[u*rank .. u*rank+rank-1]`. */
  userFactors: Float64Array;
  itemFactors: Float64Array;
  /** Training statistics used by cold-start ranking and popularity. */
  globalMean: number;
  itemCounts: Int32Array;
  itemMeans: Float64Array;
  userCounts: Int32Array;
}

export interface ExplicitModel extends ModelBase {
  kind: 'explicit';
  params: ExplicitParams;
  userBias: Float64Array;
  itemBias: Float64Array;
}

export interface ImplicitModel extends ModelBase {
  kind: 'implicit';
  params: ImplicitParams;
}

export type AlsModel = ExplicitModel | ImplicitModel;

/** Tuned on ml-latest-small with `tune --model explicit --folds 5 --seed 42`. */
export const DEFAULT_EXPLICIT_PARAMS: ExplicitParams = {
  rank: 30,
  lambda: 0.08,
  pseudoCount: 40,
  biasLambda: 2,
  iterations: 20,
  seed: 42,
};

/**
 * Chosen with the new-user protocol on ml-latest-small (seed 42; README "Taste"): rank 32, λ 50 and
 * ratings below 3★ as dislikes; α 4 log confidence from `tune --model implicit`. Exact solves (no
 * `solver`): at rank 32 conjugate gradient saved 15 % of a sweep and lost a little on ml-latest-small
 * (README "Solvers: exact or conjugate gradient").
 */
export const DEFAULT_IMPLICIT_PARAMS: ImplicitParams = {
  rank: 32,
  lambda: 50,
  alpha: 4,
  confidence: 'log',
  epsilon: 1,
  likeThreshold: 3,
  dislikeWeight: 1,
  iterations: 10,
  seed: 42,
};

/** Cached external-id → dense-index maps. */
const indexCache = new WeakMap<Int32Array, Map<number, number>>();

export function indexOfId(ids: Int32Array, id: number): number | undefined {
  let index = indexCache.get(ids);
  if (!index) {
    index = new Map();
    for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
    indexCache.set(ids, index);
  }
  return index.get(id);
}
