import { HeadObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { ObjectStorage } from '@reelrank/storage';
import {
  importMovieLensWorkflowId,
  movieLensImportProgressQuery,
  SEARCH_ATTRIBUTES,
  type ImportMovieLensResult,
} from '@reelrank/workflows';
import {
  createMigratedDatabase,
  ML_LATEST_SMALL,
  testBucket,
  type TestDatabase,
  testEnv,
  testServiceEnv,
  withClient,
} from '@reelrank/testing';
import { loadWorkerConfig } from '../../src/config/worker-config';
import { DatabasePool } from '../../src/database/database-pool';
import { uploadDataset } from '../../src/dataset/upload';
import { MovieLensImportActivitiesService } from '../../src/import/movielens-import.activities';
import { importMovieLensWorkflow } from '../../../workflows/src/workflows';
import { describeDatabase } from '../../../prisma/test/support/schema-description';
import { tableChecksums, tableCounts } from '../support';
import { WorkerMetrics } from '../../src/observability/worker-metrics';

/** importMovieLensWorkflow on the real Temporal server, PostgreSQL and MinIO, with ml-latest-small. */
describe('importMovieLensWorkflow with ml-latest-small', () => {
  const run = randomBytes(3).toString('hex');
  const version = `ml-latest-small-${run}`;
  const taskQueue = `movielens-import-test-${run}`;
  let database: TestDatabase;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let pool: DatabasePool;
  let activities: MovieLensImportActivitiesService;
  let objectStorage: ObjectStorage;
  let worker: Worker;
  let running: Promise<void>;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;

  const execute = () =>
    client.workflow.execute(importMovieLensWorkflow, {
      args: [{ datasetVersion: version }],
      taskQueue,
      workflowId: importMovieLensWorkflowId(version),
      workflowExecutionTimeout: '2 minutes',
    });

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    Logger.overrideLogger(['error']);
    database = await createMigratedDatabase('mlsmall');
    storage = await testBucket('ml-small');
    const config = loadWorkerConfig(testServiceEnv(database.url, storage.bucket));
    objectStorage = new ObjectStorage(config, storage.bucket);
    pool = new DatabasePool(config);
    activities = new MovieLensImportActivitiesService(pool, objectStorage, new WorkerMetrics());
    const [workflowBundle] = await Promise.all([
      bundleWorkflowCode({ workflowsPath: require.resolve('../../../workflows/src/workflows'), logger: new DefaultLogger('ERROR') }),
      uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: ML_LATEST_SMALL, version }),
    ]);
    nativeConnection = await NativeConnection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle,
      activities: activities.activities(),
    });
    running = worker.run();
    connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    client = new Client({ connection });
  }, 60_000);

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
    await pool?.end();
    objectStorage?.onApplicationShutdown();
    await storage?.empty();
    storage?.s3.destroy();
    await database?.drop();
  });

  let first: ImportMovieLensResult;

  it('uploads the raw zone with checksums and a manifest', async () => {
    const head = await storage.s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: `movielens/raw/${version}/ratings.csv` }));
    expect(head.ContentLength).toBe(2_382_886);
    expect(head.Metadata?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const manifest = JSON.parse(
      await (
        await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: `movielens/raw/${version}/manifest.json` }))
      ).Body!.transformToString(),
    );
    expect(manifest).toMatchObject({
      dataset: 'movielens',
      datasetVersion: version,
      files: { ratings: { rows: 100_836, bytes: 2_382_886 }, movies: { rows: 9_742 }, links: { rows: 9_742 }, tags: { rows: 3_683 } },
    });
  });

  it('imports exactly the MovieLens counts', async () => {
    first = await execute();

    const counts = await tableCounts(pool);
    // 20 distinct values in the genres column: 19 named genres (18 from the MovieLens README plus IMAX) and
    // "(no genres listed)", which means "no genre" and creates no row.
    expect(counts).toMatchObject({ movies: 9_742, ratings: 100_836, tags: 3_683, links: 9_742, users: 610, genres: 19 });
    expect(first.files.ratings).toEqual({
      rowsRead: 100_836,
      bytesRead: 2_382_886,
      totalBytes: 2_382_886,
      blankLines: 0,
      loaded: 100_836,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      duplicates: 0,
    });
    expect(first.files.movies).toMatchObject({ rowsRead: 9_742, loaded: 9_742, rejected: 0 });
    expect(first.files.links).toMatchObject({ rowsRead: 9_742, loaded: 9_742, rejected: 0 });
    expect(first.files.tags).toMatchObject({ rowsRead: 3_683, loaded: 3_683, rejected: 0 });
    expect(first.users).toEqual({ inserted: 610 });
    expect(first.genres).toEqual({ inserted: 19, total: 19 });

    const one = async (sql: string) => (await pool.query(sql)).rows;
    expect(await one(`SELECT id, title, year FROM movies WHERE id IN (1, 11, 32, 40697, 149334, 171749) ORDER BY id`)).toEqual([
      { id: 1, title: 'Toy Story', year: 1995 },
      { id: 11, title: 'American President, The', year: 1995 },
      { id: 32, title: 'Twelve Monkeys (a.k.a. 12 Monkeys)', year: 1995 },
      { id: 40697, title: 'Babylon 5', year: null },
      { id: 149334, title: 'Nocturnal Animals', year: null },
      { id: 171749, title: 'Death Note: Desu nôto', year: 2006 },
    ]);
    expect(await one(`SELECT count(*)::int AS n FROM movies WHERE year IS NULL`)).toEqual([{ n: 12 }]);
    expect(
      await one(`SELECT count(*)::int AS n FROM movies m WHERE NOT EXISTS (SELECT 1 FROM movie_genres g WHERE g.movie_id = m.id)`),
    ).toEqual([{ n: 34 }]);
    expect(await one(`SELECT count(*)::int AS n FROM links WHERE tmdb_id IS NULL`)).toEqual([{ n: 8 }]);
    expect(await one(`SELECT movie_id FROM links WHERE tmdb_id = 4912 ORDER BY 1`)).toEqual([{ movie_id: 6003 }, { movie_id: 144606 }]);
    expect(await one(`SELECT imdb_id FROM links WHERE movie_id = 1`)).toEqual([{ imdb_id: 'tt0114709' }]);
    expect(await one(`SELECT count(*)::int AS n FROM links WHERE imdb_id !~ '^tt[0-9]{7,}$'`)).toEqual([{ n: 0 }]);
    expect(await one(`SELECT min(rated_at) AS min, max(rated_at) AS max FROM ratings`)).toEqual([
      { min: new Date('1996-03-29T18:36:55Z'), max: new Date('2018-09-24T14:27:30Z') },
    ]);
    expect(await one(`SELECT count(DISTINCT movie_id)::int AS n FROM ratings`)).toEqual([{ n: 9_724 }]);
    // The catalog's stats: a row for every movie (zeros for the 18 without ratings), the aggregates of its
    // ratings and the damped mean that orders RATING.
    expect(
      await one(`SELECT count(*)::int AS movies, count(*) FILTER (WHERE rating_count > 0)::int AS rated, sum(rating_count)::int AS ratings,
                        count(*) FILTER (WHERE bayesian_rating <> (rating_sum + 35) / (rating_count + 10))::int AS wrong_keys
                 FROM movie_rating_stats`),
    ).toEqual([{ movies: 9_742, rated: 9_724, ratings: 100_836, wrong_keys: 0 }]);
    expect(
      await one(`SELECT count(*)::int AS n FROM movie_rating_stats s
                 FULL JOIN (SELECT movie_id, count(*)::int AS n, sum(rating::float8) AS total FROM ratings GROUP BY movie_id) r USING (movie_id)
                 WHERE (s.rating_count, s.rating_sum) IS DISTINCT FROM (coalesce(r.n, 0), coalesce(r.total, 0))`),
    ).toEqual([{ n: 0 }]);
    expect(await one(`SELECT rating_count, rating_sum, bayesian_rating FROM movie_rating_stats WHERE movie_id = 1`)).toEqual([
      { rating_count: 215, rating_sum: 843, bayesian_rating: (843 + 35) / 225 },
    ]);
    expect(await one(`SELECT count(*)::int AS n FROM users WHERE source = 'MOVIELENS'`)).toEqual([{ n: 610 }]);
    expect(await one(`SELECT nextval('users_id_seq')::int AS next`)).toEqual([{ next: 10_000_001 }]); // sign-ups start above MovieLens ids
    expect(await one(`SELECT count(*)::int AS n FROM import_quarantine`)).toEqual([{ n: 0 }]);
    expect(await one(`SELECT status::text, stats->'files'->'ratings'->>'loaded' AS loaded FROM dataset_imports`)).toEqual([
      { status: 'DONE', loaded: '100836' },
    ]);
  });

  it('leaves exactly the migrated schema behind (the bulk load rebuilt the ratings keys and indexes)', async () => {
    const reference = await createMigratedDatabase('mlschema');
    try {
      const expected = await withClient(reference.url, describeDatabase);
      expect(await withClient(database.url, describeDatabase)).toEqual(expected);
      const checks = `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'ratings'::regclass ORDER BY conname`;
      expect((await pool.query(checks)).rows).toEqual(await withClient(reference.url, async (c) => (await c.query(checks)).rows));
    } finally {
      await reference.drop();
    }
  });

  it('reports stage, type and version as search attributes, the result in the memo and progress by query', async () => {
    const handle = client.workflow.getHandle(importMovieLensWorkflowId(version));
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.pipelineType)).toBe('import');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.pipelineStage)).toBe('done');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.datasetVersion)).toBe(version);
    expect(description.memo).toMatchObject({ datasetVersion: version, files: { ratings: { loaded: 100_836, rejected: 0 } } });
    const progress = await handle.query(movieLensImportProgressQuery);
    expect(progress.stage).toBe('done');
    expect(progress.files.ratings).toEqual({
      rowsRead: 100_836,
      bytesRead: 2_382_886,
      totalBytes: 2_382_886,
      staged: 100_836,
      loaded: 100_836,
      updated: 0,
      rejected: 0,
      state: 'merged',
    });
  });

  it('changes nothing when the same version is imported again', async () => {
    const before = await tableChecksums(pool);
    const again = await execute();
    for (const file of ['movies', 'links', 'tags', 'ratings'] as const) {
      expect(again.files[file]).toEqual({ ...first.files[file], loaded: 0, updated: 0, unchanged: first.files[file].loaded });
    }
    expect(again.genres).toEqual({ inserted: 0, total: 19 });
    expect(again.movieGenres).toEqual({ inserted: 0, deleted: 0 });
    expect(again.users).toEqual({ inserted: 0 });
    expect(await tableChecksums(pool)).toEqual(before);
    expect(await tableCounts(pool)).toMatchObject({ movies: 9_742, ratings: 100_836, tags: 3_683, links: 9_742, users: 610, genres: 19 });
  });

  it('fails fast, without retrying, when the dataset was never uploaded', async () => {
    const missing = `missing-${run}`;
    await expect(
      client.workflow.execute(importMovieLensWorkflow, {
        args: [{ datasetVersion: missing }],
        taskQueue,
        workflowId: importMovieLensWorkflowId(missing),
      }),
    ).rejects.toMatchObject({
      cause: {
        cause: {
          message: expect.stringContaining(
            `movielens/raw/${missing}/ has no movies.csv, links.csv, tags.csv, ratings.csv: upload the dataset first`,
          ),
        },
      },
    });
    const description = await client.workflow.getHandle(importMovieLensWorkflowId(missing)).describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.pipelineStage)).toBe('failed');
  });
});
