import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Client, Connection, defaultPayloadConverter, type WorkflowHandle } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import type { ManagedProcess } from '@reelrank/stack';
import {
  retrainWorkflowId,
  TIMED_RETRAIN_STAGES,
  type ExplicitTuningBatchInput,
  type ImplicitTuningBatchInput,
  type RetrainModelInput,
  type TrainedRetrainResult,
  type TuningBatchResult,
} from '@reelrank/workflows';
import { createMigratedDatabase, testBucket, type TestDatabase, testEnv, testServiceEnv, waitFor } from '@reelrank/testing';
import { explicitMarkerKey, implicitMarkerKey } from '../../src/training/tuning-runs';
import { retrainModelWorkflow } from '../../../workflows/src/workflows';
import { buildWorkerDist, seedMovieLensSubset, startWorkerProcess, trained } from '../support';

const TUNING_ACTIVITIES = ['runExplicitTuningUnits', 'runImplicitTuningUnits'];

/**
 * 10 explicit runs (6 configurations on fold 0, 2 finalists on 2 more folds) and 4 implicit ones, two per
 * activity, up to four activities at once: enough for two workers to share.
 */
const GRID: Omit<RetrainModelInput, 'trigger' | 'modelVersion'> = {
  explicitGrid: { ranks: [4, 8, 16], lambdas: [0.05, 0.1], pseudoCounts: [10], biasLambdas: [2], iterations: [10, 20] },
  implicitGrid: { ranks: [8, 16], lambdas: [2], alphas: [4, 8], confidences: ['log'], iterations: [10, 20] },
  folds: 3,
  finalists: 2,
  unitsPerActivity: 2,
  tuningConcurrency: 4,
  similarMinRatings: 5,
};

/** One activity execution as the workflow history records it (the attempt that closed it). */
interface ActivitySpan {
  activityId: string;
  type: string;
  identity: string;
  attempt: number;
  seconds: number;
  input: unknown;
  result: unknown;
}

/**
 * Two real worker processes (`node worker/dist/main.js`) poll one training task queue and share a retrain:
 * both run tuning units, the outcome is the one a single worker reaches, and a worker SIGKILLed in the middle
 * of a unit loses only that unit (its batch resumes on the other worker from the finished unit's S3 marker).
 */
