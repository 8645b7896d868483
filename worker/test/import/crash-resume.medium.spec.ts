import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { ManagedProcess } from '@reelrank/stack';
import {
  importMovieLensWorkflowId,
  movieLensImportProgressQuery,
  SEARCH_ATTRIBUTES,
  TASK_QUEUES,
  type ImportMovieLensResult,
} from '@reelrank/workflows';
import { createMigratedDatabase, testBucket, type TestDatabase, testEnv, testServiceEnv, waitFor, withClient } from '@reelrank/testing';
import { generateDataset } from '../../src/dataset/generate';
import { uploadDataset } from '../../src/dataset/upload';
import type { StageCheckpoint } from '../../src/import/staging';
import { runMovieLensImport } from '../../src/import/run-import';
import { importMovieLensWorkflow } from '../../../workflows/src/workflows';
import { describeDatabase } from '../../../prisma/test/support/schema-description';
import { tableChecksums, tableCounts, testImporter, buildWorkerDist, startWorkerProcess } from '../support';

/** Big enough that staging ratings outlasts the heartbeat throttle (the 2nd heartbeat reaches Temporal ~4 s in). */
const RATINGS = 4_000_000;

/**
 * The real worker (`node worker/dist/main.js`, built with tsc so Nest has its decorator metadata) is
 * SIGKILLed while it stages ratings; a second worker resumes from the last heartbeat. The final tables
 * must equal those of an undisturbed import of the same files into another database.
 */
describe('MovieLens import survives a worker crash mid-ratings', () => {
  const runId = randomBytes(3).toString('hex');
  const version = `crash-${runId}`;
  const namespace = `import-crash-${runId}`;
  let dir: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let crashed: TestDatabase;
  let reference: TestDatabase;
  let connection: Connection;
  let client: Client;
  const workers: ManagedProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-crash-'));
    const build = buildWorkerDist();
    storage = await testBucket('crash');
    [crashed, reference] = await Promise.all([createMigratedDatabase('crash'), createMigratedDatabase('crashref')]);
    await generateDataset({ out: dir, ratings: RATINGS, seed: 7 });
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dir, version });
    connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    await Promise.all([build, createNamespace(connection, namespace)]);
    client = new Client({ connection, namespace });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await connection?.close();
    await storage?.empty();
    storage?.s3.destroy();
    await crashed?.drop();
    await reference?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ends with exactly the tables of an undisturbed import', async () => {
    const started = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The undisturbed import (the same activity code, in this process) runs alongside the crashed one.
    const undisturbed = testImporter(reference.url, storage.s3, storage.bucket);
    const expectedImport = runMovieLensImport(undisturbed.importer, version).finally(() => {
      mark('reference import done');
      return undisturbed.close();
    });
    expectedImport.catch(() => undefined);
    await startWorker();
    mark('worker 1 polling');
    const handle = await client.workflow.start(importMovieLensWorkflow, {
      args: [{ datasetVersion: version }],
      taskQueue: TASK_QUEUES.main,
      workflowId: importMovieLensWorkflowId(version),
      workflowExecutionTimeout: '5 minutes',
    });

    // Kill once the progress query shows ratings partly staged and Temporal holds a heartbeat past byte 0.
    const atKill = await waitFor(async () => {
      const progress = await handle.query(movieLensImportProgressQuery);
      const ratings = progress.files.ratings;
      const heartbeat = await ratingsHeartbeat(handle);
      const partly = ratings.state === 'staging' && ratings.rowsRead > 0 && ratings.bytesRead < ratings.totalBytes;
      return partly && heartbeat && heartbeat.byteOffset > 0 && heartbeat.byteOffset < ratings.totalBytes
        ? { progress, heartbeat }
        : undefined;
    }, 90_000);
    workers[0].child.kill('SIGKILL');
    await workers[0].waitForExit();
    mark(
      `SIGKILL with ratings at byte ${atKill.progress.files.ratings.bytesRead} of ${atKill.progress.files.ratings.totalBytes}, heartbeat at line ${atKill.heartbeat.line}`,
    );
    expect(atKill.progress.stage).toBe('loading-ratings');

    await startWorker();
    mark('worker 2 polling');
    const result = await handle.result();
    mark('import done');
    const expected: ImportMovieLensResult = await expectedImport;

    const pool = new Pool({ connectionString: crashed.url });
    const referencePool = new Pool({ connectionString: reference.url });
    try {
      const { rows } = await pool.query(
        `SELECT resume_count, (checkpoint->>'resumedFromLine')::int AS resumed_from_line, (checkpoint->>'staged')::int AS staged
         FROM dataset_import_files WHERE file = 'ratings'`,
      );
      // The second attempt resumed after the heartbeated line instead of starting over.
      expect(rows[0].resume_count).toBeGreaterThanOrEqual(1);
      expect(rows[0].resumed_from_line).toBeGreaterThanOrEqual(atKill.heartbeat.line);
      expect(rows[0].resumed_from_line).toBeGreaterThan(1);
      expect(rows[0].staged).toBe(RATINGS);
      mark(`resumed after line ${rows[0].resumed_from_line}`);

      expect(result.files).toEqual(expected.files);
      expect(result.files.ratings).toMatchObject({ rowsRead: RATINGS, loaded: RATINGS, rejected: 0 });
      expect(await tableCounts(pool)).toMatchObject({ ratings: RATINGS });
      expect(await tableChecksums(pool)).toEqual(await tableChecksums(referencePool));
      // The bulk loads rebuilt the keys and indexes of ratings and tags exactly as migrated.
      const fresh = await createMigratedDatabase('crashschema');
      try {
        expect(await withClient(crashed.url, describeDatabase)).toEqual(await withClient(fresh.url, describeDatabase));
      } finally {
        await fresh.drop();
      }
    } finally {
      await Promise.all([pool.end(), referencePool.end()]);
    }
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.pipelineStage)).toBe('done');
    mark('compared');
    console.info(`crash-resume: ${marks.join('; ')}`);
  }, 240_000);

  async function startWorker(): Promise<void> {
    const name = `worker-${workers.length + 1}`;
    const worker = await startWorkerProcess({
      name,
      env: { ...testServiceEnv(crashed.url, storage.bucket), TEMPORAL_NAMESPACE: namespace, NODE_ENV: 'test' },
      logFile: join(dir, `${name}.log`),
    });
    workers.push(worker);
  }
});

/** The details of the last heartbeat Temporal recorded for the ratings staging activity. */
async function ratingsHeartbeat(handle: WorkflowHandle): Promise<StageCheckpoint | undefined> {
  const { raw } = await handle.describe();
  for (const activity of raw.pendingActivities ?? []) {
    const payload = activity.heartbeatDetails?.payloads?.[0];
    if (activity.activityType?.name !== 'stageMovieLensFile' || !payload?.data) continue;
    const details = JSON.parse(Buffer.from(payload.data).toString('utf8')) as StageCheckpoint;
    if (details.file === 'ratings') return details;
  }
  return undefined;
}

/**
 * A namespace of its own, so the real worker (which polls TASK_QUEUES.main) never takes tasks of other
 * test files, with the project's search attributes.
 */
async function createNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await waitFor(async () => {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(Object.values(SEARCH_ATTRIBUTES).map((key) => [key.name, keyword])),
    });
    return true;
  }, 30_000);
  // The frontend learns about new namespaces from its cache: wait until a query works.
  await waitFor(async () => {
    await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
    return true;
  }, 30_000);
}
