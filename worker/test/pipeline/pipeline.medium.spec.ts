import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { pipelineProgressQuery, pipelineWorkflowId } from '@reelrank/workflows';
import { createMigratedDatabase, ML_LATEST_SMALL, testBucket, type TestDatabase, testEnv, testServiceEnv } from '@reelrank/testing';
import { uploadDataset } from '../../src/dataset/upload';
import { pipelineWorkflow } from '../../../workflows/src/workflows';
import { bundleWorkflows, startTestWorker, tableCounts, type TestWorker } from '../support';

/** The parent pipeline on real services: raw zone → import → enrichment (skipped without TMDB credentials). */
describe('pipeline-<datasetVersion> workflow', () => {
  const taskQueue = `pipeline-test-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let worker: TestWorker;
  let connection: Connection;
  let client: Client;
  let pool: Pool;
  let bucket: Awaited<ReturnType<typeof testBucket>>;

  beforeAll(async () => {
    database = await createMigratedDatabase('pipeline');
    bucket = await testBucket('pipeline');
    await uploadDataset({ s3: bucket.s3, bucket: bucket.bucket, from: ML_LATEST_SMALL, version: 'ml-latest-small' });
    worker = await startTestWorker({
      env: testServiceEnv(database.url, bucket.bucket),
      taskQueue,
      workflowBundle: await bundleWorkflows(),
      tmdb: { baseUrl: 'http://127.0.0.1:1' },
    });
    connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    client = new Client({ connection });
    pool = new Pool({ connectionString: database.url });
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await connection?.close();
    await worker?.stop();
    await bucket?.empty();
    await database?.drop();
  });

  it('imports the dataset, skips enrichment without credentials, retrains and promotes a model, and reports every stage', async () => {
    const workflowId = `${pipelineWorkflowId('ml-latest-small')}-${randomBytes(3).toString('hex')}`;
    const retrain = {
      explicitGrid: { ranks: [8], lambdas: [0.08], pseudoCounts: [10], biasLambdas: [2], iterations: [5] },
      implicitGrid: { ranks: [8], lambdas: [2], alphas: [4], confidences: ['log' as const], iterations: [5] },
      folds: 2,
      finalists: 1,
    };
    const handle = await client.workflow.start(pipelineWorkflow, {
      taskQueue,
      workflowId,
      args: [{ datasetVersion: 'ml-latest-small', retrain, trainingTaskQueue: taskQueue }],
    });
    const result = await handle.result();

    expect(await tableCounts(pool)).toMatchObject({ movies: 9742, ratings: 100836, tags: 3683, links: 9742, users: 610 });
    expect(result.import.files.ratings.loaded).toBe(100836);
    const { rows } = await pool.query(
      'select count(*)::int as movies, count(*) filter (where rating_count > 0)::int as rated, sum(rating_count)::int as ratings from movie_rating_stats',
    );
    expect(rows[0]).toEqual({ movies: 9742, rated: 9724, ratings: 100836 });
    expect(result.enrichment?.status).toBe('skipped: no TMDB credentials');
    expect(result.stages.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: 'import', status: 'completed' },
      { name: 'enrichment', status: 'completed' },
      { name: 'retrain', status: 'completed' },
    ]);
    expect(result.retrain).toMatchObject({ status: 'READY', promoted: true, trigger: 'pipeline' });
    const active = await pool.query('select version from active_model');
    expect(active.rows).toEqual([{ version: result.retrain!.version }]);
    const recommended = await pool.query(
      'select count(distinct user_id)::int as users from user_recommendations where model_version = $1',
      [result.retrain!.version],
    );
    expect(recommended.rows[0].users).toBe(610);
    expect(result.stages[0]).toMatchObject({
      workflowId: 'import-movielens-ml-latest-small',
      summary: expect.stringContaining('100836 ratings loaded'),
    });

    const progress = await handle.query(pipelineProgressQuery);
    expect(progress.fraction).toBe(1);
    const description = await handle.describe();
    expect(description.searchAttributes).toMatchObject({
      PipelineType: ['pipeline'],
      DatasetVersion: ['ml-latest-small'],
      PipelineStage: ['done'],
    });
  }, 180_000);

  it('fails with the failing stage marked when the dataset is not in the raw zone', async () => {
    const handle = await client.workflow.start(pipelineWorkflow, {
      taskQueue,
      workflowId: `pipeline-missing-${randomBytes(3).toString('hex')}`,
      args: [{ datasetVersion: 'no-such-version', skipEnrichment: true, skipRetrain: true }],
      workflowExecutionTimeout: '2 minutes',
    });
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const progress = await handle.query(pipelineProgressQuery);
    expect(progress.stages.find((stage) => stage.name === 'import')?.status).toBe('failed');
  }, 180_000);
});
