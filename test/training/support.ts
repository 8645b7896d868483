import { Test, type TestingModule } from '@nestjs/testing';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { ML_LATEST_SMALL, testEnv } from '@reelrank/testing';
import { loadWorkerConfig } from '../../worker/src/config/worker-config';
import { WORKER_ACTIVITIES, type WorkerActivities } from '../../worker/src/temporal/activities';
import { WorkerModule } from '../../worker/src/worker.module';

export interface SeededCatalog {
  users: number;
  movies: number;
  ratings: number;
}

/**
 * A small but real catalog: the first `users` users of ml-latest-small's ratings.csv, every movie they rated
 * (titles from movies.csv) and their ratings with the original timestamps, inserted with SQL.
 */
export async function seedMovieLensSubset(databaseUrl: string, users = 100): Promise<SeededCatalog> {
  const ratings = parse(readFileSync(join(ML_LATEST_SMALL, 'ratings.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const subset = ratings.filter((r) => Number(r.userId) <= users);
  const movieIds = new Set(subset.map((r) => Number(r.movieId)));
  const movies = (parse(readFileSync(join(ML_LATEST_SMALL, 'movies.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).filter(
    (m) => movieIds.has(Number(m.movieId)),
  );
  const userIds = [...new Set(subset.map((r) => Number(r.userId)))];
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO movies (id, title) SELECT * FROM unnest($1::int[], $2::text[])', [
      movies.map((m) => Number(m.movieId)),
      movies.map((m) => m.title),
    ]);
    await client.query(`INSERT INTO users (id, source) SELECT id, 'MOVIELENS' FROM unnest($1::int[]) AS id`, [userIds]);
    await client.query(
      `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
       SELECT u, m, r, to_timestamp(t) FROM unnest($1::int[], $2::int[], $3::real[], $4::bigint[]) AS x(u, m, r, t)`,
      [
        subset.map((r) => Number(r.userId)),
        subset.map((r) => Number(r.movieId)),
        subset.map((r) => Number(r.rating)),
        subset.map((r) => Number(r.timestamp)),
      ],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return { users: userIds.length, movies: movies.length, ratings: subset.length };
}

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows/src/workflows'), logger: silentLogger });
}

export interface TestWorker {
  app: TestingModule;
  /** Shuts the Temporal worker down (in-flight activities are cancelled, as at a deploy) and closes the app. */
  stop(): Promise<void>;
}

/** The worker app in-process (real PostgreSQL and MinIO) polling its own task queue. */
export async function startTestWorker(options: {
  env: NodeJS.ProcessEnv;
  taskQueue: string;
  workflowBundle: WorkflowBundleWithSourceMap;
}): Promise<TestWorker> {
  const app = await Test.createTestingModule({ imports: [WorkerModule.forRoot(loadWorkerConfig(options.env))] })
    .setLogger(silentLogger)
    .compile();
  const connection = await NativeConnection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: app.get<WorkerActivities>(WORKER_ACTIVITIES),
    maxConcurrentActivityTaskExecutions: 4,
  });
  const running = worker.run();
  return {
    app,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await app.close();
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${last}` : ''}`);
}

export const silentLogger = {
  log: () => {},
  error: () => {},
  warn: () => {},
  debug: () => {},
  verbose: () => {},
  info: () => {},
  trace: () => {},
};
