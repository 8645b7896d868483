import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedProcess } from '@reelrank/stack';
import { importMovieLensWorkflowId, retrainWorkflowId, TIMED_RETRAIN_STAGES, type RetrainModelInput } from '@reelrank/workflows';
import { createMigratedDatabase, ML_LATEST_SMALL, testBucket, type TestDatabase, testEnv, testServiceEnv } from '@reelrank/testing';
import { uploadDataset } from '../../src/dataset/upload';
import { TEMPORAL_SDK_METRICS } from '../../src/observability/temporal-runtime';
import { importMovieLensWorkflow, retrainModelWorkflow } from '../../../workflows/src/workflows';
import { buildWorkerDist, startWorkerProcess } from '../support';

/** The values of `name` in Prometheus text, one per label set, each with its labels. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const found = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    found.push({ labels, value: Number(match[3]) });
  }
  return found;
}

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/**
 * The real worker (`node worker/dist/main.js`, as `npm start` runs it) imports ml-latest-small and runs a small
 * retrain; its `/metrics` then holds the import's rows, the retrain's stage durations, the Temporal SDK's worker
 * metrics and the process metrics, and its log lines are JSON with the workflow and activity of each activity's logs.
 */
describe('worker /metrics and logs', () => {
  const runId = randomBytes(3).toString('hex');
  const datasetVersion = `metrics-${runId}`;
  const modelVersion = `metrics-${runId}`;
  const queues = { main: `metrics-main-${runId}`, training: `metrics-training-${runId}` };
  let dir: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let database: TestDatabase;
  let connection: Connection;
  let client: Client;
  let worker: ManagedProcess;
  let metricsUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-worker-metrics-'));
    const build = buildWorkerDist();
    storage = await testBucket('metrics');
    database = await createMigratedDatabase('metrics');
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: ML_LATEST_SMALL, version: datasetVersion });
    connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    client = new Client({ connection });
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    await build;
    worker = await startWorkerProcess({
      name: 'worker',
      env: {
        ...testServiceEnv(database.url, storage.bucket),
        PIPELINE_TASK_QUEUE: queues.main,
        TRAINING_TASK_QUEUE: queues.training,
        TRAINING_THREADS: '2',
        WORKER_METRICS_PORT: String(port),
        LOG_LEVEL: 'info',
      },
      logFile: join(dir, 'worker.log'),
      readyQueue: queues.training,
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await storage?.empty();
    storage?.s3.destroy();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers the k8s probes: alive at /healthz, ready at /readyz with Temporal and PostgreSQL up', async () => {
    const healthz = await fetch(new URL('/healthz', metricsUrl));
    expect(healthz.status).toBe(200);
    const readyz = await fetch(new URL('/readyz', metricsUrl));
    const { ready, checks } = (await readyz.json()) as { ready: boolean; checks: { name: string; up: boolean }[] };
    expect(checks.map(({ name, up }) => ({ name, up })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'postgres', up: true },
      { name: 'temporal', up: true },
    ]);
    expect({ status: readyz.status, ready }).toEqual({ status: 200, ready: true });
  });

  it('serves its import, retrain, Temporal SDK and process metrics at /metrics after an import and a retrain', async () => {
    const imported = await client.workflow.execute(importMovieLensWorkflow, {
      args: [{ datasetVersion }],
      taskQueue: queues.main,
      workflowId: importMovieLensWorkflowId(datasetVersion),
      workflowExecutionTimeout: '3 minutes',
    });
    const input: RetrainModelInput = {
      trigger: 'manual',
      modelVersion,
      explicitGrid: { ranks: [8], lambdas: [0.1], pseudoCounts: [10], biasLambdas: [2], iterations: [5] },
      implicitGrid: { ranks: [8], lambdas: [2], alphas: [4], confidences: ['log'], iterations: [5] },
      folds: 2,
      finalists: 1,
      similarMinRatings: 5,
    };
    const retrained = await client.workflow.execute(retrainModelWorkflow, {
      args: [input],
      taskQueue: queues.training,
      workflowId: retrainWorkflowId(modelVersion),
      workflowExecutionTimeout: '5 minutes',
    });
    expect(retrained.promoted).toBe(true);

    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();

    // Import: rows per file and outcome (together the rows the import read), the latest chunk's rate.
    const rows = samples(text, 'reelrank_import_rows_total');
    expect(rows.map((sample) => sample.labels.file).sort()).toEqual([
      'links',
      'links',
      'movies',
      'movies',
      'ratings',
      'ratings',
      'tags',
      'tags',
    ]);
    for (const [file, stats] of Object.entries(imported.files)) {
      const counted = rows.filter((sample) => sample.labels.file === file).reduce((sum, sample) => sum + sample.value, 0);
      expect([file, counted]).toEqual([file, stats.rowsRead]);
    }
    expect(rows).toContainEqual({ labels: { file: 'ratings', outcome: 'staged' }, value: 100_836 });
    const rate = samples(text, 'reelrank_import_rows_per_second').find((sample) => sample.labels.file === 'ratings');
    expect(rate?.value).toBeGreaterThan(0);

    // Retrain: one observation per timed stage.
    const stages = samples(text, 'reelrank_retrain_stage_duration_seconds_count');
    expect(stages.map((sample) => [sample.labels.stage, sample.value]).sort()).toEqual(
      TIMED_RETRAIN_STAGES.map((stage) => [stage, 1]).sort(),
    );

    // The Temporal SDK's worker metrics, per task queue.
    const slots = samples(text, 'temporal_worker_task_slots_available');
    expect(slots).toContainEqual({
      labels: expect.objectContaining({ task_queue: queues.main, worker_type: 'ActivityWorker' }),
      value: 20,
    });
    expect(slots).toContainEqual({
      labels: expect.objectContaining({ task_queue: queues.training, worker_type: 'WorkflowWorker' }),
      value: expect.any(Number),
    });
    const activityLatency = samples(text, 'temporal_activity_execution_latency_seconds_count');
    expect(activityLatency).toContainEqual({
      labels: expect.objectContaining({ activity_type: 'stageMovieLensFile', task_queue: queues.main }),
      value: 4,
    });
    expect(samples(text, 'temporal_workflow_completed_total')).toContainEqual({
      labels: expect.objectContaining({ workflow_type: 'retrainModelWorkflow', task_queue: queues.training }),
      value: 1,
    });
    // Every SDK metric the dashboard charts (histograms as their _count).
    for (const name of TEMPORAL_SDK_METRICS) {
      const found = samples(text, name).length + samples(text, `${name}_count`).length;
      expect({ name, found: found > 0 }).toEqual({ name, found: true });
    }
    expect(samples(text, 'process_cpu_seconds_total')).toHaveLength(1);

    // Logs: JSON lines; an activity's lines name its workflow, run and activity type.
    const lines = readFileSync(join(dir, 'worker.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const staged = lines.find((line) => String(line.msg).startsWith(`staged ${datasetVersion}/ratings`));
    expect(staged).toMatchObject({
      level: 'info',
      service: 'worker',
      context: 'MovieLensImport',
      workflowId: importMovieLensWorkflowId(datasetVersion),
      runId: expect.any(String),
      activityType: 'stageMovieLensFile',
      attempt: 1,
    });
  }, 420_000);
});
