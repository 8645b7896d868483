import { Client, Connection } from '@temporalio/client';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { ensureBuckets } from '@reelrank/stack';
import { createS3Client } from '@reelrank/storage';
import { createMigratedDatabase, type TestDatabase, testServiceEnv } from '@reelrank/testing';
import {
  retrainProgressQuery,
  retrainWorkflowId,
  SEARCH_ATTRIBUTES,
  type RetrainModelInput,
  type RetrainTrigger,
} from '@reelrank/workflows';
import { loadWorkerConfig } from '../../src/config/worker-config';
import { retrainModelWorkflow } from '../../../workflows/src/workflows';
import { bundleWorkflows, seedMovieLensSubset, startTestWorker, type TestWorker } from '../support';

/** A tiny grid: each retrain of 40 users takes seconds. */
const TINY: Omit<RetrainModelInput, 'trigger'> = {
  explicitGrid: { ranks: [4], lambdas: [0.08], pseudoCounts: [10], biasLambdas: [2], iterations: [5] },
  implicitGrid: { ranks: [4], lambdas: [2], alphas: [4], confidences: ['log'], iterations: [5] },
  folds: 2,
  finalists: 1,
  similarMinRatings: 5,
  force: true,
};

describe('a scheduled or engagement retrain without rating changes is skipped', () => {
  const run = randomBytes(3).toString('hex');
  const taskQueue = `retrain-skip-test-${run}`;
  const bucket = `retrain-skip-${run}`;
  let database: TestDatabase;
  let pg: PgClient;
  let connection: Connection;
  let client: Client;
  let workflowBundle: WorkflowBundleWithSourceMap;
  let worker: TestWorker | undefined;
  let retrains = 0;

  const env = () => ({ ...testServiceEnv(database.url, bucket), TRAINING_THREADS: '1' });
  const retrain = async (trigger: RetrainTrigger) => {
    const modelVersion = `skip-${run}-${++retrains}`;
    const handle = await client.workflow.start(retrainModelWorkflow, {
      taskQueue,
      workflowId: retrainWorkflowId(modelVersion),
      args: [{ ...TINY, trigger, modelVersion }],
      workflowExecutionTimeout: '5 minutes',
    });
    return { handle, modelVersion, result: await handle.result() };
  };
  const versions = async () =>
    (await pg.query<{ version: string }>('SELECT version FROM model_versions ORDER BY version')).rows.map((r) => r.version);
  const activeVersion = async () => (await pg.query<{ version: string }>('SELECT version FROM active_model')).rows[0]?.version;

  beforeAll(async () => {
    [database, workflowBundle] = await Promise.all([createMigratedDatabase('retrain_skip'), bundleWorkflows()]);
    await seedMovieLensSubset(database.url, 40);
    pg = new PgClient({ connectionString: database.url });
    await pg.connect();
    const s3 = createS3Client(loadWorkerConfig(env()));
    await ensureBuckets(s3, [bucket]);
    s3.destroy();
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
    client = new Client({ connection });
    worker = await startTestWorker({ env: env(), taskQueue, workflowBundle, maxConcurrentActivityTaskExecutions: 4 });
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await pg?.end();
    await database?.drop();
  });

  it('skips with the reason recorded, creates no version, and runs again once a rating changed', async () => {
    const first = await retrain('manual');
    expect(first.result).toMatchObject({ status: 'READY', promoted: true });
    const trainedVersions = await versions();

    for (const trigger of ['schedule', 'engagement'] as const) {
      const skipped = await retrain(trigger);
      const reason = `no rating changed since the snapshot of active model ${first.modelVersion}`;
      expect(skipped.result).toMatchObject({ status: 'SKIPPED', promoted: false, trigger, activeVersion: first.modelVersion });
      expect(skipped.result.reason).toContain(reason);
      // Visible in the Temporal UI (stage search attribute, memo) and in the progress the API shows.
      const description = await skipped.handle.describe();
      expect(description.status.name).toBe('COMPLETED');
      expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.pipelineStage)).toBe('skipped');
      expect(description.memo).toMatchObject({ skipped: true, reason: skipped.result.reason });
      expect(await skipped.handle.query(retrainProgressQuery)).toMatchObject({
        stage: 'skipped',
        result: { promoted: false, reason: skipped.result.reason },
      });
      expect(await versions()).toEqual(trainedVersions);
      expect(await activeVersion()).toBe(first.modelVersion);
    }

    // A manual retrain always trains.
    const manual = await retrain('manual');
    expect(manual.result).toMatchObject({ status: 'READY', promoted: true });
    expect(await versions()).toEqual([...trainedVersions, manual.modelVersion].sort());

    // One new rating: the scheduled retrain runs.
    await pg.query(
      `INSERT INTO ratings (user_id, movie_id, rating)
       SELECT 1, id, 4 FROM movies WHERE id NOT IN (SELECT movie_id FROM ratings WHERE user_id = 1) ORDER BY id LIMIT 1`,
    );
    const afterRating = await retrain('schedule');
    expect(afterRating.result).toMatchObject({ status: 'READY', promoted: true, trigger: 'schedule' });
    expect(await activeVersion()).toBe(afterRating.modelVersion);
  }, 240_000);

  it('counts every kind of rating change since the snapshot: insert, update, removal, account deletion', async () => {
    const changes = [
      `UPDATE ratings SET rating = CASE WHEN rating = 5 THEN 4.5 ELSE rating + 0.5 END WHERE (user_id, movie_id) = (SELECT user_id, movie_id FROM ratings ORDER BY user_id, movie_id LIMIT 1)`,
      `DELETE FROM ratings WHERE (user_id, movie_id) = (SELECT user_id, movie_id FROM ratings ORDER BY user_id DESC, movie_id LIMIT 1)`,
      // Deleting an account removes its ratings (ON DELETE CASCADE).
      `DELETE FROM users WHERE id = (SELECT max(user_id) FROM ratings)`,
    ];
    for (const change of changes) {
      expect((await retrain('schedule')).result).toMatchObject({ status: 'SKIPPED' });
      await pg.query(change);
      expect({ change, result: (await retrain('schedule')).result }).toMatchObject({ change, result: { status: 'READY' } });
    }
  }, 240_000);
});
