import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import {
  TRAINING_NON_RETRYABLE_ERRORS,
  type ExplicitTuningUnit,
  type TrainingActivities,
  type TrainingSnapshot,
  type TuningBatchResult,
} from './activities';
import type { ExplicitUnitResult, ImplicitRankingEvaluation, ImplicitUnitResult, NewUserEvaluation } from './evaluation';
import type { RetrainBaseline, RetrainMetrics } from './metrics';
import { modelVersionFromDate, modelVersionProblem, RETRAIN_PIPELINE_TYPE } from './model-version';
import {
  INVALID_RETRAIN_INPUT,
  resolveRetrainOptions,
  retrainProgressQuery,
  SKIPPABLE_RETRAIN_TRIGGERS,
  type ExplicitParamsSpec,
  type ImplicitParamsSpec,
  type MetricsSummary,
  type PromotionBaseline,
  type RetrainModelInput,
  type RetrainModelResult,
  type RetrainOptions,
  type RetrainProgress,
  type RetrainStage,
  type TuningKindProgress,
  type DataCounts,
  type StageTimings,
  isTimedRetrainStage,
} from './retrain';
import {
  batches,
  bestExplicit,
  bestImplicit,
  crossValidationFigures,
  explicitConfigKey,
  explicitConfigurations,
  explicitRunKey,
  implicitConfigurations,
  isExplicitParams,
  isImplicitParams,
  pickFinalists,
  sameExplicitParams,
  sameImplicitParams,
  summarizeExplicit,
  summarizeImplicit,
  type CrossValidationFigures,
  type ExplicitConfiguration,
  type ImplicitConfiguration,
} from './tuning';

const nonRetryableErrorTypes = [...TRAINING_NON_RETRYABLE_ERRORS];

// Bookkeeping against PostgreSQL: seconds each.
const bookkeeping = proxyActivities<TrainingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes },
});

// Streams every rating to object storage (minutes for 25M); heartbeats while it streams.
const snapshotting = proxyActivities<TrainingActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes },
});

// CPU-bound ALS work on the worker's thread pool. The activities heartbeat every sweep and on a timer (the event
// loop stays free while the threads solve), so a lost worker is noticed within 30 s and the retry resumes: runs
// finished by the lost attempt come back from its heartbeat details or their S3 markers.
const training = proxyActivities<TrainingActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10, nonRetryableErrorTypes },
});

/** Marks histories that run the new-user evaluation (retrains started before it replay without it). */
const NEW_USER_EVALUATION_PATCH = 'new-user-evaluation';
/** Marks histories that check for rating changes first (retrains started before it replay without the check). */
const SKIP_WITHOUT_RATING_CHANGES_PATCH = 'skip-without-rating-changes';

const emptyKind = (): TuningKindProgress => ({ configurations: 0, configurationsDone: 0, runs: 0, runsDone: 0, foldsDone: 0 });

/**
 * Retrains the recommender from the current ratings. A scheduled or engagement retrain first checks the ratings
 * change watermark and ends SKIPPED (stage `skipped`, the reason in its result, progress and memo, no version)
 * when no rating changed since the active model's snapshot. Then: snapshot → tuning (explicit k-fold CV over a grid with
 * successive halving over folds, implicit validation NDCG@k over a grid; activities fan out) → evaluating
 * (k-fold CV of the chosen explicit parameters, the ranking protocol for the implicit ones next to popularity,
 * the new-user protocol for both (the product's ranking next to popularity and explicit-by-prediction), and the
 * active model's parameters on the same snapshot and protocols) → training (final models on all data, stored
 * with ModelStore) → publishing (user_recommendations, similar_movies) → promoting (one transaction: READY +
 * active_model, or REJECTED when worse than the active model on CV RMSE, NDCG@k or new-user liked-P@k beyond
 * the tolerance, unless `force`).
 * Any failure marks the version FAILED. Start it with workflow id retrainWorkflowId(version) on
 * TASK_QUEUES.training; a Schedule may start it without a version (derived from the start time).
 */
