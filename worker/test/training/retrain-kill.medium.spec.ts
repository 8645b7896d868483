import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import type { ManagedProcess } from '@reelrank/stack';
import {
  modelTuningPrefix,
  PIPELINE_RUNS,
  retrainProgressQuery,
  retrainWorkflowId,
  runStartOptions,
  type RetrainModelInput,
  type RunWorkflow,
} from '@reelrank/workflows';
import { createMigratedDatabase, testBucket, type TestDatabase, testEnv, testServiceEnv, waitFor } from '@reelrank/testing';
import { retrainModelWorkflow } from '../../../workflows/src/workflows';
import { seedMovieLensSubset, buildWorkerDist, startWorkerProcess } from '../support';

/**
 * The real worker (`node worker/dist/main.js`) is SIGKILLed while it tunes a retrain; a second worker process
 * takes the retrain over (the tuning activity times out on its heartbeat and is retried there). The retrain must
 * complete and promote its version exactly once, and the resuming worker must answer the system check meanwhile.
 */
describe('a retrain survives a worker killed mid-tuning', () => {
  const runId = randomBytes(3).toString('hex');
  const version = `kill-${runId}`;
  const queues = { main: `kill-main-${runId}`, training: `kill-training-${runId}` };
  let dir: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let database: TestDatabase;
  let pg: PgClient;
  let connection: Connection;
  let client: Client;
  const workers: ManagedProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-retrain-kill-'));
    const build = buildWorkerDist();
    storage = await testBucket('retrainkill');
    database = await createMigratedDatabase('retrainkill');
    await seedMovieLensSubset(database.url, 300);
    pg = new PgClient({ connectionString: database.url });
    await pg.connect();
    connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    client = new Client({ connection });
    await build;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await connection?.close();
    await pg?.end();
    await storage?.empty();
    storage?.s3.destroy();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('completes and promotes exactly once after a SIGKILL of the worker during tuning', async () => {
    const started = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const promotedBefore = await count('SELECT count(*)::int AS n FROM model_versions WHERE promoted_at IS NOT NULL');
    await startWorker();
    mark('worker 1 polling');
    const input: RetrainModelInput = {
      trigger: 'manual',
      modelVersion: version,
      explicitGrid: { ranks: [8, 16], lambdas: [0.05, 0.1], pseudoCounts: [10], biasLambdas: [2], iterations: [10, 20] },
      implicitGrid: { ranks: [8, 16], lambdas: [2], alphas: [4], confidences: ['log'], iterations: [10, 20] },
      folds: 3,
      finalists: 1,
      unitsPerActivity: 2,
      tuningConcurrency: 1,
      similarMinRatings: 5,
    };
    const handle = await client.workflow.start(retrainModelWorkflow, {
      taskQueue: queues.training,
      workflowId: retrainWorkflowId(version),
      args: [input],
      workflowExecutionTimeout: '10 minutes',
    });

    // Kill once a tuning batch is recorded and the next one is under way (a run of it finished: its marker).
    const atKill = await waitFor(
      async () => {
        const progress = await handle.query(retrainProgressQuery);
        if (progress.stage !== 'tuning')
          return progress.stage === 'snapshot' ? undefined : Promise.reject(new Error(`tuning ended before the kill: ${progress.stage}`));
        const done = progress.tuning.explicit.runsDone + progress.tuning.implicit.runsDone;
        return done >= 1 && (await tuningMarkers()) > done ? progress : undefined;
      },
      120_000,
      50,
    );
    workers[0].child.kill('SIGKILL');
    await workers[0].waitForExit();
    mark(`SIGKILL in tuning with ${atKill.tuning.explicit.runsDone + atKill.tuning.implicit.runsDone} runs recorded`);

    await startWorker();
    mark('worker 2 polling');
    // Once worker 2 resumed the lost tuning attempt (after its heartbeat timeout), it answers the system check.
    await waitFor(
      async () => {
        const { raw } = await handle.describe();
        const retried = (raw.pendingActivities ?? []).some((activity) => (activity.attempt ?? 1) > 1);
        return retried || (await handle.query(retrainProgressQuery)).tuning.retriedActivities > 0 || undefined;
      },
      120_000,
      50,
    );
    mark('lost attempt resumed');
    const check = await client.workflow.execute<RunWorkflow<'system-check'>>(PIPELINE_RUNS['system-check'].workflowType, {
      ...runStartOptions('system-check', queues),
      workflowExecutionTimeout: '1 minute',
    });
    expect(check.dependencies.map(({ name, up }) => ({ name, up }))).toEqual([
      { name: 'postgres', up: true },
      { name: 's3', up: true },
    ]);
    mark('system check answered');

    const result = await handle.result();
    mark('retrain done');
    const progress = await handle.query(retrainProgressQuery);
    expect(result).toMatchObject({ version, status: 'READY', promoted: true, activeVersion: version });
    // The kill hit a tuning activity: it was retried (on worker 2).
    expect(progress.tuning.retriedActivities).toBeGreaterThanOrEqual(1);
    // Exactly one promotion: one promoting activity in the history, one more promoted version, this one active.
    const history = await handle.fetchHistory();
    const promotions = (history.events ?? []).filter(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'promoteModelVersion',
    );
    expect(promotions).toHaveLength(1);
    expect(await count('SELECT count(*)::int AS n FROM model_versions WHERE promoted_at IS NOT NULL')).toBe(promotedBefore + 1);
    expect((await pg.query('SELECT version, status FROM model_versions')).rows).toEqual([{ version, status: 'READY' }]);
    expect((await pg.query('SELECT version FROM active_model WHERE id = 1')).rows).toEqual([{ version }]);
    console.info(
      `retrain-kill: ${marks.join('; ')}; ${progress.tuning.computed} runs computed, ${progress.tuning.reused} reused, ` +
        `${progress.tuning.retriedActivities} activities retried`,
    );
  }, 600_000);

  async function count(sql: string): Promise<number> {
    return (await pg.query<{ n: number }>(sql)).rows[0].n;
  }

  async function tuningMarkers(): Promise<number> {
    const listed = await storage.s3.send(new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: modelTuningPrefix(version) }));
    return listed.Contents?.length ?? 0;
  }

  async function startWorker(): Promise<void> {
    const name = `worker-${workers.length + 1}`;
    const worker = await startWorkerProcess({
      name,
      env: {
        ...testServiceEnv(database.url, storage.bucket),
        PIPELINE_TASK_QUEUE: queues.main,
        TRAINING_TASK_QUEUE: queues.training,
        TRAINING_THREADS: '2',
      },
      logFile: join(dir, `${name}.log`),
      readyQueue: queues.training,
    });
    workers.push(worker);
  }
});
