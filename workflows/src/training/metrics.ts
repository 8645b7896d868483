/**
 * What a retrain records about the version it trains: the sections of the model_versions row (params, metrics,
 * data_counts, timings) and of the model's manifest. The workflow builds them, the worker stores them as JSON,
 * the API reads them back. Types only (and the stage list): safe inside workflow code.
 */
import type { ImplicitRankingEvaluation, NewUserEvaluation } from './evaluation';
import type { PromotionDecision } from './promotion';
import type {
  DataCounts,
  ExplicitGridSpec,
  ExplicitParamsSpec,
  ImplicitGridSpec,
  ImplicitParamsSpec,
  MetricsSummary,
  PromotionBaseline,
  PromotionTolerance,
  RetrainTrigger,
  StageTimings,
  TuningProtocolKind,
} from './retrain';
import type { CrossValidationFigures, ExplicitConfigurationResult, ImplicitConfigurationResult } from './tuning';

// The sections are type aliases, not interfaces: ModelStore's manifest takes them as plain JSON records.

/** The hyperparameters chosen for both models (`model_versions.params`; `{}` until the tuning chose them). */
export type ChosenParams = { explicit: ExplicitParamsSpec; implicit: ImplicitParamsSpec };

/** How a tuning measured (absent in versions tuned before the holdout protocol: k-fold on all users). */
interface TuningProtocolRecord {
  protocol?: TuningProtocolKind;
  /** Holdout: users of the sample (null: all users). */
  sampleUsers?: number | null;
  /** Holdout: share of the configurations kept at each sweep checkpoint. */
  keepFraction?: number;
}

/**
 * The explicit model's tuning (`metrics.explicit.tuning`): k-fold CV over the grid with successive halving over folds,
 * or (holdout) fold 0 of the sample with successive halving over sweeps.
 */
export interface ExplicitTuningRecord extends TuningProtocolRecord {
  folds: number;
  /** Configurations (best on the first fold) cross-validated on all folds. */
  finalists: number;
  seed: number;
  grid: ExplicitGridSpec;
  /** The lowest mean CV RMSE among the configurations seen on the most folds: the chosen parameters. */
  best: ExplicitConfigurationResult;
  /** Every (configuration, iteration checkpoint) with its mean figures over the folds it was evaluated on. */
  configurations: ExplicitConfigurationResult[];
}

/** The implicit model's tuning (`metrics.implicit.tuning`): validation NDCG@k over the grid. */
export interface ImplicitTuningRecord extends TuningProtocolRecord {
  k: number;
  testFraction: number;
  validationFraction: number;
  seed: number;
  grid: ImplicitGridSpec;
  /** The highest validation NDCG@k: the chosen parameters. */
  best: ImplicitConfigurationResult;
  /** Every (configuration, iteration checkpoint) with its validation ranking figures. */
  configurations: ImplicitConfigurationResult[];
}

/**
 * What the candidate was compared with (`metrics.baseline`): the active model's figures and, when its parameters were
 * re-evaluated on this snapshot, the evaluations behind them (`newUser` only in retrains that run the new-user protocol).
 */
export interface RetrainBaseline extends PromotionBaseline {
  explicitCv?: CrossValidationFigures;
  implicitRanking?: ImplicitRankingEvaluation;
  newUser?: NewUserEvaluation | null;
}

/** The promotion's record (`metrics.promotion`, written by promoteModelVersion). */
export interface PromotionRecord {
  reason: string;
  decision: PromotionDecision;
  /** The workflow's baseline, or the stored figures of a model promoted during the retrain; null when none. */
  comparedWith: PromotionBaseline | null;
  previousActiveVersion: string | null;
  force: boolean;
  tolerance: PromotionTolerance;
}

/** Runs of the tuning activities: trained by an attempt, reused from an earlier one, and attempts that resumed. */
export type TuningRunCounts = { computed: number; reused: number; retriedActivities: number };

/** Everything the retrain evaluated (`model_versions.metrics` once the final models are stored). */
export type RetrainMetrics = {
  trigger: RetrainTrigger;
  summary: MetricsSummary;
  /** k-fold CV of the chosen explicit parameters, and the tuning that chose them. */
  explicit: { cv: CrossValidationFigures; tuning: ExplicitTuningRecord };
  /** The ranking protocol of the chosen implicit parameters next to popularity, and the tuning that chose them. */
  implicit: { ranking: ImplicitRankingEvaluation; tuning: ImplicitTuningRecord };
  /** The new-user protocol; absent in retrains started before it existed. */
  newUser?: NewUserEvaluation | null;
  /** Null when there was no active model (or none with comparable figures). */
  baseline: RetrainBaseline | null;
  tuningRuns: TuningRunCounts;
  /** Added by the promotion. */
  promotion?: PromotionRecord;
};

/** `model_versions.metrics` at any time: `{ trigger }` from the snapshot until the final training stores the rest. */
export type StoredRetrainMetrics = Partial<RetrainMetrics>;

/** The sections the final training stores in model_versions and the manifest. */
export type ModelVersionDetails = {
  params: ChosenParams;
  metrics: RetrainMetrics;
  dataCounts: DataCounts;
  timings: StageTimings;
};
