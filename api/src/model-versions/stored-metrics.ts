/**
 * Reads the retrain's JSON sections of a model_versions row (written by the worker as @reelrank/workflows'
 * ChosenParams, RetrainMetrics, DataCounts and StageTimings) into the GraphQL types. The keys are the workflow
 * types' own, so a renamed key fails to compile here; the values are checked, because rows stored by older
 * retrains, or still training, lack parts: a part with a missing or malformed figure is null (a list leaves the
 * entry out) rather than invented.
 */
import type {
  ChosenParams,
  CrossValidationFigures,
  ExplicitConfigurationResult,
  ExplicitGridSpec,
  ExplicitParamsSpec,
  ExplicitTuningRecord,
  ImplicitConfigurationResult,
  ImplicitGridSpec,
  ImplicitParamsSpec,
  ImplicitRankingEvaluation,
  ImplicitTuningRecord,
  NewUserEvaluation as StoredNewUserEvaluation,
  NewUserFigures as StoredNewUserFigures,
  PromotionBaseline as StoredPromotionBaseline,
  PromotionCheck as StoredPromotionCheck,
  PromotionRecord,
  PromotionTolerance as StoredPromotionTolerance,
  RankingFigures as StoredRankingFigures,
  RetrainBaseline as StoredRetrainBaseline,
  DataCounts as StoredDataCounts,
  StageTimings as StoredStageTimings,
  StoredRetrainMetrics,
  TuningRunCounts,
} from '@reelrank/workflows';
import type { CrossValidation, CrossValidationFold } from './models/cross-validation.model';
import type { DataCounts } from './models/data-counts.model';
import type { ExplicitModelParams, ImplicitModelParams, ModelParams } from './models/model-params.model';
import type { NewUserEvaluation, NewUserFigures } from './models/new-user-evaluation.model';
import type { Promotion, PromotionBaseline, PromotionCheck, PromotionTolerance, RetrainBaseline } from './models/promotion.model';
import type { RankingEvaluation, RankingFigures } from './models/ranking-evaluation.model';
import type { RetrainMetrics } from './models/retrain-metrics.model';
import type { StageTimings } from './models/stage-timings.model';
import type {
  ExplicitGrid,
  ExplicitTuning,
  ImplicitGrid,
  ImplicitTuning,
  TunedExplicitConfiguration,
  TunedImplicitConfiguration,
  TuningRuns,
} from './models/tuning.model';

/** `model_versions.params`: each model's parameters, null until chosen. */
export function readModelParams(stored: unknown): ModelParams {
  const params = section<ChosenParams>(stored);
  return { explicit: explicitParams(params.explicit), implicit: implicitParams(params.implicit) };
}

/** `model_versions.metrics` (the new-user protocol is read by readNewUserEvaluation). */
export function readRetrainMetrics(stored: unknown): RetrainMetrics {
  const metrics = section<StoredRetrainMetrics>(stored);
  const explicit = section(metrics.explicit);
  const implicit = section(metrics.implicit);
  return {
    trigger: text(metrics.trigger),
    crossValidation: crossValidation(explicit.cv),
    ranking: rankingEvaluation(implicit.ranking),
    explicitTuning: explicitTuning(explicit.tuning),
    implicitTuning: implicitTuning(implicit.tuning),
    tuningRuns: tuningRuns(metrics.tuningRuns),
    baseline: retrainBaseline(metrics.baseline),
    promotion: promotion(metrics.promotion),
  };
}

/** `model_versions.data_counts`; null when a count is missing. */
export function readDataCounts(stored: unknown): DataCounts | null {
  const counts = section<StoredDataCounts>(stored);
  return complete({ ratings: int(counts.ratings), users: int(counts.users), movies: int(counts.movies) });
}

/** `model_versions.timings`: each stage's seconds, null when it has none. */
export function readStageTimings(stored: unknown): StageTimings {
  const timings = section<StoredStageTimings>(stored);
  const failedAt = typeof timings.failedAt === 'string' ? new Date(timings.failedAt) : null;
  return {
    snapshot: num(timings.snapshot),
    tuning: num(timings.tuning),
    evaluating: num(timings.evaluating),
    training: num(timings.training),
    publishing: num(timings.publishing),
    promoting: num(timings.promoting),
    trainExplicitSeconds: num(timings.trainExplicitSeconds),
    trainImplicitSeconds: num(timings.trainImplicitSeconds),
    storeSeconds: num(timings.storeSeconds),
    failedAt: failedAt && !Number.isNaN(failedAt.getTime()) ? failedAt : null,
  };
}

/**
 * `metrics.newUser` with the active model's re-evaluated figures (`metrics.baseline.newUser`); null when any figure
 * is missing (versions trained before the protocol, training, skipped for too few users).
 */
