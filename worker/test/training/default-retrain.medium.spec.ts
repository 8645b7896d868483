import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { createS3Client } from '@reelrank/storage';
import { ensureBuckets } from '@reelrank/stack';
import { retrainWorkflowId } from '@reelrank/workflows';
import { createMigratedDatabase, testServiceEnv } from '@reelrank/testing';
import { loadWorkerConfig } from '../../src/config/worker-config';
import { retrainModelWorkflow } from '../../../workflows/src/workflows';
import { bundleWorkflows, seedMovieLensSubset, startTestWorker, trained } from '../support';

/**
 * A measurement, not part of `npm test` (jest.config.js leaves it out unless RETRAIN_BENCH is set): the
 * default retrain (default grids, 5 folds) of the first RETRAIN_BENCH_USERS users of ml-latest-small (all
 * 610 when unset), e.g. `RETRAIN_BENCH_USERS=100 npm run bench:retrain`.
 */
describe('default retrain (measurement)', () => {
  it('runs the default retrain and reports its timings and metrics', async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // already installed
    }
    const run = randomBytes(3).toString('hex');
    const users = Number(process.env.RETRAIN_BENCH_USERS ?? 1_000_000);
    const taskQueue = `training-bench-${run}`;
    const bucket = `training-bench-${run}`;
    const [database, workflowBundle] = await Promise.all([createMigratedDatabase('trainbench'), bundleWorkflows()]);
    const env = { ...testServiceEnv(database.url, bucket), TRAINING_THREADS: process.env.TRAINING_THREADS ?? '0' };
    const s3 = createS3Client(loadWorkerConfig(env));
    await ensureBuckets(s3, [bucket]);
    const catalog = await seedMovieLensSubset(database.url, users);
    const worker = await startTestWorker({ env, taskQueue, workflowBundle, maxConcurrentActivityTaskExecutions: 4 });
    const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection });
      const version = `bench-${run}`;
      const started = Date.now();
      const result = trained(
        await client.workflow.execute(retrainModelWorkflow, {
          taskQueue,
          workflowId: retrainWorkflowId(version),
          args: [{ trigger: 'manual', modelVersion: version }],
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      console.info(
        [
          `default retrain of ${catalog.ratings} ratings (${catalog.users} users, ${catalog.movies} movies): ${seconds.toFixed(1)} s`,
          `timings ${JSON.stringify(result.timings)}`,
          `params ${JSON.stringify(result.params)}`,
          `metrics ${JSON.stringify(result.metrics)}`,
          `tuning ${JSON.stringify(result.tuning)} published ${JSON.stringify(result.published)}`,
        ].join('\n'),
      );
      expect(result.status).toBe('READY');
    } finally {
      await worker.stop();
      await connection.close();
      s3.destroy();
      await database.drop();
    }
  }, 900_000);
});
