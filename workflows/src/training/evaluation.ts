/** What the tuning, ranking and new-user evaluation activities measure: the figures a retrain records in its metrics. */
import type { ExplicitParamsSpec, ImplicitParamsSpec } from './retrain';

export interface AccuracyAtCheckpoint {
  iterations: number;
  rmse: number;
  mae: number;
}

/** Where a run's result came from: this attempt, an earlier attempt's heartbeat details, or its S3 marker. */
export type RunSource = 'computed' | 'heartbeat' | 'stored';

export interface ExplicitUnitResult {
  configKey: string;
  fold: number;
  checkpoints: AccuracyAtCheckpoint[];
  trainRatings: number;
  testRatings: number;
  seconds: number;
  source: RunSource;
}

export interface RankingFigures {
  precisionAtK: number;
  recallAtK: number;
  ndcgAtK: number;
  mapAtK: number;
  coverage: number;
  /** Users with at least one held-out item. */
  users: number;
}

export interface RankingAtCheckpoint extends RankingFigures {
  iterations: number;
}

export interface ImplicitUnitResult {
  configKey: string;
  checkpoints: RankingAtCheckpoint[];
  seconds: number;
  source: RunSource;
}

/** The ranking protocol's figures for one implicit parameter set, next to the popularity baseline. */
export interface ImplicitRankingEvaluation extends RankingFigures {
  k: number;
  testFraction: number;
  seed: number;
  params: ImplicitParamsSpec;
  popularity: RankingFigures;
  trainRatings: number;
  testRatings: number;
  seconds: number;
}

/** The new-user protocol's settings (the engine's NEW_USER_DEFAULTS; `k` and `seed` from the retrain). */
export interface NewUserProtocol {
  k: number;
  seed: number;
  /** Users with at least `minRatings` ratings are dealt into this many groups; each group in turn is "new". */
  groups: number;
  /** A new user's first `profileSize` ratings by time are the profile; the later ones are held out. */
  profileSize: number;
  minRatings: number;
  /** Held-out ratings ≥ likedMin are liked, ≤ dislikedMax disliked. */
  likedMin: number;
  dislikedMax: number;
}

/** One ranking's figures on the new-user protocol (the engine's NewUserMetrics), pooled over the groups. */
export interface NewUserFigures {
  /** Share of the top k the user later rated ≥ likedMin (users with at least one liked held-out movie). */
  likedPrecisionAtK: number;
  likedNdcgAtK: number;
  /** Share of the top k the user later rated ≤ dislikedMax. */
  dislikedShare: number;
  /** Share of the top k among the 2 % most-rated movies. */
  blockbusterShare: number;
  /** Distinct movies in all top-k lists / movies with ratings. */
  coverage: number;
  /** Users with at least one liked held-out movie. */
  users: number;
}

/**
 * The new-user protocol for one parameter set: the product's "for you" ranking (recommendForTaste with the
 * catalog's genres) next to popularity (most-rated training movies) and explicit ALS by predicted rating.
 */
export interface NewUserEvaluation extends NewUserProtocol {
  params: { explicit: ExplicitParamsSpec; implicit: ImplicitParamsSpec };
  /** The three rankings' figures; all null when the snapshot cannot run the protocol (`skipped` says why). */
  product: NewUserFigures | null;
  popularity: NewUserFigures | null;
  explicitByPrediction: NewUserFigures | null;
  skipped: string | null;
  /** Users of the protocol (with ≥ minRatings ratings), in all groups. */
  eligibleUsers: number;
  /** Movies of the snapshot with genres (the product's genre factor uses them). */
  moviesWithGenres: number;
  seconds: number;
}