export function readNewUserEvaluation(stored: unknown): NewUserEvaluation | null {
  const metrics = section<StoredRetrainMetrics>(stored);
  const evaluation = section(metrics.newUser);
  const figures = complete({
    k: int(evaluation.k),
    groups: int(evaluation.groups),
    profileSize: int(evaluation.profileSize),
    minRatings: int(evaluation.minRatings),
    likedMin: num(evaluation.likedMin),
    dislikedMax: num(evaluation.dislikedMax),
    eligibleUsers: int(evaluation.eligibleUsers),
    product: newUserFigures(evaluation.product),
    popularity: newUserFigures(evaluation.popularity),
    explicitByPrediction: newUserFigures(evaluation.explicitByPrediction),
  });
  if (!figures) return null;
  const baseline = section(metrics.baseline);
  const activeModel = newUserFigures(section<StoredNewUserEvaluation>(baseline.newUser).product);
  return { ...figures, activeModel, activeModelVersion: activeModel ? text(baseline.version) : null };
}

function newUserFigures(stored: StoredNewUserFigures | null | undefined): NewUserFigures | null {
  const figures = section(stored);
  return complete({
    likedPrecisionAtK: num(figures.likedPrecisionAtK),
    likedNdcgAtK: num(figures.likedNdcgAtK),
    dislikedShare: num(figures.dislikedShare),
    blockbusterShare: num(figures.blockbusterShare),
    coverage: num(figures.coverage),
    users: int(figures.users),
  });
}

function explicitParams(stored: ExplicitParamsSpec | undefined): ExplicitModelParams | null {
  const params = section(stored);
  return complete({
    rank: int(params.rank),
    lambda: num(params.lambda),
    pseudoCount: num(params.pseudoCount),
    biasLambda: num(params.biasLambda),
    iterations: int(params.iterations),
    seed: num(params.seed),
  });
}

function implicitParams(stored: ImplicitParamsSpec | undefined): ImplicitModelParams | null {
  const params = section(stored);
  return complete({
    rank: int(params.rank),
    lambda: num(params.lambda),
    alpha: num(params.alpha),
    confidence: params.confidence === 'linear' || params.confidence === 'log' ? params.confidence : null,
    epsilon: num(params.epsilon),
    iterations: int(params.iterations),
    seed: num(params.seed),
  });
}

function crossValidation(stored: CrossValidationFigures | undefined): CrossValidation | null {
  const cv = section(stored);
  return complete({
    params: explicitParams(cv.params),
    folds: int(cv.folds),
    seed: num(cv.seed),
    rmse: num(cv.rmse),
    rmseStd: num(cv.rmseStd),
    mae: num(cv.mae),
    maeStd: num(cv.maeStd),
    perFold: list(cv.perFold, crossValidationFold),
  });
}

function crossValidationFold(stored: CrossValidationFigures['perFold'][number]): CrossValidationFold | null {
  const fold = section(stored);
  return complete({
    fold: int(fold.fold),
    rmse: num(fold.rmse),
    mae: num(fold.mae),
    trainRatings: int(fold.trainRatings),
    testRatings: int(fold.testRatings),
    seconds: num(fold.seconds),
  });
}

function rankingFigures(stored: Partial<StoredRankingFigures> | undefined): RankingFigures | null {
  const figures = section(stored);
  return complete({
    precisionAtK: num(figures.precisionAtK),
    recallAtK: num(figures.recallAtK),
    ndcgAtK: num(figures.ndcgAtK),
    mapAtK: num(figures.mapAtK),
    coverage: num(figures.coverage),
    users: int(figures.users),
  });
}

function rankingEvaluation(stored: ImplicitRankingEvaluation | undefined): RankingEvaluation | null {
  const ranking = section(stored);
  const figures = rankingFigures(ranking);
  const protocol = complete({
    k: int(ranking.k),
    testFraction: num(ranking.testFraction),
    seed: num(ranking.seed),
    params: implicitParams(ranking.params),
    popularity: rankingFigures(ranking.popularity),
    trainRatings: int(ranking.trainRatings),
    testRatings: int(ranking.testRatings),
    seconds: num(ranking.seconds),
  });
  return figures && protocol ? { ...figures, ...protocol } : null;
}

function explicitGrid(stored: ExplicitGridSpec | undefined): ExplicitGrid | null {
  const grid = section(stored);
  return complete({
    ranks: list(grid.ranks, int),
    lambdas: list(grid.lambdas, num),
    pseudoCounts: list(grid.pseudoCounts, num),
    biasLambdas: list(grid.biasLambdas, num),
    iterations: list(grid.iterations, int),
  });
}

function implicitGrid(stored: ImplicitGridSpec | undefined): ImplicitGrid | null {
  const grid = section(stored);
  return complete({
    ranks: list(grid.ranks, int),
    lambdas: list(grid.lambdas, num),
    alphas: list(grid.alphas, num),
    confidences: list(grid.confidences, text),
    iterations: list(grid.iterations, int),
  });
}

