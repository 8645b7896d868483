import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { writeJsonObject } from '@reelrank/storage';
import { offThread, rankEvaluate, trainExplicit, trainImplicit, type ExplicitParams, type ImplicitParams } from '@reelrank/recommender';
import { modelPrefix, ObjectStorage } from '@reelrank/storage';
import {
  coversCheckpoints,
  explicitRunKey,
  modelSnapshotKey,
  modelStoragePrefix,
  modelVersionProblem,
  type ActiveModelDescription,
  type CreateTrainingSnapshotInput,
  type EvaluateImplicitRankingInput,
  type EvaluateNewUsersInput,
  type ExplicitTuningBatchInput,
  type ExplicitUnitResult,
  type ImplicitRankingEvaluation,
  type ImplicitTuningBatchInput,
  type ImplicitUnitResult,
  type NewUserEvaluation,
  type PromoteModelVersionInput,
  type PromotionOutcome,
  type PublishRecommendationsInput,
  type PublishRecommendationsResult,
  type RatingsSinceActiveModel,
  type RetrainTriggerSettings,
  type StageTimings,
  type StoredModels,
  type TrainAndStoreInput,
  type TrainingActivities,
  type TrainingSnapshot,
  type TuningBatchResult,
} from '@reelrank/workflows';
import { ApplicationFailure } from '@temporalio/activity';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { DatabasePool } from '../database/database-pool';
import { withActivityContext } from '../temporal/activity-context';
import {
  checkRatingsSince,
  countRatingsSinceLatestModel,
  describeActiveModel,
  insertTrainingVersion,
  markVersionFailed,
  ModelVersionExistsError,
  promoteVersion,
  pruneVersions,
  updateVersionDetails,
  versionStatus,
} from './model-versions';
import { loadMovieGenres } from './movie-genres';
import { WorkerMetrics } from '../observability/worker-metrics';
import { evaluateNewUsers } from './new-user-evaluation';
import { publishServingTables } from './publish';
import { SNAPSHOT_FORMAT, SNAPSHOT_RECORD_LAYOUT, writeRatingsSnapshot } from './snapshot';
import { TrainingRuntime } from './training-runtime';
import { explicitMarkerKey, implicitMarkerKey, runExplicitUnit, runImplicitUnit, runTuningBatch } from './tuning-runs';

/** Fewer ratings or users than this cannot be cross-validated or ranked meaningfully (one user's model ranks nothing for anyone). */
const MIN_RATINGS = 20;
const MIN_USERS = 2;

/**
 * Activities of retrainModelWorkflow and retrainCoordinatorWorkflow (registered by `activities()`). The ALS work
 * runs on one shared worker-thread pool (TRAINING_THREADS), so the event loop stays free for heartbeats and the
 * worker's other activities.
 */
