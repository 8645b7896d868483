import { defineQuery } from '@temporalio/workflow';

/**
 * Contracts of the retraining workflow shared by the API (which starts retrains and shows their progress),
 * the pipeline (which starts one as a child), the worker (which runs the activities) and the tests.
 * Pure and deterministic: safe inside workflow code. Parameter shapes mirror @reelrank/recommender's
 * ExplicitParams / ImplicitParams (the workflow package does not depend on the engine).
 */

export type RetrainTrigger = 'pipeline' | 'schedule' | 'engagement' | 'manual';

/**
 * Triggers whose retrain is skipped when no rating changed since the active model's snapshot. A manual retrain
 * always trains (an admin asked for it: other grids, a fresh start), and so does the pipeline's (after an import).
 */
export const SKIPPABLE_RETRAIN_TRIGGERS: readonly RetrainTrigger[] = ['schedule', 'engagement'];

/** The training snapshot's size (`model_versions.data_counts`). */
export type DataCounts = { ratings: number; users: number; movies: number; snapshotAt: string };

/** The stages that take time, in the order the retrain runs them (the stage keys of StageTimings). */
export const TIMED_RETRAIN_STAGES = ['snapshot', 'tuning', 'evaluating', 'training', 'publishing', 'promoting'] as const;
export type TimedRetrainStage = (typeof TIMED_RETRAIN_STAGES)[number];

export const isTimedRetrainStage = (stage: string): stage is TimedRetrainStage =>
  (TIMED_RETRAIN_STAGES as readonly string[]).includes(stage);

/** `model_versions.timings`: seconds per stage (workflow time), the steps of the final training, and a failure's time. */
export type StageTimings = Partial<Record<TimedRetrainStage, number>> & {
  /** Inside the training stage: each final model's training, then storing both. */
  trainExplicitSeconds?: number;
  trainImplicitSeconds?: number;
  storeSeconds?: number;
  /** When the version was marked FAILED (PostgreSQL's time, ISO 8601). */
  failedAt?: string;
};

/** Values of the PipelineStage search attribute (and `progress().stage`). */
export const RETRAIN_STAGES = [
  'snapshot',
  'tuning',
  'evaluating',
  'training',
  'publishing',
  'promoting',
  'done',
  'rejected',
  'skipped',
  'failed',
] as const;
export type RetrainStage = (typeof RETRAIN_STAGES)[number];

export type ConfidenceScaling = 'linear' | 'log';

/** How tuning and evaluation measure configurations: k-fold CV (small data), or a holdout on a sample of users (large). */
export type TuningProtocolKind = 'kfold' | 'holdout';

/** Explicit ALS-WR with biases (rating prediction). */
export interface ExplicitParamsSpec {
  rank: number;
  lambda: number;
  pseudoCount: number;
  biasLambda: number;
  iterations: number;
  seed: number;
}

/** Implicit ALS (ranking). */
export interface ImplicitParamsSpec {
  rank: number;
  lambda: number;
  alpha: number;
  confidence: ConfidenceScaling;
  epsilon: number;
  iterations: number;
  seed: number;
}

/** Explicit tuning grid: every (rank, λ, pseudoCount, λ_b); `iterations` are checkpoints of one run each. */
export interface ExplicitGridSpec {
  ranks: number[];
  lambdas: number[];
  pseudoCounts: number[];
  biasLambdas: number[];
  iterations: number[];
}

/** Implicit tuning grid: every (rank, λ, α, confidence); `iterations` are checkpoints of one run each. */
export interface ImplicitGridSpec {
  ranks: number[];
  lambdas: number[];
  alphas: number[];
  confidences: ConfidenceScaling[];
  iterations: number[];
}

/**
 * The default grids of the tuner (the retrain's and `recommender tune`'s): small enough that a retrain of
 * ml-latest-small (100k ratings) takes a couple of minutes on 2 cores, and they contain the engine's defaults
 * (explicit rank 30 λ 0.08 pseudoCount 40 λ_b 2 × 20 sweeps; implicit rank 32 λ 50 α 4 log × 10 sweeps, the λ
 * range that serves new users well: see libs/recommender/README.md, "Taste"). The implicit like threshold and
 * dislike weight are the engine's.
 */
