import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { DefaultLogger, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { createS3Client } from '@reelrank/storage';
import { ensureBuckets } from '@reelrank/stack';
import { retrainWorkflowId, type RetrainModelInput } from '@reelrank/workflows';
import { createMigratedDatabase, type TestDatabase, testServiceEnv } from '@reelrank/testing';
import { loadWorkerConfig } from '../../src/config/worker-config';
import { retrainModelWorkflow } from '../../../workflows/src/workflows';
import { bundleWorkflows, seedMovieLensSubset, startTestWorker, type TestWorker, trained } from '../support';

/** A tiny grid: the whole retrain of 100 users takes seconds. */
const TINY: Omit<RetrainModelInput, 'trigger'> = {
  explicitGrid: { ranks: [4], lambdas: [0.08], pseudoCounts: [10], biasLambdas: [2], iterations: [5] },
  implicitGrid: { ranks: [8], lambdas: [2], alphas: [4], confidences: ['log'], iterations: [5] },
  folds: 3,
  finalists: 1,
  similarMinRatings: 5,
};

/**
 * A retrain whose ratings snapshot cannot train a model (no ratings; one user's ratings) fails at the snapshot
 * with one clear, non-retried reason, marks its version FAILED with it, and leaves the active model, its row and
 * its published lists as they were.
 */
describe('a retrain on a snapshot too small to train', () => {
  const run = randomBytes(3).toString('hex');
  const taskQueue = `bad-snapshot-${run}`;
  const bucket = `bad-snapshot-${run}`;
  let database: TestDatabase;
  let pg: PgClient;
  let connection: Connection;
  let client: Client;
  let workflowBundle: WorkflowBundleWithSourceMap;
  let worker: TestWorker | undefined;
  let activeVersion: string;

  const env = () => ({ ...testServiceEnv(database.url, bucket), TRAINING_THREADS: '2' });
  const retrain = (modelVersion: string) =>
    client.workflow.start(retrainModelWorkflow, {
      taskQueue,
      workflowId: retrainWorkflowId(modelVersion),
      args: [{ trigger: 'manual', modelVersion, ...TINY }],
      workflowExecutionTimeout: '3 minutes',
    });
  /** The active model as the API serves it: its row, its version's row, and digests of its published lists. */
  const servedModel = async () =>
    (
      await pg.query(
        `SELECT a.version, a.promoted_at AS active_since, v.status, v.promoted_at, v.metrics,
                (SELECT md5(string_agg(concat_ws('|', user_id, rank, movie_id, score, predicted_rating, because_movie_id), ',' ORDER BY user_id, rank))
                   FROM user_recommendations WHERE model_version = a.version) AS recommendations,
                (SELECT md5(string_agg(concat_ws('|', movie_id, rank, similar_movie_id, score), ',' ORDER BY movie_id, rank))
                   FROM similar_movies WHERE model_version = a.version) AS similar
         FROM active_model a JOIN model_versions v ON v.version = a.version WHERE a.id = 1`,
      )
    ).rows;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // Installed by another test file of this Jest worker.
    }
    [database, workflowBundle] = await Promise.all([createMigratedDatabase('badsnapshot'), bundleWorkflows()]);
    await seedMovieLensSubset(database.url, 100);
    pg = new PgClient({ connectionString: database.url });
    await pg.connect();
    const s3 = createS3Client(loadWorkerConfig(env()));
    await ensureBuckets(s3, [bucket]);
    s3.destroy();
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
    client = new Client({ connection });
    worker = await startTestWorker({ env: env(), taskQueue, workflowBundle, maxConcurrentActivityTaskExecutions: 4 });
    // The active model the bad retrains must leave alone.
    activeVersion = `good-${run}`;
    expect(trained(await (await retrain(activeVersion)).result())).toMatchObject({ status: 'READY', promoted: true });
    // Kept aside: each case below leaves only the ratings it needs.
    await pg.query('CREATE TABLE all_ratings AS SELECT * FROM ratings');
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await pg?.end();
    await database?.drop();
  });

  it.each([
    ['no ratings', 'DELETE FROM ratings', 'the ratings snapshot has 0 users and 0 ratings'],
    ['one user', 'DELETE FROM ratings WHERE user_id <> 1', 'the ratings snapshot has 1 user and 232 ratings'],
  ])('fails with the reason on %s and keeps the active model', async (name, sql, counts) => {
    await pg.query('BEGIN');
    await pg.query('DELETE FROM ratings');
    await pg.query('INSERT INTO ratings SELECT * FROM all_ratings');
    await pg.query(sql);
    await pg.query('COMMIT');
    const before = await servedModel();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({
      version: activeVersion,
      status: 'READY',
      recommendations: expect.any(String),
      similar: expect.any(String),
    });

    const version = `bad-${name.replace(/ /g, '-')}-${run}`;
    const handle = await retrain(version);
    const failure = await handle.result().then(
      (result) => Promise.reject(new Error(`the retrain on ${name} did not fail: ${JSON.stringify(result)}`)),
      (error: unknown) => error,
    );
    const reason = `${counts}; training needs at least 2 users and 20 ratings`;
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activity = (failure as WorkflowFailedError).cause;
    expect(activity?.cause).toMatchObject({ type: 'NotEnoughRatings', message: reason, nonRetryable: true });

    // Refused at the snapshot, on its first attempt, before any tuning activity.
    const events = (await handle.fetchHistory()).events ?? [];
    const scheduled = events.flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(scheduled).not.toContain('runExplicitTuningUnits');
    expect(scheduled).not.toContain('runImplicitTuningUnits');
    expect(scheduled.filter((type) => type === 'createTrainingSnapshot')).toHaveLength(1);
    expect(
      events.filter((event) => event.activityTaskStartedEventAttributes).map((event) => event.activityTaskStartedEventAttributes?.attempt),
    ).not.toContain(2);

    const row = (await pg.query('SELECT status, rejection_reason, promoted_at FROM model_versions WHERE version = $1', [version])).rows;
    expect(row).toEqual([{ status: 'FAILED', rejection_reason: `snapshot: ${reason}`, promoted_at: null }]);
    expect(await servedModel()).toEqual(before);
  });
});
