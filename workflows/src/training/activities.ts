/**
 * Contracts of the training activities (implemented by the worker's TrainingActivitiesService). Payloads stay
 * small: ratings and models travel through object storage (`models/<version>/...`), never through Temporal.
 */
import type { ExplicitUnitResult, ImplicitRankingEvaluation, ImplicitUnitResult, NewUserEvaluation } from './evaluation';
import type { ModelVersionDetails } from './metrics';
import type { PromotionDecision } from './promotion';
import type { ExplicitTuningUnit, ImplicitTuningUnit } from './tuning';
import type {
  ExplicitParamsSpec,
  ImplicitParamsSpec,
  MetricsSummary,
  PromotionBaseline,
  PromotionTolerance,
  RetrainTrigger,
  StageTimings,
} from './retrain';

/** The ratings a version is trained on, as stored by createTrainingSnapshot. */
export interface TrainingSnapshot {
  version: string;
  /**
   * `models/<version>/snapshot/ratings.bin` (format reelrank-ratings-v2): 17-byte records (int32 LE userId, int32 LE movieId,
   * uint8 rating×2, float64 LE rated_at in Unix seconds), ordered by user, movie.
   */
  key: string;
  /** The database time of the snapshot (ISO 8601); ratings newer than this are not in the model. */
  snapshotAt: string;
  /** The ratings change watermark of the snapshot (its pg_snapshot; absent in snapshots taken before it existed). */
  ratingsWatermark?: string;
  ratings: number;
  users: number;
  movies: number;
  bytes: number;
  seconds: number;
}

export interface CreateTrainingSnapshotInput {
  version: string;
  workflowId: string;
  trigger: RetrainTrigger;
}

/**
 * `sampleUsers` (the holdout protocol): the runs and evaluations use the ratings of that many users drawn with the
 * seed (the engine's sampleUsers); absent (k-fold, and retrains started before the holdout protocol): all users.
 */
interface OnSample {
  sampleUsers?: number | null;
}

export interface ExplicitTuningBatchInput extends OnSample {
  snapshot: TrainingSnapshot;
  folds: number;
  /** Seed of the fold assignment (ratings shuffled, dealt round-robin), as in crossValidate. */
  seed: number;
  units: ExplicitTuningUnit[];
}

export interface ImplicitTuningBatchInput extends OnSample {
  snapshot: TrainingSnapshot;
  seed: number;
  k: number;
  testFraction: number;
  validationFraction: number;
  units: ImplicitTuningUnit[];
}

export interface TuningBatchResult<R> {
  results: R[];
  /** Runs trained by this attempt. */
  computed: number;
  /** Runs taken from an earlier attempt (heartbeat details) or an S3 marker. */
  reused: number;
  attempt: number;
}

/** Heartbeat details of the tuning activities: the finished runs of the attempt, and where the current one is. */
export interface TuningHeartbeat<R> {
  completed: R[];
  current?: { configKey: string; fold?: number; sweep: number; sweeps: number };
}

export interface EvaluateImplicitRankingInput extends OnSample {
  snapshot: TrainingSnapshot;
  params: ImplicitParamsSpec;
  k: number;
  testFraction: number;
  seed: number;
}

export interface EvaluateNewUsersInput extends OnSample {
  snapshot: TrainingSnapshot;
  /** Both models of the product's ranking are trained with these, per group. */
  params: { explicit: ExplicitParamsSpec; implicit: ImplicitParamsSpec };
  k: number;
  seed: number;
}

/** The serving model, for the promotion comparison. */
export interface ActiveModelDescription {
  version: string;
  params: { explicit?: ExplicitParamsSpec; implicit?: ImplicitParamsSpec };
  summary?: MetricsSummary;
  snapshotAt: string;
  promotedAt: string;
}

export interface TrainAndStoreInput {
  snapshot: TrainingSnapshot;
  explicitParams: ExplicitParamsSpec;
  implicitParams: ImplicitParamsSpec;
  details: ModelVersionDetails;
}

export interface StoredModels {
  version: string;
  storagePrefix: string;
  manifestKey: string;
  /** Seconds of final training per model. */
  trainSeconds: { explicit: number; implicit: number };
  storeSeconds: number;
}

export interface PublishRecommendationsInput {
  snapshot: TrainingSnapshot;
  topN: number;
  similarK: number;
  similarMinRatings: number;
}

export interface PublishRecommendationsResult {
  users: number;
  recommendations: number;
  /** Movies with a similar-movies list. */
  moviesWithSimilar: number;
  similarRows: number;
  seconds: number;
}