export async function retrainModelWorkflow(input: RetrainModelInput): Promise<RetrainModelResult> {
  const info = workflowInfo();
  const trigger = input?.trigger ?? 'manual';
  const version = input?.modelVersion ?? modelVersionFromDate(info.startTime);
  const workflowId = info.workflowId;
  const startedMs = Date.now();
  const progress: RetrainProgress = {
    version,
    trigger,
    stage: 'snapshot',
    startedAt: new Date(startedMs).toISOString(),
    elapsedSeconds: 0,
    tuning: { explicit: emptyKind(), implicit: emptyKind(), computed: 0, reused: 0, retriedActivities: 0 },
  };
  setHandler(retrainProgressQuery, () => ({ ...progress, elapsedSeconds: (Date.now() - startedMs) / 1000 }));

  const timings: StageTimings = {};
  let stageStartedMs = startedMs;
  const enterStage = (stage: RetrainStage) => {
    const now = Date.now();
    const left = progress.stage;
    if (isTimedRetrainStage(left)) timings[left] = (timings[left] ?? 0) + (now - stageStartedMs) / 1000;
    stageStartedMs = now;
    progress.stage = stage;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineStage, value: stage }]);
  };
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.pipelineType, value: RETRAIN_PIPELINE_TYPE },
    { key: SEARCH_ATTRIBUTES.modelVersion, value: version },
    { key: SEARCH_ATTRIBUTES.pipelineStage, value: 'snapshot' },
  ]);
  upsertMemo({ version, trigger });

  let options: RetrainOptions;
  try {
    const problem = modelVersionProblem(version);
    if (problem) throw new Error(problem);
    options = resolveRetrainOptions(input ?? {});
  } catch (error) {
    progress.error = (error as Error).message;
    enterStage('failed');
    throw ApplicationFailure.nonRetryable((error as Error).message, INVALID_RETRAIN_INPUT);
  }

  try {
    if (SKIPPABLE_RETRAIN_TRIGGERS.includes(trigger) && patched(SKIP_WITHOUT_RATING_CHANGES_PATCH)) {
      const ratings = await bookkeeping.checkRatingsSinceActiveModel();
      if (!ratings.changed) {
        const reason = `no rating changed since the snapshot of active model ${ratings.activeVersion} (${ratings.snapshotAt})`;
        progress.result = { promoted: false, reason };
        enterStage('skipped');
        upsertMemo({ version, trigger, skipped: true, reason });
        return { version, workflowId, trigger, status: 'SKIPPED', promoted: false, reason, activeVersion: ratings.activeVersion };
      }
    }
    const snapshot = await snapshotting.createTrainingSnapshot({ version, workflowId, trigger });
    progress.snapshot = { ratings: snapshot.ratings, users: snapshot.users, movies: snapshot.movies, snapshotAt: snapshot.snapshotAt };

    enterStage('tuning');
    const tuner = new Tuner(snapshot, options, progress);
    const [explicitTuning, implicitTuning] = await Promise.all([tuner.tuneExplicit(), tuner.tuneImplicit()]);
    const chosen = { explicit: explicitTuning.best.params, implicit: implicitTuning.best.params };
    progress.chosen = chosen;

    enterStage('evaluating');
    const withNewUsers = patched(NEW_USER_EVALUATION_PATCH);
    const [candidateCv, candidateRanking, candidateNewUser, active] = await Promise.all([
      tuner.crossValidate(chosen.explicit),
      tuner.evaluateRanking(chosen.implicit),
      withNewUsers ? tuner.evaluateNewUsers(chosen) : Promise.resolve(null),
      bookkeeping.describeActiveModel(),
    ]);
    let baseline: PromotionBaseline | null = null;
    let baselineDetails: Pick<RetrainBaseline, 'explicitCv' | 'implicitRanking' | 'newUser'> | null = null;
    if (active && isExplicitParams(active.params.explicit) && isImplicitParams(active.params.implicit)) {
      // The active model's parameters on this snapshot, same folds, split and groups: a like-for-like comparison.
      const activeExplicit = active.params.explicit;
      const activeImplicit = active.params.implicit;
      const sameExplicit = sameExplicitParams(activeExplicit, chosen.explicit);
      const sameImplicit = sameImplicitParams(activeImplicit, chosen.implicit);
      const [explicitCv, implicitRanking, newUser] = await Promise.all([
        sameExplicit ? candidateCv : tuner.crossValidate(activeExplicit),
        sameImplicit ? candidateRanking : tuner.evaluateRanking(activeImplicit),
        !withNewUsers
          ? Promise.resolve(null)
          : sameExplicit && sameImplicit
            ? candidateNewUser
            : tuner.evaluateNewUsers({ explicit: activeExplicit, implicit: activeImplicit }),
      ]);
      baseline = {
        version: active.version,
        explicitRmse: explicitCv.rmse,
        implicitNdcgAtK: implicitRanking.ndcgAtK,
        newUserLikedPrecisionAtK: newUser?.product?.likedPrecisionAtK ?? null,
        source: 'reevaluated',
      };
      baselineDetails = withNewUsers ? { explicitCv, implicitRanking, newUser } : { explicitCv, implicitRanking };
    } else if (active?.summary) {
      baseline = {
        version: active.version,
        explicitRmse: active.summary.explicitRmse,
        implicitNdcgAtK: active.summary.implicitNdcgAtK,
        newUserLikedPrecisionAtK: active.summary.newUserLikedPrecisionAtK ?? null,
        source: 'stored',
      };
    }
    const summary: MetricsSummary = {
      explicitRmse: candidateCv.rmse,
      explicitRmseStd: candidateCv.rmseStd,
      explicitMae: candidateCv.mae,
      folds: candidateCv.folds,
      implicitNdcgAtK: candidateRanking.ndcgAtK,
      implicitPrecisionAtK: candidateRanking.precisionAtK,
      implicitRecallAtK: candidateRanking.recallAtK,
      popularityNdcgAtK: candidateRanking.popularity.ndcgAtK,
      k: candidateRanking.k,
    };
    if (candidateNewUser?.product && candidateNewUser.popularity) {
      summary.newUserLikedPrecisionAtK = candidateNewUser.product.likedPrecisionAtK;
      summary.newUserPopularityLikedPrecisionAtK = candidateNewUser.popularity.likedPrecisionAtK;
    }
    progress.metrics = summary;
    const dataCounts: DataCounts = {
      ratings: snapshot.ratings,
      users: snapshot.users,
      movies: snapshot.movies,
      snapshotAt: snapshot.snapshotAt,
    };
    const metrics: RetrainMetrics = {
      trigger,
      summary,
      explicit: {
        cv: candidateCv,
        tuning: {
          folds: options.folds,
          finalists: options.finalists,
          seed: options.seed,
          grid: options.explicitGrid,
          best: explicitTuning.best,
          configurations: explicitTuning.configurations,
        },
      },
      implicit: {
        ranking: candidateRanking,
        tuning: {
          k: options.k,
          testFraction: options.testFraction,
          validationFraction: options.validationFraction,
          seed: options.seed,
          grid: options.implicitGrid,
          best: implicitTuning.best,
          configurations: implicitTuning.configurations,
        },
      },
      ...(withNewUsers ? { newUser: candidateNewUser } : {}),
      baseline: baseline && { ...baseline, ...baselineDetails },
      tuningRuns: {
        computed: progress.tuning.computed,
        reused: progress.tuning.reused,
        retriedActivities: progress.tuning.retriedActivities,
      },
    };

    enterStage('training');
    await training.trainAndStoreModels({
      snapshot,
      explicitParams: chosen.explicit,
      implicitParams: chosen.implicit,
      details: { params: chosen, metrics, dataCounts, timings: { ...timings } },
    });

    enterStage('publishing');
    const published = await training.publishRecommendations({
      snapshot,
      topN: options.topN,
      similarK: options.similarK,
      similarMinRatings: options.similarMinRatings,
    });

    enterStage('promoting');
    const outcome = await bookkeeping.promoteModelVersion({
      version,
      workflowId,
      candidate: {
        explicitRmse: summary.explicitRmse,
        implicitNdcgAtK: summary.implicitNdcgAtK,
        newUserLikedPrecisionAtK: candidateNewUser?.product?.likedPrecisionAtK ?? null,
      },
      baseline,
      expectedActiveVersion: active?.version ?? null,
      force: options.force,
      tolerance: options.tolerance,
      timings: { ...timings, promoting: (Date.now() - stageStartedMs) / 1000 },
    });
    let pruned: string[] = [];
    if (options.keepVersions > 0) {
      // Best effort: a failed prune leaves old versions for the next run.
      pruned = await bookkeeping.pruneModelVersions({ keep: options.keepVersions }).catch(() => []);
    }
    progress.result = { promoted: outcome.promoted, reason: outcome.reason };
    enterStage(outcome.promoted ? 'done' : 'rejected');
    upsertMemo({ version, trigger, promoted: outcome.promoted, reason: outcome.reason });
    return {
      version,
      workflowId,
      trigger,
      status: outcome.status,
      promoted: outcome.promoted,
      reason: outcome.reason,
      activeVersion: outcome.activeVersion,
      previousActiveVersion: outcome.previousActiveVersion,
      params: chosen,
      metrics: summary,
      baseline: outcome.comparedWith,
      dataCounts,
      published: {
        users: published.users,
        recommendations: published.recommendations,
        moviesWithSimilar: published.moviesWithSimilar,
        similarRows: published.similarRows,
      },
      tuning: {
        explicitConfigurations: explicitTuning.configurations.length,
        implicitConfigurations: implicitTuning.configurations.length,
        computed: progress.tuning.computed,
        reused: progress.tuning.reused,
      },
      timings: { ...timings, total: (Date.now() - startedMs) / 1000 },
      pruned,
    };
  } catch (error) {
    const failedStage = progress.stage;
    const message = describeError(error);
    progress.error = `${failedStage}: ${message}`;
    enterStage('failed');
    upsertMemo({ version, trigger, error: progress.error });
    // Compensation: the version is FAILED (also when the workflow is being cancelled).
    await CancellationScope.nonCancellable(() =>
      bookkeeping.markModelVersionFailed({ version, workflowId, error: progress.error as string }),
    ).catch(() => undefined);
    throw error;
  }
}

