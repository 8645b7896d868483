import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { MockActivityEnvironment } from '@temporalio/testing';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { DefaultLogger, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { createS3Client } from '@reelrank/storage';
import { ensureBuckets } from '@reelrank/stack';
import {
  ENRICH_TMDB_SKIPPED_NO_CREDENTIALS,
  enrichTmdbProgressQuery,
  type EnrichTmdbInput,
  enrichTmdbWorkflowId,
  SEARCH_ATTRIBUTES,
} from '@reelrank/workflows';
import {
  createMigratedDatabase,
  defaultTmdbDatasetDir,
  startTmdbStub,
  type TestDatabase,
  testServiceEnv,
  type TmdbStub,
} from '@reelrank/testing';
import { loadWorkerConfig } from '../../src/config/worker-config';
import type { TmdbClientOptions } from '../../src/tmdb/tmdb-client';
import { TMDB_CACHE_PREFIX } from '../../src/tmdb/tmdb-cache';
import { TmdbEnrichmentActivitiesService } from '../../src/tmdb/tmdb-enrichment.activities';
import { enrichTmdbWorkflow } from '../../../workflows/src/workflows';
import { bundleWorkflows, startTestWorker, type TestWorker } from '../support';

const API_KEY = 'enrichment-test-key';
const quietLogger = new DefaultLogger('ERROR');
const AUTH_MESSAGE = 'TMDB rejected the credentials (HTTP 401, status_code 7): check TMDB_API_KEY / TMDB_READ_ACCESS_TOKEN';

/** MovieLens movies of the test: 40 with TMDB metadata rows, Fight Club (the real sample), 404s and the odd cases. */
const MOVIE_IDS = {
  withMetadata: [] as number[], // the first 40 of links.csv, filled in beforeAll
  fightClub: 2959, // tmdb 550
  noMetadata: [720, 3114, 4993, 5952, 7153], // 720 is <= 3111 but has no row; the others are past the partial file
  sharedTmdbId: [6003, 144606], // both tmdb 4912 (no row either)
  emptyTmdbId: 791,
  noLink: 2000,
};

interface LinkRow {
  movieId: string;
  imdbId: string;
  tmdbId: string;
}

describe('enrichTmdbWorkflow on Temporal, PostgreSQL and MinIO against the TMDB stub', () => {
  const run = randomBytes(3).toString('hex');
  const taskQueue = `enrich-tmdb-test-${run}`;
  const buckets = { main: `enrich-tmdb-${run}`, restart: `enrich-tmdb-restart-${run}` };
  let database: TestDatabase;
  let pg: PgClient;
  let s3: S3Client;
  let stub: TmdbStub;
  let connection: Connection;
  let client: Client;
  let workflowBundle: WorkflowBundleWithSourceMap;
  let worker: TestWorker | undefined;
  /** tmdbId of every test movie that has one. */
  const tmdbIds = new Map<number, number>();

  /** Short backoffs and timeouts: the suite stays fast with 30% of requests failing. */
  const tmdbOptions = (overrides: TmdbClientOptions = {}): TmdbClientOptions => ({
    baseUrl: stub.url,
    apiKey: API_KEY,
    requestsPerSecond: 200,
    concurrency: 8,
    maxAttempts: 8,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    timeoutMs: 400,
    ...overrides,
  });
  const env = (bucket = buckets.main) => testServiceEnv(database.url, bucket);
  const start = async (tmdb: TmdbClientOptions, bucket = buckets.main) => {
    worker = await startTestWorker({ env: env(bucket), taskQueue, workflowBundle, tmdb });
    return worker;
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = undefined;
  };
  const startWorkflow = (input: EnrichTmdbInput) =>
    client.workflow.start(enrichTmdbWorkflow, {
      taskQueue,
      workflowId: enrichTmdbWorkflowId(input.datasetVersion),
      args: [input],
      workflowExecutionTimeout: '3 minutes',
    });
  const detailsRows = async () => (await pg.query('SELECT * FROM movie_details ORDER BY movie_id')).rows as Record<string, unknown>[];
  const available = (movieId: number) => stub.movies.has(tmdbIds.get(movieId)!);
  const cachedKeys = async (bucket: string) => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: TMDB_CACHE_PREFIX }));
    return (listed.Contents ?? []).map((object) => object.Key!);
  };

  beforeAll(async () => {
    try {
      // ERROR: the failures this file provokes on purpose are logged as warnings.
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // Installed by another test file of this Jest worker.
    }
    [database, workflowBundle, stub] = await Promise.all([
      createMigratedDatabase('enrich'),
      bundleWorkflows(),
      startTmdbStub({ apiKey: API_KEY, failureRate: 0.3, slowRate: 0.05, slowDelayMs: 1000, retryAfterSeconds: 1, seed: 42 }),
    ]);
    s3 = createS3Client(loadWorkerConfig(env()));
    await ensureBuckets(s3, Object.values(buckets));
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
    client = new Client({ connection });

    const links = parse(readFileSync(path.join(defaultTmdbDatasetDir(), '..', 'ml-latest-small', 'links.csv'), 'utf8'), {
      columns: true,
    }) as LinkRow[];
    const byMovie = new Map(links.map((link) => [Number(link.movieId), link]));
    MOVIE_IDS.withMetadata = links
      .filter((link) => link.tmdbId !== '' && stub.movies.has(Number(link.tmdbId)))
      .slice(0, 40)
      .map((link) => Number(link.movieId));
    const linked = [
      ...MOVIE_IDS.withMetadata,
      MOVIE_IDS.fightClub,
      ...MOVIE_IDS.noMetadata,
      ...MOVIE_IDS.sharedTmdbId,
      MOVIE_IDS.emptyTmdbId,
    ];
    pg = new PgClient({ connectionString: database.url });
    await pg.connect();
    for (const movieId of [...linked, MOVIE_IDS.noLink]) {
      await pg.query('INSERT INTO movies (id, title) VALUES ($1, $2)', [movieId, `Movie ${movieId}`]);
    }
    for (const movieId of linked) {
      const link = byMovie.get(movieId)!;
      const tmdbId = link.tmdbId === '' ? null : Number(link.tmdbId);
      await pg.query('INSERT INTO links (movie_id, imdb_id, tmdb_id) VALUES ($1, $2, $3)', [movieId, `tt${link.imdbId}`, tmdbId]);
      if (tmdbId !== null) tmdbIds.set(movieId, tmdbId);
    }
  }, 120_000);

  afterAll(async () => {
    await stopWorker();
    await connection?.close();
    await pg?.end();
    await stub?.stop();
    s3?.destroy();
    await database?.drop();
  });

  afterEach(stopWorker);

  it('completes at once with "skipped: no TMDB credentials" when the worker has none', async () => {
    await start(tmdbOptions({ apiKey: undefined, readAccessToken: undefined }));
    const handle = await startWorkflow({ datasetVersion: `skip-${run}` });
    const result = await handle.result();
    expect(result).toMatchObject({ status: ENRICH_TMDB_SKIPPED_NO_CREDENTIALS, total: 0, enriched: 0, fetched: 0 });
    expect(await handle.query(enrichTmdbProgressQuery)).toMatchObject({ state: 'skipped' });
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(SEARCH_ATTRIBUTES.pipelineStage)).toBe('skipped');
    expect(attributes.get(SEARCH_ATTRIBUTES.pipelineType)).toBe('enrichment');
    expect(stub.requests.total).toBe(0);
    expect(await detailsRows()).toEqual([]);
  });

  it('fails the run at once with a clear message when TMDB rejects the credentials (401)', async () => {
    await start(tmdbOptions({ apiKey: 'not-the-key' }));
    const handle = await startWorkflow({ datasetVersion: `unauthorized-${run}` });
    const error = await handle.result().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause?.message).toBe(AUTH_MESSAGE);
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.pipelineStage)).toBe('failed');
    // One batch, each in-flight lookup answered 401 once: no retry by the client, the activity or the workflow.
    expect(stub.requests.byStatus()).toEqual({ 401: stub.requests.total });
    expect(stub.requests.total).toBeLessThanOrEqual(8);
    expect(await detailsRows()).toEqual([]);
    stub.requests.reset();
  });

  it('enriches every available movie and marks TMDB 404s NOT_FOUND despite 30% of answers being 429/500', async () => {
    await start(tmdbOptions());
    const datasetVersion = `full-${run}`;
    const handle = await startWorkflow({ datasetVersion, batchSize: 10, batchesPerRun: 2 });
    const progress = await handle.query(enrichTmdbProgressQuery);
    expect(['starting', 'enriching']).toContain(progress.state);
    const result = await handle.result();

    const withTmdb = [...tmdbIds.keys()];
    const availableMovies = withTmdb.filter(available);
    expect(availableMovies).toHaveLength(41);
    expect(result).toMatchObject({
      datasetVersion,
      status: 'completed',
      total: withTmdb.length,
      enriched: 41,
      notFound: withTmdb.length - 41,
      failed: 0,
      // Two movies share tmdb 4912: one lookup answers both.
      fetched: withTmdb.length - 1,
      cached: 1,
      batches: Math.ceil(withTmdb.length / 10),
      recentFailures: [],
    });
    expect(result.runs).toBe(Math.ceil(result.batches / 2)); // continued as new every 2 batches
    expect(await client.workflow.getHandle(enrichTmdbWorkflowId(datasetVersion)).query(enrichTmdbProgressQuery)).toMatchObject({
      state: 'done',
      enriched: 41,
      total: withTmdb.length,
    });
    const attributes = (await client.workflow.getHandle(enrichTmdbWorkflowId(datasetVersion)).describe()).typedSearchAttributes;
    expect(attributes.get(SEARCH_ATTRIBUTES.pipelineStage)).toBe('done');
    expect(attributes.get(SEARCH_ATTRIBUTES.datasetVersion)).toBe(datasetVersion);

    // Faults really happened, and were retried.
    const statuses = stub.requests.byStatus();
    expect(statuses[429]).toBeGreaterThan(3);
    expect(statuses[500]).toBeGreaterThan(3);
    expect(stub.requests.entries.some((entry) => entry.fault === 'slow')).toBe(true);

    const rows = await detailsRows();
    expect(rows.map((row) => row.movie_id)).toEqual(withTmdb.sort((a, b) => a - b));
    for (const row of rows) {
      expect(row.status).toBe(available(row.movie_id as number) ? 'ENRICHED' : 'NOT_FOUND');
      expect(row.tmdb_id).toBe(tmdbIds.get(row.movie_id as number));
    }
    const fightClub = rows.find((row) => row.movie_id === MOVIE_IDS.fightClub)!;
    expect(fightClub).toMatchObject({
      tmdb_id: 550,
      tagline: 'Mischief. Mayhem. Soap.',
      runtime: 139,
      original_language: 'en',
      backdrop_path: '/hZkgoQYus5vegHoetLkCJzb17zJ.jpg',
      vote_count: 27917,
      genres: ['Drama'],
      directors: ['David Fincher'],
      keywords: [],
    });
    expect((fightClub.release_date as Date).toISOString()).toBe('1999-10-15T00:00:00.000Z');
    expect(fightClub.cast).toHaveLength(10);
    expect((fightClub.cast as { name: string }[])[1]).toEqual({
      id: 287,
      name: 'Brad Pitt',
      character: 'Tyler Durden',
      profilePath: '/cckcYc2v0yh1tc9QjRelptcOBko.jpg',
      order: 1,
    });
    expect(rows.find((row) => row.movie_id === 1)).toMatchObject({
      status: 'ENRICHED',
      tmdb_id: 862,
      genres: ['Animation', 'Comedy', 'Family'],
      poster_path: '/rhIRbceoE9lR4veEXuwCC2wARtG.jpg',
      runtime: 81,
      vote_average: 7.7,
      cast: [],
      directors: [],
    });
    expect(rows.find((row) => row.movie_id === MOVIE_IDS.sharedTmdbId[1])).toMatchObject({
      status: 'NOT_FOUND',
      overview: null,
      genres: [],
      cast: null,
    });
    // The catalog keeps the movies without details.
    expect((await pg.query('SELECT count(*)::int AS n FROM movies')).rows[0].n).toBe(rows.length + 2);

    // Every answer is cached, the 404s included (as markers).
    expect((await cachedKeys(buckets.main)).sort()).toEqual(
      [...new Set(tmdbIds.values())].map((tmdbId) => `${TMDB_CACHE_PREFIX}${tmdbId}.json`).sort(),
    );
  });

  it('re-runs on a restarted worker from the cache: nothing is fetched again', async () => {
    const before = await detailsRows();
    await pg.query('DELETE FROM movie_details');
    stub.requests.reset();
    await start(tmdbOptions());
    const result = await (await startWorkflow({ datasetVersion: `full-${run}`, batchSize: 25 })).result();
    expect(result).toMatchObject({
      status: 'completed',
      total: tmdbIds.size,
      enriched: 41,
      notFound: tmdbIds.size - 41,
      fetched: 0,
      cached: tmdbIds.size,
    });
    expect(stub.requests.total).toBe(0);
    const after = await detailsRows();
    expect(after.map(({ fetched_at: _, ...row }) => row)).toEqual(before.map(({ fetched_at: _, ...row }) => row));

    // And with every movie enriched, a run finds nothing to do.
    const idle = await (await startWorkflow({ datasetVersion: `idle-${run}` })).result();
    expect(idle).toMatchObject({ status: 'completed', total: 0, enriched: 0, batches: 0, runs: 1 });
    expect(stub.requests.total).toBe(0);
  });

  it('survives a worker restart in the middle of a run without refetching what it had cached', async () => {
    await pg.query('DELETE FROM movie_details');
    stub.requests.reset();
    // A fresh cache bucket and a slower client, so the restart lands mid-run.
    await start(tmdbOptions({ requestsPerSecond: 10, concurrency: 2 }), buckets.restart);
    const handle = await startWorkflow({ datasetVersion: `restart-${run}`, batchSize: 10, batchesPerRun: 3 });
    for (let progress = await handle.query(enrichTmdbProgressQuery); progress.enriched + progress.notFound < 10;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      progress = await handle.query(enrichTmdbProgressQuery);
    }
    await stopWorker();
    const cachedBeforeRestart = (await cachedKeys(buckets.restart)).map((key) => Number(/(\d+)\.json$/.exec(key)![1]));
    expect(cachedBeforeRestart.length).toBeGreaterThanOrEqual(10);
    expect(cachedBeforeRestart.length).toBeLessThan(new Set(tmdbIds.values()).size);
    stub.requests.reset();

    await start(tmdbOptions(), buckets.restart);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'completed', total: tmdbIds.size, failed: 0 });
    expect(result.enriched + result.notFound).toBe(tmdbIds.size);
    const refetched = stub.requests.ids().filter((tmdbId) => cachedBeforeRestart.includes(tmdbId));
    expect(refetched).toEqual([]);
    expect(stub.requests.ids().length).toBe(new Set(tmdbIds.values()).size - cachedBeforeRestart.length);
    const rows = await detailsRows();
    expect(rows).toHaveLength(tmdbIds.size);
    expect(rows.filter((row) => row.status === 'ENRICHED')).toHaveLength(41);
  });

  it('resumes a retried batch from its heartbeat details (activity level)', async () => {
    await pg.query('DELETE FROM movie_details');
    stub.requests.reset();
    const { app } = await start(tmdbOptions());
    const service = app.get(TmdbEnrichmentActivitiesService);
    const movies = MOVIE_IDS.withMetadata.slice(0, 6).map((movieId) => ({ movieId, tmdbId: tmdbIds.get(movieId)! }));
    const heartbeatDetails = {
      doneMovieIds: movies.slice(0, 4).map((movie) => movie.movieId),
      counters: { enriched: 4, notFound: 0, failed: 0, cached: 0, fetched: 4 },
      failures: [],
    };
    const activity = new MockActivityEnvironment({ heartbeatDetails, heartbeatTimeoutMs: 30_000 }, { logger: quietLogger });
    const beats: unknown[] = [];
    activity.on('heartbeat', (details: unknown) => beats.push(details));
    const result = await activity.run(() => service.enrichMoviesFromTmdb({ movies }));
    // The previous attempt's counters, plus the 2 movies done now (from the cache the first test filled).
    expect(result).toMatchObject({ enriched: 6, fetched: 4, cached: 2, failed: 0 });
    expect(beats.length).toBeGreaterThanOrEqual(2);
    const lastBeat = beats.at(-1) as { doneMovieIds: number[] };
    expect([...lastBeat.doneMovieIds].sort((a, b) => a - b)).toEqual(movies.map((movie) => movie.movieId));
    expect((await detailsRows()).map((row) => row.movie_id)).toEqual(movies.slice(4).map((movie) => movie.movieId));
    expect(stub.requests.total).toBe(0);
  });

  it('turns a 401 into a non-retryable ApplicationFailure (activity level)', async () => {
    const { app } = await start(tmdbOptions({ apiKey: 'not-the-key' }), buckets.restart);
    const service = app.get(TmdbEnrichmentActivitiesService);
    const uncached = { movieId: MOVIE_IDS.noLink, tmdbId: 999_999_001 };
    const failure = await new MockActivityEnvironment({}, { logger: quietLogger })
      .run(() => service.enrichMoviesFromTmdb({ movies: [uncached] }))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ApplicationFailure', type: 'TmdbAuthError', nonRetryable: true, message: AUTH_MESSAGE });
  });
});