function explicitConfiguration(stored: ExplicitConfigurationResult | undefined): TunedExplicitConfiguration | null {
  const configuration = section(stored);
  return complete({
    params: explicitParams(configuration.params),
    rmse: num(configuration.rmse),
    rmseStd: num(configuration.rmseStd),
    mae: num(configuration.mae),
    folds: int(configuration.folds),
  });
}

function implicitConfiguration(stored: ImplicitConfigurationResult | undefined): TunedImplicitConfiguration | null {
  const configuration = section(stored);
  const figures = rankingFigures(configuration);
  const params = implicitParams(configuration.params);
  return figures && params ? { ...figures, params } : null;
}

function explicitTuning(stored: ExplicitTuningRecord | undefined): ExplicitTuning | null {
  const tuning = section(stored);
  return complete({
    folds: int(tuning.folds),
    finalists: int(tuning.finalists),
    seed: num(tuning.seed),
    grid: explicitGrid(tuning.grid),
    best: explicitConfiguration(tuning.best),
    configurations: list(tuning.configurations, explicitConfiguration),
  });
}

function implicitTuning(stored: ImplicitTuningRecord | undefined): ImplicitTuning | null {
  const tuning = section(stored);
  return complete({
    k: int(tuning.k),
    testFraction: num(tuning.testFraction),
    validationFraction: num(tuning.validationFraction),
    seed: num(tuning.seed),
    grid: implicitGrid(tuning.grid),
    best: implicitConfiguration(tuning.best),
    configurations: list(tuning.configurations, implicitConfiguration),
  });
}

function tuningRuns(stored: TuningRunCounts | undefined): TuningRuns | null {
  const runs = section(stored);
  return complete({ computed: int(runs.computed), reused: int(runs.reused), retriedActivities: int(runs.retriedActivities) });
}

function promotionBaseline(stored: StoredPromotionBaseline | null | undefined): PromotionBaseline | null {
  const baseline = section(stored);
  const figures = complete({
    version: text(baseline.version),
    source: text(baseline.source),
    explicitRmse: num(baseline.explicitRmse),
    implicitNdcgAtK: num(baseline.implicitNdcgAtK),
  });
  return figures && { ...figures, newUserLikedPrecisionAtK: num(baseline.newUserLikedPrecisionAtK) };
}

function retrainBaseline(stored: StoredRetrainBaseline | null | undefined): RetrainBaseline | null {
  const baseline = promotionBaseline(stored);
  const details = section(stored);
  return (
    baseline && { ...baseline, crossValidation: crossValidation(details.explicitCv), ranking: rankingEvaluation(details.implicitRanking) }
  );
}

function promotionCheck(stored: StoredPromotionCheck | undefined): PromotionCheck | null {
  const check = section(stored);
  return complete({ candidate: num(check.candidate), baseline: num(check.baseline), limit: num(check.limit), ok: bool(check.ok) });
}

function promotionTolerance(stored: StoredPromotionTolerance | undefined): PromotionTolerance | null {
  const tolerance = section(stored);
  const figures = complete({ rmse: num(tolerance.rmse), ndcg: num(tolerance.ndcg) });
  return figures && { ...figures, newUser: num(tolerance.newUser) };
}

function promotion(stored: PromotionRecord | undefined): Promotion | null {
  const record = section(stored);
  const decision = section(record.decision);
  const required = complete({
    reason: text(record.reason),
    promote: bool(decision.promote),
    force: bool(record.force),
    forced: bool(decision.forced),
    tolerance: promotionTolerance(record.tolerance),
  });
  return (
    required && {
      ...required,
      rmse: promotionCheck(decision.rmse),
      ndcg: promotionCheck(decision.ndcg),
      newUser: promotionCheck(decision.newUser),
      comparedWith: promotionBaseline(record.comparedWith),
      previousActiveVersion: text(record.previousActiveVersion),
    }
  );
}

/** The stored object with the keys of its workflow type (values unchecked), or an empty one when it is not an object. */
function section<T>(value: T | null | undefined): Partial<T>;
function section<T>(value: unknown): Partial<T>;
function section<T>(value: unknown): Partial<T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<T>) : {};
}

type Complete<T> = { [K in keyof T]: Exclude<T[K], null> };

/** The values when none is null: a part is read whole or not at all. */
function complete<T extends object>(values: T): Complete<T> | null {
  return Object.values(values).every((value) => value !== null) ? (values as Complete<T>) : null;
}

/** The entries `read` accepts; null when `value` is not a list. */
function list<T>(value: unknown, read: (item: never) => T | null): T[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((item: unknown) => {
    const entry = read(item as never);
    return entry === null ? [] : [entry];
  });
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const int = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? value : null);
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const bool = (value: unknown) => (typeof value === 'boolean' ? value : null);