function describeError(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** At most `concurrency` tasks in flight, started in call order (deterministic: plain promises). */
function limiter(concurrency: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // the releasing task hands its slot over
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** The tuning and evaluation fan-out: runs batched into activities, results kept by run key, progress updated. */
class Tuner {
  private readonly limit: <T>(work: () => Promise<T>) => Promise<T>;
  private readonly explicitRuns = new Map<string, ExplicitUnitResult>();
  private readonly implicitRuns = new Map<string, ImplicitUnitResult>();
  private readonly explicitConfigs: ExplicitConfiguration[];
  private readonly implicitConfigs: ImplicitConfiguration[];

  constructor(
    private readonly snapshot: TrainingSnapshot,
    private readonly options: RetrainOptions,
    private readonly progress: RetrainProgress,
  ) {
    this.limit = limiter(options.tuningConcurrency);
    this.explicitConfigs = explicitConfigurations(options.explicitGrid, options.seed, options.folds);
    this.implicitConfigs = implicitConfigurations(options.implicitGrid, options.seed, this.protocol);
    progress.tuning.explicit.configurations = this.explicitConfigs.length;
    progress.tuning.implicit.configurations = this.implicitConfigs.length;
  }

  private get protocol() {
    return { k: this.options.k, testFraction: this.options.testFraction, validationFraction: this.options.validationFraction };
  }

  /** Stage 1: every configuration on fold 0; stage 2: the finalists on the other folds; best mean RMSE wins. */
  async tuneExplicit() {
    const { folds, explicitGrid } = this.options;
    const checkpoints = explicitGrid.iterations;
    const stage1 = this.explicitConfigs.map((c) => ({ configKey: c.configKey, params: c.params, fold: 0, checkpoints }));
    this.progress.tuning.explicit.runs = stage1.length;
    await this.runExplicit(stage1, true);
    const finalists = pickFinalists(this.explicitConfigs, this.explicitRuns, this.options.finalists);
    const stage2 = finalists.flatMap((c) =>
      Array.from({ length: folds - 1 }, (_, f) => ({ configKey: c.configKey, params: c.params, fold: f + 1, checkpoints })),
    );
    this.progress.tuning.explicit.runs += stage2.length;
    await this.runExplicit(stage2, true);
    const configurations = summarizeExplicit(this.explicitConfigs, checkpoints, this.explicitRuns, folds);
    const best = bestExplicit(configurations);
    if (!best) throw ApplicationFailure.nonRetryable('explicit tuning produced no finite RMSE', 'NotEnoughRatings');
    return { configurations, best };
  }

  /** Every configuration trained to the last checkpoint, validation NDCG@k at each; the best wins. */
  async tuneImplicit() {
    const checkpoints = this.options.implicitGrid.iterations;
    const units = this.implicitConfigs.map((c) => ({ configKey: c.configKey, params: c.params, checkpoints }));
    this.progress.tuning.implicit.runs = units.length;
    await Promise.all(
      batches(units, this.options.unitsPerActivity).map((batch) =>
        this.limit(async () => {
          const out = await training.runImplicitTuningUnits({
            snapshot: this.snapshot,
            seed: this.options.seed,
            ...this.protocol,
            units: batch,
          });
          for (const result of out.results) this.implicitRuns.set(result.configKey, result);
          this.countBatch(out);
          const kind = this.progress.tuning.implicit;
          kind.runsDone += out.results.length;
          kind.configurationsDone = this.implicitRuns.size;
          const best = bestImplicit(summarizeImplicit(this.implicitConfigs, this.implicitRuns));
          if (best) kind.best = { params: best.params, ndcgAtK: best.ndcgAtK };
        }),
      ),
    );
    const configurations = summarizeImplicit(this.implicitConfigs, this.implicitRuns);
    const best = bestImplicit(configurations);
    if (!best) throw ApplicationFailure.nonRetryable('implicit tuning produced no finite NDCG', 'NotEnoughRatings');
    return { configurations, best };
  }

  /** k-fold CV figures of `params`, reusing tuning runs of the same configuration (same folds, same sweeps). */
  async crossValidate(params: ExplicitParamsSpec): Promise<CrossValidationFigures> {
    const { folds, seed } = this.options;
    const configKey = explicitConfigKey(params, folds);
    const missing: ExplicitTuningUnit[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const run = this.explicitRuns.get(explicitRunKey(configKey, fold));
      if (run?.checkpoints.some((c) => c.iterations === params.iterations)) continue;
      const checkpoints = [...new Set([...(run?.checkpoints.map((c) => c.iterations) ?? []), params.iterations])].sort((a, b) => a - b);
      missing.push({ configKey, params: { ...params, iterations: checkpoints[checkpoints.length - 1] }, fold, checkpoints });
    }
    await this.runExplicit(missing, false);
    return crossValidationFigures(params, this.explicitRuns, folds, seed);
  }

  evaluateRanking(params: ImplicitParamsSpec): Promise<ImplicitRankingEvaluation> {
    return this.limit(() =>
      training.evaluateImplicitRanking({
        snapshot: this.snapshot,
        params,
        k: this.options.k,
        testFraction: this.options.testFraction,
        seed: this.options.seed,
      }),
    );
  }

  /** The new-user protocol for one parameter set (both models trained per group). */
  evaluateNewUsers(params: { explicit: ExplicitParamsSpec; implicit: ImplicitParamsSpec }): Promise<NewUserEvaluation> {
    return this.limit(() => training.evaluateNewUsers({ snapshot: this.snapshot, params, k: this.options.k, seed: this.options.seed }));
  }

  private async runExplicit(units: ExplicitTuningUnit[], tuning: boolean): Promise<void> {
    await Promise.all(
      batches(units, this.options.unitsPerActivity).map((batch) =>
        this.limit(async () => {
          const out = await training.runExplicitTuningUnits({
            snapshot: this.snapshot,
            folds: this.options.folds,
            seed: this.options.seed,
            units: batch,
          });
          for (const result of out.results) this.explicitRuns.set(explicitRunKey(result.configKey, result.fold), result);
          this.countBatch(out);
          if (!tuning) return;
          const kind = this.progress.tuning.explicit;
          kind.runsDone += out.results.length;
          kind.foldsDone += out.results.length;
          kind.configurationsDone = new Set([...this.explicitRuns.values()].map((r) => r.configKey)).size;
          const best = bestExplicit(
            summarizeExplicit(this.explicitConfigs, this.options.explicitGrid.iterations, this.explicitRuns, this.options.folds),
          );
          if (best) kind.best = { params: best.params, rmse: best.rmse, folds: best.folds };
        }),
      ),
    );
  }

  private countBatch(out: TuningBatchResult<unknown>): void {
    this.progress.tuning.computed += out.computed;
    this.progress.tuning.reused += out.reused;
    if (out.attempt > 1) this.progress.tuning.retriedActivities++;
  }
}