export interface PromoteModelVersionInput {
  version: string;
  workflowId: string;
  /** `newUserLikedPrecisionAtK`: null when the new-user protocol was not run (see NewUserEvaluation.skipped). */
  candidate: { explicitRmse: number; implicitNdcgAtK: number; newUserLikedPrecisionAtK?: number | null };
  /** The active model's figures as evaluated by the workflow (null: none, or none comparable). */
  baseline: PromotionBaseline | null;
  /** The active version when the workflow evaluated (null: none). If another was promoted since, its stored figures are used. */
  expectedActiveVersion: string | null;
  force: boolean;
  tolerance: PromotionTolerance;
  /** Merged into model_versions.timings. */
  timings: StageTimings;
}

export interface PromotionOutcome {
  version: string;
  status: 'READY' | 'REJECTED';
  promoted: boolean;
  reason: string;
  previousActiveVersion: string | null;
  activeVersion: string | null;
  /** What the decision compared with (the workflow's baseline, or the stored figures of a model promoted meanwhile). */
  comparedWith: PromotionBaseline | null;
  decision: PromotionDecision;
}

/** Whether any rating changed since the active model's snapshot (by its ratings change watermark). */
export type RatingsSinceActiveModel =
  | { changed: false; activeVersion: string; snapshotAt: string }
  | { changed: true; reason: 'no active model' | 'the active model has no ratings watermark' | 'ratings changed' };

/** Settings of the engagement trigger from the worker's environment (RETRAIN_MIN_NEW_RATINGS, RETRAIN_QUIET_SECONDS). */
export interface RetrainTriggerSettings {
  minNewRatings: number;
  quietPeriodSeconds: number;
}

/** ApplicationFailure types the retrain never retries. */
export const TRAINING_NON_RETRYABLE_ERRORS = ['ModelVersionExists', 'NotEnoughRatings', 'InvalidRetrainInput', 'SnapshotMismatch'] as const;

export interface TrainingActivities {
  /** Streams the ratings into `models/<version>/snapshot/` and inserts the model_versions row (TRAINING). */
  createTrainingSnapshot(input: CreateTrainingSnapshotInput): Promise<TrainingSnapshot>;
  /** Explicit tuning runs; heartbeats every sweep, skips runs finished by an earlier attempt. */
  runExplicitTuningUnits(input: ExplicitTuningBatchInput): Promise<TuningBatchResult<ExplicitUnitResult>>;
  /** Implicit tuning runs; heartbeats every sweep, skips runs finished by an earlier attempt. */
  runImplicitTuningUnits(input: ImplicitTuningBatchInput): Promise<TuningBatchResult<ImplicitUnitResult>>;
  /** The ranking protocol (rankEvaluate) for one implicit parameter set, with the popularity baseline. */
  evaluateImplicitRanking(input: EvaluateImplicitRankingInput): Promise<ImplicitRankingEvaluation>;
  /**
   * The new-user protocol for one explicit + implicit parameter set: both models trained per group on the
   * worker's ALS pool, the product's ranking next to popularity and explicit-by-prediction. Heartbeats every
   * sweep and group.
   */
  evaluateNewUsers(input: EvaluateNewUsersInput): Promise<NewUserEvaluation>;
  /** The active model (null when none). */
  describeActiveModel(): Promise<ActiveModelDescription | null>;
  /** Trains both final models on the whole snapshot and stores them with ModelStore.save; updates model_versions. */
  trainAndStoreModels(input: TrainAndStoreInput): Promise<StoredModels>;
  /** Writes user_recommendations and similar_movies of the version (replacing any earlier attempt's rows). */
  publishRecommendations(input: PublishRecommendationsInput): Promise<PublishRecommendationsResult>;
  /** One transaction: READY + active_model, or REJECTED with the reason. Idempotent. */
  promoteModelVersion(input: PromoteModelVersionInput): Promise<PromotionOutcome>;
  /** Marks the version FAILED (only while TRAINING and owned by `workflowId`). */
  markModelVersionFailed(input: { version: string; workflowId: string; error: string }): Promise<void>;
  /** Deletes versions beyond the newest `keep` (never the active one, never one still TRAINING): rows and objects. */
  pruneModelVersions(input: { keep: number }): Promise<string[]>;
  /**
   * Whether a rating was added, changed or removed (account deletions included) since the active model's snapshot:
   * exact, and cheap at any number of ratings (an index range of the changing transactions since the snapshot).
   */
  checkRatingsSinceActiveModel(): Promise<RatingsSinceActiveModel>;
  /** Ratings newer than the latest model version's snapshot (all ratings when there is none). */
  countRatingsSinceLatestModel(): Promise<number>;
  retrainTriggerSettings(): Promise<RetrainTriggerSettings>;
}