export const DEFAULT_EXPLICIT_GRID: ExplicitGridSpec = {
  ranks: [20, 30],
  lambdas: [0.06, 0.08, 0.1],
  pseudoCounts: [40],
  biasLambdas: [2],
  iterations: [10, 20],
};

export const DEFAULT_IMPLICIT_GRID: ImplicitGridSpec = {
  ranks: [16, 32],
  lambdas: [20, 50],
  alphas: [2, 4],
  confidences: ['log'],
  iterations: [10, 20],
};

/** Relative tolerances of the promotion check (see decidePromotion). */
export interface PromotionTolerance {
  /** The candidate's CV RMSE may exceed the active model's by this fraction (0.01 = 1 %). */
  rmse: number;
  /** The candidate's NDCG@k may fall below the active model's by this fraction (0.02 = 2 %). */
  ndcg: number;
  /**
   * The candidate's new-user liked-P@k (the product's ranking on the new-user protocol) may fall below the
   * active model's by this fraction (0.03 = 3 %).
   */
  newUser: number;
}

export const RETRAIN_DEFAULTS = {
  /** 'auto': k-fold up to kfoldMaxRatings ratings, a holdout on a sample of users above (see chooseTuningProtocol). */
  protocol: 'auto' as TuningProtocolKind | 'auto',
  /**
   * Above this many ratings one 1/folds holdout has ≥ 100k test ratings (five ml-latest-small folds): its RMSE moves
   * by ≈ 0.002 between splits, under the promotion tolerance, so k-fold's 5× cost buys nothing.
   */
  kfoldMaxRatings: 500_000,
  /** Holdout: the users sampled for tuning and evaluation hold about this many ratings. */
  sampleRatings: 500_000,
  /** Holdout: share of the configurations that continue to the next sweep checkpoint. */
  keepFraction: 1 / 3,
  /** Cross-validation folds of explicit tuning and of the final explicit evaluation (holdout: fold 0 of these). */
  folds: 5,
  /** k-fold: explicit configurations (best on fold 1) cross-validated on all folds. */
  finalists: 3,
  seed: 42,
  /** Ranking protocol: stratified split, `testFraction` held out per user, metrics @k. */
  k: 10,
  testFraction: 0.25,
  /** Implicit tuning validates on this fraction carved (stratified) from the ranking split's training part. */
  validationFraction: 0.25,
  /** Precomputed recommendations per user. */
  topN: 50,
  /** Precomputed similar movies per movie. */
  similarK: 20,
  /** Movies with fewer ratings get no similar-movies list and appear in none. */
  similarMinRatings: 10,
  /** Versions kept after a promotion: the newest `keepVersions` and the newest `keepVersions` READY ones, plus the active one; 0 keeps all. */
  keepVersions: 5,
  /** Tuning runs (configuration × fold) per activity. */
  unitsPerActivity: 2,
  /** Tuning activities in flight at once. */
  tuningConcurrency: 2,
  /**
   * newUser is looser than ndcg: the new-user protocol scores fewer users (only those with ≥ 40 ratings, from
   * a profile of their first ten), so its figure moves more between parameter sets of equal quality.
   */
  tolerance: { rmse: 0.01, ndcg: 0.02, newUser: 0.03 } as PromotionTolerance,
} as const;

export interface RetrainModelInput {
  trigger: RetrainTrigger;
  /** Defaults to modelVersionFromDate(workflow start time); start the workflow with id retrainWorkflowId(version). */
  modelVersion?: string;
  /** Promote even when the candidate is worse than the active model. */
  force?: boolean;
  /** Grid overrides (each given list replaces the default list). */
  explicitGrid?: Partial<ExplicitGridSpec>;
  implicitGrid?: Partial<ImplicitGridSpec>;
  protocol?: TuningProtocolKind | 'auto';
  kfoldMaxRatings?: number;
  sampleRatings?: number;
  keepFraction?: number;
  folds?: number;
  finalists?: number;
  seed?: number;
  topN?: number;
  similarK?: number;
  similarMinRatings?: number;
  tolerance?: Partial<PromotionTolerance>;
  keepVersions?: number;
  unitsPerActivity?: number;
  tuningConcurrency?: number;
}