@Injectable()
export class TrainingActivitiesService implements TrainingActivities, OnApplicationShutdown {
  private readonly logger = new Logger('Training');
  private readonly runtime: TrainingRuntime;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly storage: ObjectStorage,
    pool: DatabasePool,
    private readonly metrics: WorkerMetrics,
  ) {
    this.runtime = new TrainingRuntime(pool, storage, { threads: config.TRAINING_THREADS });
  }

  /** The activities this service registers (see temporal/activities.ts). */
  activities(): TrainingActivities {
    return {
      createTrainingSnapshot: (input) => this.createTrainingSnapshot(input),
      runExplicitTuningUnits: (input) => this.runExplicitTuningUnits(input),
      runImplicitTuningUnits: (input) => this.runImplicitTuningUnits(input),
      evaluateImplicitRanking: (input) => this.evaluateImplicitRanking(input),
      evaluateNewUsers: (input) => this.evaluateNewUsers(input),
      describeActiveModel: () => this.describeActiveModel(),
      trainAndStoreModels: (input) => this.trainAndStoreModels(input),
      publishRecommendations: (input) => this.publishRecommendations(input),
      promoteModelVersion: (input) => this.promoteModelVersion(input),
      markModelVersionFailed: (input) => this.markModelVersionFailed(input),
      pruneModelVersions: (input) => this.pruneModelVersions(input),
      checkRatingsSinceActiveModel: () => this.checkRatingsSinceActiveModel(),
      countRatingsSinceLatestModel: () => this.countRatingsSinceLatestModel(),
      retrainTriggerSettings: () => this.retrainTriggerSettings(),
    };
  }

  async createTrainingSnapshot(input: CreateTrainingSnapshotInput): Promise<TrainingSnapshot> {
    const problem = modelVersionProblem(input.version);
    if (problem) throw ApplicationFailure.nonRetryable(problem, 'InvalidRetrainInput');
    const status = await versionStatus(this.runtime.pool, input.version);
    if (status === 'READY' || status === 'REJECTED') {
      throw ApplicationFailure.nonRetryable(`model version ${input.version} already exists (${status})`, 'ModelVersionExists');
    }
    return withActivityContext(async (context) => {
      const started = performance.now();
      const key = modelSnapshotKey(input.version);
      const written = await writeRatingsSnapshot({
        pool: this.runtime.pool,
        s3: this.storage.client,
        bucket: this.storage.bucket,
        key,
        onProgress: (ratings) => context.heartbeat({ ratings }),
      });
      const snapshot: TrainingSnapshot = {
        version: input.version,
        key,
        snapshotAt: written.snapshotAt.toISOString(),
        ratingsWatermark: written.ratingsWatermark,
        ratings: written.ratings,
        users: written.users,
        movies: written.movies,
        bytes: written.bytes,
        seconds: (performance.now() - started) / 1000,
      };
      await writeJsonObject(
        this.storage.client,
        this.storage.bucket,
        `${modelStoragePrefix(input.version)}snapshot/manifest.json`,
        { format: SNAPSHOT_FORMAT, record: SNAPSHOT_RECORD_LAYOUT, ...snapshot },
        { pretty: true },
      );
      try {
        await insertTrainingVersion(this.runtime.pool, {
          version: input.version,
          workflowId: input.workflowId,
          storagePrefix: modelPrefix(input.version),
          snapshotAt: written.snapshotAt,
          ratingsWatermark: written.ratingsWatermark,
          dataCounts: { ratings: snapshot.ratings, users: snapshot.users, movies: snapshot.movies, snapshotAt: snapshot.snapshotAt },
          timings: { snapshot: snapshot.seconds },
          metrics: { trigger: input.trigger },
        });
      } catch (error) {
        if (error instanceof ModelVersionExistsError) throw ApplicationFailure.nonRetryable(error.message, error.name);
        throw error;
      }
      if (snapshot.users < MIN_USERS || snapshot.ratings < MIN_RATINGS) {
        const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
        throw ApplicationFailure.nonRetryable(
          `the ratings snapshot has ${count(snapshot.users, 'user')} and ${count(snapshot.ratings, 'rating')}; ` +
            `training needs at least ${MIN_USERS} users and ${MIN_RATINGS} ratings`,
          'NotEnoughRatings',
        );
      }
      this.logger.log(`snapshot of ${input.version}: ${snapshot.ratings} ratings, ${snapshot.users} users, ${snapshot.movies} movies`);
      return snapshot;
    });
  }

  runExplicitTuningUnits(input: ExplicitTuningBatchInput): Promise<TuningBatchResult<ExplicitUnitResult>> {
    return this.runtime.guard(() =>
      withActivityContext(async (context) => {
        const snapshot = await (await this.runtime.snapshots.load(input.snapshot)).sample(input.sampleUsers, input.seed);
        const protocol = { folds: input.folds, seed: input.seed };
        return runTuningBatch<ExplicitTuningBatchInput['units'][number], ExplicitUnitResult>({
          snapshot: input.snapshot,
          units: input.units,
          context,
          markers: this.runtime.markers,
          runKey: (value) => explicitRunKey(value.configKey, value.fold),
          markerKey: (unit) => explicitMarkerKey(input.snapshot.version, unit.configKey, unit.fold),
          answers: (result, unit) => coversCheckpoints(result, unit.checkpoints),
          compute: (unit, onSweep) => runExplicitUnit(snapshot, unit, protocol, this.runtime.threads(), onSweep),
          current: (unit, sweep, sweeps) => ({ configKey: unit.configKey, fold: unit.fold, sweep, sweeps }),
        });
      }),
    );
  }

  runImplicitTuningUnits(input: ImplicitTuningBatchInput): Promise<TuningBatchResult<ImplicitUnitResult>> {
    return this.runtime.guard(() =>
      withActivityContext(async (context) => {
        const snapshot = await (await this.runtime.snapshots.load(input.snapshot)).sample(input.sampleUsers, input.seed);
        const protocol = { k: input.k, testFraction: input.testFraction, validationFraction: input.validationFraction, seed: input.seed };
        return runTuningBatch<ImplicitTuningBatchInput['units'][number], ImplicitUnitResult>({
          snapshot: input.snapshot,
          units: input.units,
          context,
          markers: this.runtime.markers,
          runKey: (value) => value.configKey,
          markerKey: (unit) => implicitMarkerKey(input.snapshot.version, unit.configKey),
          answers: (result, unit) => coversCheckpoints(result, unit.checkpoints),
          compute: (unit, onSweep) => runImplicitUnit(snapshot, unit, protocol, this.runtime.threads(), onSweep),
          current: (unit, sweep, sweeps) => ({ configKey: unit.configKey, sweep, sweeps }),
        });
      }),
    );
  }

  evaluateImplicitRanking(input: EvaluateImplicitRankingInput): Promise<ImplicitRankingEvaluation> {
    return this.runtime.guard(() =>
      withActivityContext(async (context) => {
        const started = performance.now();
        const snapshot = await (await this.runtime.snapshots.load(input.snapshot)).sample(input.sampleUsers, input.seed);
        const result = await rankEvaluate(snapshot.ratings, {
          kind: 'implicit',
          k: input.k,
          testFraction: input.testFraction,
          seed: input.seed,
          params: input.params,
          pool: this.runtime.threads(),
          onSweep: (progress) => {
            context.heartbeat({ sweep: progress.sweep, sweeps: progress.sweeps });
            context.throwIfCancelled();
          },
        });
        return {
          precisionAtK: result.precisionAtK,
          recallAtK: result.recallAtK,
          ndcgAtK: result.ndcgAtK,
          mapAtK: result.mapAtK,
          coverage: result.coverage,
          users: result.users,
          k: result.k,
          testFraction: result.testFraction,
          seed: input.seed,
          params: input.params,
          popularity: result.popularity,
          trainRatings: result.trainRatings,
          testRatings: result.testRatings,
          seconds: (performance.now() - started) / 1000,
        };
      }),
    );
  }

  evaluateNewUsers(input: EvaluateNewUsersInput): Promise<NewUserEvaluation> {
    return this.runtime.guard(() =>
      withActivityContext(async (context) => {
        const [snapshot, genresOf] = await Promise.all([
          this.runtime.snapshots.load(input.snapshot).then((loaded) => loaded.sample(input.sampleUsers, input.seed)),
          loadMovieGenres(this.runtime.pool),
        ]);
        const evaluation = await evaluateNewUsers({
          ratings: snapshot.timedRatings,
          params: input.params,
          k: input.k,
          seed: input.seed,
          genresOf,
          pool: this.runtime.threads(),
          onProgress: (progress) => {
            context.heartbeat(progress);
            context.throwIfCancelled();
          },
        });
        const product = evaluation.product;
        this.logger.log(
          product
            ? `new-user protocol of ${input.snapshot.version} (${evaluation.eligibleUsers} users): liked-P@${input.k} ${product.likedPrecisionAtK.toFixed(4)}, ` +
                `popularity ${evaluation.popularity!.likedPrecisionAtK.toFixed(4)}, explicit ${evaluation.explicitByPrediction!.likedPrecisionAtK.toFixed(4)}`
            : `new-user protocol of ${input.snapshot.version} skipped: ${evaluation.skipped}`,
        );
        return evaluation;
      }),
    );
  }

  describeActiveModel(): Promise<ActiveModelDescription | null> {
    return describeActiveModel(this.runtime.pool);
  }

  trainAndStoreModels(input: TrainAndStoreInput): Promise<StoredModels> {
    const version = input.snapshot.version;
    const manifestKey = `${modelPrefix(version)}manifest.json`;
    return this.runtime.guard(() =>
      withActivityContext(async (context) => {
        const existing = await this.runtime.modelStore.readManifest(version);
        if (
          existing &&
          (existing.dataCounts as { snapshotAt?: string }).snapshotAt === input.snapshot.snapshotAt &&
          JSON.stringify(existing.params) === JSON.stringify(input.details.params)
        ) {
          // An earlier attempt stored these very models; its reply was lost.
          const timings = existing.timings as StageTimings;
          await updateVersionDetails(this.runtime.pool, version, { ...input.details, timings });
          return {
            version,
            storagePrefix: modelPrefix(version),
            manifestKey,
            trainSeconds: { explicit: timings.trainExplicitSeconds ?? 0, implicit: timings.trainImplicitSeconds ?? 0 },
            storeSeconds: timings.storeSeconds ?? 0,
          };
        }
        const snapshot = await this.runtime.snapshots.load(input.snapshot);
        const onSweep = (progress: { kind: string; sweep: number; sweeps: number }) => {
          context.heartbeat(progress);
          context.throwIfCancelled();
        };
        const pool = this.runtime.threads();
        let t = performance.now();
        // Both models' matrices have the same rows and columns: built once, the implicit one only adds its values.
        const data = await offThread(pool, 'explicitTrainingData', snapshot.ratings);
        const explicit = await trainExplicit(snapshot.ratings, input.explicitParams as ExplicitParams, { pool, onSweep, data });
        const trainExplicitSeconds = (performance.now() - t) / 1000;
        t = performance.now();
        const implicitParams = input.implicitParams as ImplicitParams;
        const implicit = await trainImplicit(snapshot.ratings, implicitParams, {
          pool,
          onSweep,
          data: await offThread(pool, 'implicitDataFromExplicit', data, implicitParams),
        });
        const trainImplicitSeconds = (performance.now() - t) / 1000;
        t = performance.now();
        context.heartbeat({ storing: version });
        const timings = { ...input.details.timings, trainExplicitSeconds, trainImplicitSeconds };
        await this.runtime.modelStore.save(version, { explicit, implicit }, { ...input.details, timings });
        const storeSeconds = (performance.now() - t) / 1000;
        await updateVersionDetails(this.runtime.pool, version, { ...input.details, timings: { ...timings, storeSeconds } });
        this.logger.log(`stored ${version}: explicit ${trainExplicitSeconds.toFixed(1)} s, implicit ${trainImplicitSeconds.toFixed(1)} s`);
        return {
          version,
          storagePrefix: modelPrefix(version),
          manifestKey,
          trainSeconds: { explicit: trainExplicitSeconds, implicit: trainImplicitSeconds },
          storeSeconds,
        };
      }),
    );
  }

  publishRecommendations(input: PublishRecommendationsInput): Promise<PublishRecommendationsResult> {
    return this.runtime.guard(() =>
      withActivityContext(async (context) => {
        const started = performance.now();
        const version = input.snapshot.version;
        const [{ explicit, implicit }, snapshot] = await Promise.all([
          this.runtime.modelStore.load(version),
          this.runtime.snapshots.load(input.snapshot),
        ]);
        let counts;
        try {
          counts = await publishServingTables({
            pool: this.runtime.pool,
            snapshot,
            explicit,
            implicit,
            settings: { version, topN: input.topN, similarK: input.similarK, similarMinRatings: input.similarMinRatings },
            onProgress: (done) => {
              context.heartbeat(done);
              context.throwIfCancelled();
            },
          });
        } catch (error) {
          if ((error as Error).message.includes('not trained on this snapshot'))
            throw ApplicationFailure.nonRetryable((error as Error).message, 'SnapshotMismatch');
          throw error;
        }
        const seconds = (performance.now() - started) / 1000;
        this.logger.log(
          `published ${version}: ${counts.recommendations} recommendations for ${counts.users} users, ${counts.similarRows} similar-movie rows`,
        );
        return { ...counts, seconds };
      }),
    );
  }

  /** Also records the retrain's stage durations (`reelrank_retrain_stage_duration_seconds`). */
  async promoteModelVersion(input: PromoteModelVersionInput): Promise<PromotionOutcome> {
    const outcome = await promoteVersion(this.runtime.pool, input);
    this.metrics.retrainStagesTimed(input.timings);
    return outcome;
  }

  markModelVersionFailed(input: { version: string; workflowId: string; error: string }): Promise<void> {
    return markVersionFailed(this.runtime.pool, input);
  }

  async pruneModelVersions(input: { keep: number }): Promise<string[]> {
    if (!Number.isInteger(input.keep) || input.keep < 1) return [];
    const pruned = await pruneVersions(this.runtime.pool, input.keep);
    for (const version of pruned) await this.runtime.deletePrefix(modelPrefix(version));
    if (pruned.length) this.logger.log(`pruned model versions ${pruned.join(', ')}`);
    return pruned;
  }

  checkRatingsSinceActiveModel(): Promise<RatingsSinceActiveModel> {
    return checkRatingsSince(this.runtime.pool);
  }

  countRatingsSinceLatestModel(): Promise<number> {
    return countRatingsSinceLatestModel(this.runtime.pool);
  }

  async retrainTriggerSettings(): Promise<RetrainTriggerSettings> {
    return { minNewRatings: this.config.RETRAIN_MIN_NEW_RATINGS, quietPeriodSeconds: this.config.RETRAIN_QUIET_SECONDS };
  }

  /** After the Temporal worker drained its activities (TemporalWorkerService.beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}