describe('two workers share a retrain', () => {
  const runId = randomBytes(3).toString('hex');
  const queues = { main: `two-main-${runId}`, training: `two-training-${runId}` };
  let dir: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let database: TestDatabase;
  let pg: PgClient;
  let connection: Connection;
  let client: Client;
  const workers: ManagedProcess[] = [];
  const started: WorkflowHandle[] = [];
  const split: string[] = [];
  let single: TrainedRetrainResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-two-workers-'));
    const build = buildWorkerDist();
    storage = await testBucket('twoworkers');
    database = await createMigratedDatabase('twoworkers');
    await seedMovieLensSubset(database.url, 300);
    pg = new PgClient({ connectionString: database.url });
    await pg.connect();
    connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    client = new Client({ connection });
    await build;
  }, 180_000);

  afterAll(async () => {
    // Other test files list runs in the shared namespace: leave none of ours running.
    for (const handle of started) await handle.terminate('two-workers test ended').catch(() => undefined);
    await Promise.all(workers.map((worker) => worker.stop()));
    await connection?.close();
    await pg?.end();
    await storage?.empty();
    storage?.s3.destroy();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (split.length) console.info(`two-workers split:\n${split.join('\n')}`);
  });

  it('one worker: the reference result', async () => {
    await startWorker();
    const handle = await retrain(`one-${runId}`);
    single = trained(await handle.result());
    // Configurations count each iteration checkpoint: 6 × 2 explicit, 4 × 2 implicit.
    expect(single.tuning).toEqual({ explicitConfigurations: 12, implicitConfigurations: 8, computed: 14, reused: 0 });
    const spans = await activitySpans(handle);
    expect(new Set(spans.map((span) => span.identity))).toEqual(new Set([identity(workers[0])]));
    split.push(describeSplit('one worker', single, spans));
  }, 300_000);

  it('two workers: both run tuning units, and the result is the one worker result', async () => {
    await startWorker();
    const handle = await retrain(`two-${runId}`);
    const result = trained(await handle.result());
    const spans = await activitySpans(handle);
    const tuningBy = new Set(spans.filter((span) => TUNING_ACTIVITIES.includes(span.type)).map((span) => span.identity));
    expect(tuningBy).toEqual(new Set(workers.map(identity)));
    expect(result.tuning).toEqual(single.tuning);
    await expectSameOutcome(result);
    split.push(describeSplit('two workers', result, spans));
  }, 300_000);

  it('a worker SIGKILLed mid-unit loses only that unit; the other worker resumes its batch', async () => {
    const version = `kill-${runId}`;
    const victim = workers[1];
    const handle = await retrain(version);

    // The victim runs a batch whose first unit is finished (its S3 marker exists) and whose second is not.
    const killed = await waitFor(
      async () => {
        const { raw } = await handle.describe();
        if (raw.workflowExecutionInfo?.status !== 1)
          throw new Error(`the retrain closed before the kill (status ${raw.workflowExecutionInfo?.status})`);
        for (const pending of raw.pendingActivities ?? []) {
          const type = pending.activityType?.name ?? '';
          if (!TUNING_ACTIVITIES.includes(type) || pending.lastWorkerIdentity !== identity(victim) || pending.attempt !== 1) continue;
          const scheduled = (await activityInputs(handle)).get(pending.activityId ?? '');
          const keys = markerKeys(version, type, scheduled);
          if (keys.length === 2 && (await exists(keys[0])) && !(await exists(keys[1]))) return pending.activityId!;
        }
        return undefined;
      },
      240_000,
      100,
    );
    victim.child.kill('SIGKILL');
    await victim.waitForExit();

    // What the kill left of each batch the victim was running: its units, and those finished (with an S3 marker).
    const left = new Map<string, { units: number; finished: number }>();
    const inputs = await activityInputs(handle);
    for (const pending of (await handle.describe()).raw.pendingActivities ?? []) {
      const type = pending.activityType?.name ?? '';
      if (!TUNING_ACTIVITIES.includes(type) || pending.lastWorkerIdentity !== identity(victim)) continue;
      const keys = markerKeys(version, type, inputs.get(pending.activityId ?? ''));
      left.set(pending.activityId ?? '', { units: keys.length, finished: (await Promise.all(keys.map(exists))).filter(Boolean).length });
    }
    expect(left.get(killed)).toEqual({ units: 2, finished: 1 }); // killed mid-unit

    const result = trained(await handle.result());
    const spans = await activitySpans(handle);
    // Each killed batch closed on the other worker's second attempt: its finished units reused, only the unit in progress recomputed.
    for (const [activityId, { units, finished }] of left) {
      const resumed = spans.find((span) => span.activityId === activityId);
      expect(resumed).toMatchObject({ identity: identity(workers[0]), attempt: 2 });
      expect(resumed?.result).toMatchObject({ computed: units - finished, reused: finished, attempt: 2 });
    }
    // Every unit closed once: computed, or reused from a killed batch.
    const reused = [...left.values()].reduce((sum, batch) => sum + batch.finished, 0);
    expect(result.tuning).toEqual({ ...single.tuning, computed: single.tuning.computed - reused, reused });
    await expectSameOutcome(result);
    const batches = [...left.values()].map(({ units, finished }) => `${finished} of ${units} units finished`).join(', ');
    split.push(describeSplit(`two workers, one SIGKILLed mid-unit (its batches: ${batches})`, result, spans));
  }, 400_000);

  async function startWorker(): Promise<void> {
    const name = `worker-${workers.length + 1}`;
    workers.push(
      await startWorkerProcess({
        name,
        env: {
          ...testServiceEnv(database.url, storage.bucket),
          PIPELINE_TASK_QUEUE: queues.main,
          TRAINING_TASK_QUEUE: queues.training,
          // The machine has two cores: one ALS thread and two activities per worker.
          TRAINING_THREADS: '1',
          TRAINING_CONCURRENCY: '2',
        },
        logFile: join(dir, `${name}.log`),
        readyQueue: queues.training,
      }),
    );
  }

  async function retrain(version: string): Promise<WorkflowHandle<typeof retrainModelWorkflow>> {
    const handle = await client.workflow.start(retrainModelWorkflow, {
      taskQueue: queues.training,
      workflowId: retrainWorkflowId(version),
      args: [{ trigger: 'manual', modelVersion: version, ...GRID }],
      workflowExecutionTimeout: '10 minutes',
    });
    started.push(handle);
    return handle;
  }

  /** The Temporal SDK's default worker identity. */
  function identity(worker: ManagedProcess): string {
    return `${worker.child.pid}@${hostname()}`;
  }

  /** Chosen parameters, metrics figures, every tuning figure, the stored models and the published lists equal the one-worker run's. */
  async function expectSameOutcome(result: TrainedRetrainResult): Promise<void> {
    expect(result.params).toEqual(single.params);
    expect(result.metrics).toEqual(single.metrics);
    expect(await tuningFigures(result.version)).toEqual(await tuningFigures(single.version));
    expect(await modelObjects(result.version)).toEqual(await modelObjects(single.version));
    expect(await publishedDigest(result.version)).toEqual(await publishedDigest(single.version));
  }

  /** Every configuration's figures from model_versions.metrics (without where a run came from or how long it took). */
  async function tuningFigures(version: string): Promise<unknown> {
    const { rows } = await pg.query<{ metrics: Record<string, unknown> }>('SELECT metrics FROM model_versions WHERE version = $1', [
      version,
    ]);
    const { explicit, implicit } = rows[0].metrics as {
      explicit: { tuning: object; cv: object };
      implicit: { tuning: object; ranking: object };
    };
    return JSON.parse(
      JSON.stringify({ explicit, implicit }, (key, value: unknown) => (['source', 'seconds'].includes(key) ? undefined : value)),
    );
  }

  /** The stored models' binary objects by name, with their content digests (ETag of a single PUT: its MD5). */
  async function modelObjects(version: string): Promise<Record<string, string>> {
    const prefix = `models/${version}/`;
    const listed = await storage.s3.send(new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix }));
    const models = (listed.Contents ?? []).filter(({ Key }) => /^(explicit|implicit)\//.test(Key!.slice(prefix.length)));
    expect(models.length).toBeGreaterThanOrEqual(4);
    return Object.fromEntries(models.map(({ Key, ETag }) => [Key!.slice(prefix.length), ETag!]));
  }

  async function publishedDigest(version: string): Promise<Record<string, string>> {
    const { rows } = await pg.query<{ recommendations: string; similar: string }>(
      `SELECT (SELECT md5(string_agg(concat_ws('|', user_id, rank, movie_id, score, predicted_rating, because_movie_id), ',' ORDER BY user_id, rank))
                 FROM user_recommendations WHERE model_version = $1) AS recommendations,
              (SELECT md5(string_agg(concat_ws('|', movie_id, rank, similar_movie_id, score), ',' ORDER BY movie_id, rank))
                 FROM similar_movies WHERE model_version = $1) AS similar`,
      [version],
    );
    return rows[0];
  }

  async function exists(key: string): Promise<boolean> {
    return storage.s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key })).then(
      () => true,
      () => false,
    );
  }

  /** The S3 marker keys of a tuning batch's units, in the order the batch runs them. */
  function markerKeys(version: string, type: string, input: unknown): string[] {
    if (type === 'runExplicitTuningUnits')
      return (input as ExplicitTuningBatchInput).units.map((unit) => explicitMarkerKey(version, unit.configKey, unit.fold));
    return (input as ImplicitTuningBatchInput).units.map((unit) => implicitMarkerKey(version, unit.configKey));
  }

  /** Each scheduled activity's input, by activity id. */
  async function activityInputs(handle: WorkflowHandle): Promise<Map<string, unknown>> {
    const inputs = new Map<string, unknown>();
    for (const event of (await handle.fetchHistory()).events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.input?.payloads?.[0])
        inputs.set(scheduled.activityId ?? '', defaultPayloadConverter.fromPayload(scheduled.input.payloads[0]));
    }
    return inputs;
  }

  /** Every closed activity of the run: type, the worker and attempt that closed it, its seconds from start to close. */
  async function activitySpans(handle: WorkflowHandle): Promise<ActivitySpan[]> {
    const events = (await handle.fetchHistory()).events ?? [];
    const byId = new Map(events.map((event) => [String(event.eventId), event]));
    const ms = (event: (typeof events)[number]) =>
      Number(String(event.eventTime?.seconds ?? 0)) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
    return events.flatMap((event) => {
      const completed = event.activityTaskCompletedEventAttributes;
      if (!completed) return [];
      const scheduled = byId.get(String(completed.scheduledEventId))!;
      const startedEvent = byId.get(String(completed.startedEventId))!;
      const attributes = scheduled.activityTaskScheduledEventAttributes!;
      return [
        {
          activityId: attributes.activityId ?? '',
          type: attributes.activityType?.name ?? '',
          identity: startedEvent.activityTaskStartedEventAttributes?.identity ?? '',
          attempt: startedEvent.activityTaskStartedEventAttributes?.attempt ?? 0,
          seconds: (ms(event) - ms(startedEvent)) / 1000,
          input: attributes.input?.payloads?.[0] ? defaultPayloadConverter.fromPayload(attributes.input.payloads[0]) : undefined,
          result: completed.result?.payloads?.[0]
            ? (defaultPayloadConverter.fromPayload(completed.result.payloads[0]) as TuningBatchResult<unknown>)
            : undefined,
        },
      ];
    });
  }

  /** Per worker: tuning units and activity seconds by kind; per stage: its share of the retrain's seconds. */
  function describeSplit(label: string, result: TrainedRetrainResult, spans: ActivitySpan[]): string {
    const names = new Map(workers.map((worker, index) => [identity(worker), `worker-${index + 1}`]));
    const kinds: Record<string, string> = {
      runExplicitTuningUnits: 'tuning',
      runImplicitTuningUnits: 'tuning',
      evaluateImplicitRanking: 'evaluation',
      evaluateNewUsers: 'evaluation',
      trainAndStoreModels: 'final training',
      publishRecommendations: 'publish',
    };
    const lines = [`${label} (${result.version}, ${result.timings.total?.toFixed(1)} s):`];
    for (const [id, name] of names) {
      const mine = spans.filter((span) => span.identity === id);
      if (!mine.length) continue;
      const units = mine
        .filter((span) => TUNING_ACTIVITIES.includes(span.type))
        .reduce((sum, span) => sum + ((span.result as TuningBatchResult<unknown>).computed ?? 0), 0);
      const seconds = new Map<string, number>();
      for (const span of mine) {
        const kind = kinds[span.type] ?? 'bookkeeping';
        seconds.set(kind, (seconds.get(kind) ?? 0) + span.seconds);
      }
      lines.push(`  ${name}: ${units} tuning units computed; ${[...seconds].map(([kind, s]) => `${kind} ${s.toFixed(1)} s`).join(', ')}`);
    }
    const { total } = result.timings;
    const stages = TIMED_RETRAIN_STAGES.map((stage) => [stage, result.timings[stage] ?? 0] as const);
    lines.push(`  stages: ${stages.map(([stage, s]) => `${stage} ${s.toFixed(1)} s (${((s / total) * 100).toFixed(0)} %)`).join(', ')}`);
    return lines.join('\n');
  }
});