/** RetrainModelInput with every default applied and validated (see resolveRetrainOptions). */
export interface RetrainOptions {
  explicitGrid: ExplicitGridSpec;
  implicitGrid: ImplicitGridSpec;
  protocol: TuningProtocolKind | 'auto';
  kfoldMaxRatings: number;
  sampleRatings: number;
  keepFraction: number;
  folds: number;
  finalists: number;
  seed: number;
  k: number;
  testFraction: number;
  validationFraction: number;
  topN: number;
  similarK: number;
  similarMinRatings: number;
  tolerance: PromotionTolerance;
  keepVersions: number;
  unitsPerActivity: number;
  tuningConcurrency: number;
  force: boolean;
}

/** Thrown by resolveRetrainOptions; the workflow fails with a non-retryable ApplicationFailure of this type. */
export const INVALID_RETRAIN_INPUT = 'InvalidRetrainInput';

/** Applies the defaults and validates the input; throws an Error naming every problem. */
export function resolveRetrainOptions(input: Partial<RetrainModelInput>): RetrainOptions {
  const problems: string[] = [];
  const int = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${name} must be an integer in ${min}..${max} (got ${value})`);
    return value;
  };
  const num = (name: string, value: number, min: number, max: number) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      problems.push(`${name} must be a number in ${min}..${max} (got ${value})`);
    return value;
  };
  const list = <T>(name: string, values: T[] | undefined, fallback: readonly T[], check: (label: string, value: T) => void): T[] => {
    const out = values ?? [...fallback];
    if (!Array.isArray(out) || out.length === 0) {
      problems.push(`${name} must be a non-empty list`);
      return [...fallback];
    }
    out.forEach((value, i) => check(`${name}[${i}]`, value));
    return [...new Set(out)];
  };
  const e = input.explicitGrid ?? {};
  const i = input.implicitGrid ?? {};
  const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
  const explicitGrid: ExplicitGridSpec = {
    ranks: list('explicitGrid.ranks', e.ranks, DEFAULT_EXPLICIT_GRID.ranks, (n, v) => int(n, v, 1, 500)),
    lambdas: list('explicitGrid.lambdas', e.lambdas, DEFAULT_EXPLICIT_GRID.lambdas, (n, v) => num(n, v, 0, 1e6)),
    pseudoCounts: list('explicitGrid.pseudoCounts', e.pseudoCounts, DEFAULT_EXPLICIT_GRID.pseudoCounts, (n, v) => num(n, v, 0, 1e6)),
    biasLambdas: list('explicitGrid.biasLambdas', e.biasLambdas, DEFAULT_EXPLICIT_GRID.biasLambdas, (n, v) => num(n, v, 0, 1e6)),
    iterations: ascending(list('explicitGrid.iterations', e.iterations, DEFAULT_EXPLICIT_GRID.iterations, (n, v) => int(n, v, 1, 500))),
  };
  const implicitGrid: ImplicitGridSpec = {
    ranks: list('implicitGrid.ranks', i.ranks, DEFAULT_IMPLICIT_GRID.ranks, (n, v) => int(n, v, 1, 500)),
    lambdas: list('implicitGrid.lambdas', i.lambdas, DEFAULT_IMPLICIT_GRID.lambdas, (n, v) => num(n, v, 0, 1e6)),
    alphas: list('implicitGrid.alphas', i.alphas, DEFAULT_IMPLICIT_GRID.alphas, (n, v) => num(n, v, 0, 1e6)),
    confidences: list('implicitGrid.confidences', i.confidences, DEFAULT_IMPLICIT_GRID.confidences, (n, v) => {
      if (v !== 'linear' && v !== 'log') problems.push(`${n} must be "linear" or "log" (got ${JSON.stringify(v)})`);
    }),
    iterations: ascending(list('implicitGrid.iterations', i.iterations, DEFAULT_IMPLICIT_GRID.iterations, (n, v) => int(n, v, 1, 500))),
  };
  const tolerance = { ...RETRAIN_DEFAULTS.tolerance, ...input.tolerance };
  const options: RetrainOptions = {
    explicitGrid,
    implicitGrid,
    protocol: input.protocol ?? RETRAIN_DEFAULTS.protocol,
    kfoldMaxRatings: int('kfoldMaxRatings', input.kfoldMaxRatings ?? RETRAIN_DEFAULTS.kfoldMaxRatings, 0, 1e12),
    sampleRatings: int('sampleRatings', input.sampleRatings ?? RETRAIN_DEFAULTS.sampleRatings, 1, 1e12),
    keepFraction: num('keepFraction', input.keepFraction ?? RETRAIN_DEFAULTS.keepFraction, 0.01, 1),
    folds: int('folds', input.folds ?? RETRAIN_DEFAULTS.folds, 2, 20),
    finalists: int('finalists', input.finalists ?? RETRAIN_DEFAULTS.finalists, 1, 1000),
    seed: int('seed', input.seed ?? RETRAIN_DEFAULTS.seed, 0, 0xffffffff),
    k: RETRAIN_DEFAULTS.k,
    testFraction: RETRAIN_DEFAULTS.testFraction,
    validationFraction: RETRAIN_DEFAULTS.validationFraction,
    topN: int('topN', input.topN ?? RETRAIN_DEFAULTS.topN, 1, 1000),
    similarK: int('similarK', input.similarK ?? RETRAIN_DEFAULTS.similarK, 1, 1000),
    similarMinRatings: int('similarMinRatings', input.similarMinRatings ?? RETRAIN_DEFAULTS.similarMinRatings, 1, 1_000_000),
    tolerance: {
      rmse: num('tolerance.rmse', tolerance.rmse, 0, 10),
      ndcg: num('tolerance.ndcg', tolerance.ndcg, 0, 1),
      newUser: num('tolerance.newUser', tolerance.newUser, 0, 1),
    },
    keepVersions: int('keepVersions', input.keepVersions ?? RETRAIN_DEFAULTS.keepVersions, 0, 10_000),
    unitsPerActivity: int('unitsPerActivity', input.unitsPerActivity ?? RETRAIN_DEFAULTS.unitsPerActivity, 1, 1000),
    tuningConcurrency: int('tuningConcurrency', input.tuningConcurrency ?? RETRAIN_DEFAULTS.tuningConcurrency, 1, 64),
    force: input.force === true,
  };
  if (!['auto', 'kfold', 'holdout'].includes(options.protocol))
    problems.push(`protocol must be "auto", "kfold" or "holdout" (got ${JSON.stringify(options.protocol)})`);
  if (problems.length) throw new Error(`invalid retrain input: ${problems.join('; ')}`);
  return options;
}

/** Summary figures of a model version (also stored as `metrics.summary` in model_versions and the manifest). */
export interface MetricsSummary {
  /** Mean k-fold CV RMSE of the explicit model's parameters and its sample std over folds (holdout: its RMSE, std 0). */
  explicitRmse: number;
  explicitRmseStd: number;
  explicitMae: number;
  /** Folds evaluated: the k of k-fold, 1 on a holdout. */
  folds: number;
  /** How the figures were measured (absent in versions trained before the holdout protocol: k-fold on all users). */
  protocol?: TuningProtocolKind;
  /** Holdout: users of the sample every figure was measured on (null: all users). */
  sampleUsers?: number | null;
  /** Ranking protocol (stratified 75/25, seed 42) of the implicit model's parameters. */
  implicitNdcgAtK: number;
  implicitPrecisionAtK: number;
  implicitRecallAtK: number;
  popularityNdcgAtK: number;
  k: number;
  /**
   * New-user protocol: liked-P@k of the product's ranking and of popularity (absent in versions trained
   * before it, and when the snapshot has too few users with enough ratings).
   */
  newUserLikedPrecisionAtK?: number;
  newUserPopularityLikedPrecisionAtK?: number;
}

/** Tuning progress of one model kind. */
export interface TuningKindProgress {
  /** Configurations of the grid (parameter combinations, without the iteration checkpoints). */
  configurations: number;
  /** Configurations with at least one finished run. */
  configurationsDone: number;
  /** Runs (configuration × fold for explicit, configuration for implicit) scheduled so far, and finished. */
  runs: number;
  runsDone: number;
  /** Explicit: fold runs finished; implicit: 0. */
  foldsDone: number;
  /** Best so far: explicit by mean CV RMSE over the folds seen, implicit by validation NDCG@k. */
  best?: { params: ExplicitParamsSpec | ImplicitParamsSpec; rmse?: number; ndcgAtK?: number; folds?: number };
}

export interface RetrainProgress {
  version: string;
  trigger: RetrainTrigger;
  stage: RetrainStage;
  startedAt: string;
  /** Seconds since the workflow started (workflow time as of its last event). */
  elapsedSeconds: number;
  snapshot?: { ratings: number; users: number; movies: number; snapshotAt: string };
  /** Chosen from the snapshot's size once it is taken. */
  protocol?: { kind: TuningProtocolKind; sampleUsers: number | null };
  tuning: {
    explicit: TuningKindProgress;
    implicit: TuningKindProgress;
    /** Runs computed by an activity attempt, and runs reused (finished by an earlier attempt: heartbeat details or S3 marker). */
    computed: number;
    reused: number;
    /** Tuning activity attempts that resumed after an earlier attempt of the same activity failed. */
    retriedActivities: number;
  };
  chosen?: { explicit: ExplicitParamsSpec; implicit: ImplicitParamsSpec };
  metrics?: MetricsSummary;
  result?: { promoted: boolean; reason: string };
  error?: string;
}

/** `progress` query of retrainModelWorkflow. */
export const retrainProgressQuery = defineQuery<RetrainProgress>('progress');

/** What a retrain returns: a trained version (promoted or not), or a skip without any version. */
export type RetrainModelResult = TrainedRetrainResult | SkippedRetrainResult;

/** A scheduled or engagement retrain that found no rating changed since the active model's snapshot. */
export interface SkippedRetrainResult {
  /** The version it would have trained (no model_versions row exists for it). */
  version: string;
  workflowId: string;
  trigger: RetrainTrigger;
  status: 'SKIPPED';
  promoted: false;
  reason: string;
  activeVersion: string;
}

export interface TrainedRetrainResult {
  version: string;
  workflowId: string;
  trigger: RetrainTrigger;
  status: 'READY' | 'REJECTED';
  promoted: boolean;
  reason: string;
  /** The active model after this run (this version when promoted). */
  activeVersion: string | null;
  previousActiveVersion: string | null;
  params: { explicit: ExplicitParamsSpec; implicit: ImplicitParamsSpec };
  metrics: MetricsSummary;
  /** The active model's figures on this snapshot (its parameters re-evaluated), when there was one. */
  baseline: PromotionBaseline | null;
  dataCounts: DataCounts;
  published: { users: number; recommendations: number; moviesWithSimilar: number; similarRows: number };
  tuning: { explicitConfigurations: number; implicitConfigurations: number; computed: number; reused: number };
  /** Seconds per stage (workflow time) and in all. */
  timings: StageTimings & { total: number };
  pruned: string[];
}

/** What the candidate is compared with. */
export interface PromotionBaseline {
  version: string;
  explicitRmse: number;
  implicitNdcgAtK: number;
  /** New-user liked-P@k of the product's ranking; null when unknown (not evaluated, or stored before it existed). */
  newUserLikedPrecisionAtK?: number | null;
  /** `reevaluated`: the active model's parameters on this snapshot with the same protocol; `stored`: its own stored figures. */
  source: 'reevaluated' | 'stored';
}
