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
import { TRAINING_NON_RETRYABLE_ERRORS, type TrainingActivities, type TrainingSnapshot, type TuningBatchResult } from './activities';
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
  type DataCounts,
  type StageTimings,
  isTimedRetrainStage,
} from './retrain';
import {
  batches,
  chooseTuningProtocol,
  emptyTuningProgress,
  isExplicitParams,
  isImplicitParams,
  NoTuningResultError,
  sameExplicitParams,
  sameImplicitParams,
  Tuner,
  type ExplicitTuningUnit,
  type ImplicitTuningUnit,
  type TuningExecutor,
  type TuningProtocol,
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
/** Marks histories that choose the protocol by size (retrains started before it replay k-fold, as they ran). */
const PROTOCOL_BY_SIZE_PATCH = 'tuning-protocol-by-size';

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
    tuning: { explicit: emptyTuningProgress(), implicit: emptyTuningProgress(), computed: 0, reused: 0, retriedActivities: 0 },
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
    const protocol = chooseTuningProtocol(snapshot, {
      ...options,
      protocol: patched(PROTOCOL_BY_SIZE_PATCH) ? options.protocol : 'kfold',
    });
    progress.protocol = { kind: protocol.kind, sampleUsers: protocol.sampleUsers };
    const runner = new ActivityRunner(snapshot, protocol, options, progress);
    const tuner = new Tuner(
      {
        protocol,
        explicitGrid: options.explicitGrid,
        implicitGrid: options.implicitGrid,
        finalists: options.finalists,
        keepFraction: options.keepFraction,
      },
      runner,
    );
    progress.tuning.explicit = tuner.progress.explicit;
    progress.tuning.implicit = tuner.progress.implicit;
    const [explicitTuning, implicitTuning] = await Promise.all([tuner.tuneExplicit(), tuner.tuneImplicit()]).catch((error) => {
      if (error instanceof NoTuningResultError) throw ApplicationFailure.nonRetryable(error.message, 'NotEnoughRatings');
      throw error;
    });
    const chosen = { explicit: explicitTuning.best.params, implicit: implicitTuning.best.params };
    progress.chosen = chosen;

    enterStage('evaluating');
    const withNewUsers = patched(NEW_USER_EVALUATION_PATCH);
    const [candidateCv, candidateRanking, candidateNewUser, active] = await Promise.all([
      tuner.explicitFigures(chosen.explicit),
      runner.evaluateRanking(chosen.implicit),
      withNewUsers ? runner.evaluateNewUsers(chosen) : Promise.resolve(null),
      bookkeeping.describeActiveModel(),
    ]);
    let baseline: PromotionBaseline | null = null;
    let baselineDetails: Pick<RetrainBaseline, 'explicitCv' | 'implicitRanking' | 'newUser'> | null = null;
    if (active && isExplicitParams(active.params.explicit) && isImplicitParams(active.params.implicit)) {
      // The active model's parameters on this snapshot, same protocol, folds, sample, split and groups: a like-for-like
      // comparison. Parameters equal to the candidate's reuse its figures; others cost the protocol's runs (on the sample
      // under the holdout protocol), never a full-data training.
      const activeExplicit = active.params.explicit;
      const activeImplicit = active.params.implicit;
      const sameExplicit = sameExplicitParams(activeExplicit, chosen.explicit);
      const sameImplicit = sameImplicitParams(activeImplicit, chosen.implicit);
      const [explicitCv, implicitRanking, newUser] = await Promise.all([
        sameExplicit ? candidateCv : tuner.explicitFigures(activeExplicit),
        sameImplicit ? candidateRanking : runner.evaluateRanking(activeImplicit),
        !withNewUsers
          ? Promise.resolve(null)
          : sameExplicit && sameImplicit
            ? candidateNewUser
            : runner.evaluateNewUsers({ explicit: activeExplicit, implicit: activeImplicit }),
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
      protocol: protocol.kind,
      sampleUsers: protocol.sampleUsers,
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
          protocol: protocol.kind,
          sampleUsers: protocol.sampleUsers,
          keepFraction: options.keepFraction,
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
          protocol: protocol.kind,
          sampleUsers: protocol.sampleUsers,
          keepFraction: options.keepFraction,
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

/**
 * The tuner's executor in the workflow: runs batched into activities (at most `tuningConcurrency` in flight, each
 * resumable run by run), run counts in the progress; and the evaluations that are not tuning runs, on the protocol's
 * sample.
 */
class ActivityRunner implements TuningExecutor {
  private readonly limit: <T>(work: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly snapshot: TrainingSnapshot,
    private readonly protocol: TuningProtocol,
    private readonly options: RetrainOptions,
    private readonly progress: RetrainProgress,
  ) {
    this.limit = limiter(options.tuningConcurrency);
  }

  async explicit(units: ExplicitTuningUnit[], onResults: (results: ExplicitUnitResult[]) => void): Promise<void> {
    const { folds, seed, sampleUsers } = this.protocol;
    await Promise.all(
      batches(units, this.options.unitsPerActivity).map((batch) =>
        this.limit(async () => {
          const out = await training.runExplicitTuningUnits({ snapshot: this.snapshot, folds, seed, sampleUsers, units: batch });
          this.countBatch(out);
          onResults(out.results);
        }),
      ),
    );
  }

  async implicit(units: ImplicitTuningUnit[], onResults: (results: ImplicitUnitResult[]) => void): Promise<void> {
    const { seed, k, testFraction, validationFraction, sampleUsers } = this.protocol;
    await Promise.all(
      batches(units, this.options.unitsPerActivity).map((batch) =>
        this.limit(async () => {
          const out = await training.runImplicitTuningUnits({
            snapshot: this.snapshot,
            seed,
            k,
            testFraction,
            validationFraction,
            sampleUsers,
            units: batch,
          });
          this.countBatch(out);
          onResults(out.results);
        }),
      ),
    );
  }

  evaluateRanking(params: ImplicitParamsSpec): Promise<ImplicitRankingEvaluation> {
    const { k, testFraction, seed, sampleUsers } = this.protocol;
    return this.limit(() => training.evaluateImplicitRanking({ snapshot: this.snapshot, params, k, testFraction, seed, sampleUsers }));
  }

  /** The new-user protocol for one parameter set (both models trained per group). */
  evaluateNewUsers(params: { explicit: ExplicitParamsSpec; implicit: ImplicitParamsSpec }): Promise<NewUserEvaluation> {
    const { k, seed, sampleUsers } = this.protocol;
    return this.limit(() => training.evaluateNewUsers({ snapshot: this.snapshot, params, k, seed, sampleUsers }));
  }

  private countBatch(out: TuningBatchResult<unknown>): void {
    this.progress.tuning.computed += out.computed;
    this.progress.tuning.reused += out.reused;
    if (out.attempt > 1) this.progress.tuning.retriedActivities++;
  }
}
