import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { parse } from 'csv-parse/sync';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { testBucket, testServiceEnv } from '@reelrank/testing';
import { uploadDataset } from '../../worker/src/dataset/upload';
import { bundleWorkflows, startTestWorker, type TestWorker } from '../../worker/test/support';
import { eventually } from './support/recommender-seed';
import { type GqlData, onlyError, TestApi } from './support/test-api';

/**
 * What an admin sees of an import: the failure reason of a failed run (PipelineRun.error), the quarantined
 * rows of an import (paginated, filtered, counted, downloadable as CSV), the raw zone's dataset versions, and
 * the import refusing a file that changed since its upload (checksum against the manifest).
 */

const RUN = `query($id: String!) { pipelineRun(workflowId: $id) { status stage error { message type stage failedAt } } }`;
const START_IMPORT = `mutation($v: String!) { startImport(datasetVersion: $v) { workflowId status } }`;
const QUARANTINE = `query($id: String!, $first: Int, $after: String, $filter: QuarantineFilter) {
  pipelineRun(workflowId: $id) {
    quarantineCounts { file reason rows }
    quarantinedRows(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { file lineNumber rawText reason } }
    }
  }
}`;
const DATASET_VERSIONS = `{ datasetVersions {
  version uploadedAt
  files { file key bytes sha256 rows imported }
  lastImport { status workflowId startedAt finishedAt error matchesUpload }
} }`;

const ADMIN = { email: 'import-review-admin@reelrank.test', password: 'admin-password-1' };

const MOVIES_CSV = 'movieId,title,genres\n1,Toy Story (1995),Animation\n2, ,Drama\n3,Alien (1979),Horror\n';

/** A tiny release with bad rows: an empty title, a bad rating, an unknown movie, an empty tag, a short row. */
function writeDatasetWithBadRows(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reelrank-bad-rows-'));
  writeFileSync(join(dir, 'movies.csv'), MOVIES_CSV);
  writeFileSync(join(dir, 'links.csv'), 'movieId,imdbId,tmdbId\n1,0114709,862\n3,0078748,348\n');
  writeFileSync(join(dir, 'tags.csv'), 'userId,movieId,tag,timestamp\n7,1,pixar,1139045764\n7,3, ,1139045764\n');
  writeFileSync(
    join(dir, 'ratings.csv'),
    [
      'userId,movieId,rating,timestamp',
      '7,1,4.0,964982703',
      '7,3,7.0,964981247',
      '8,1,5.0,964982224',
      '8,99,4.5,964983815',
      '8,98,2.0,964982931',
      '8,3,9.5,964982931',
      '9,1',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('import review: run errors, quarantine, dataset versions, checksums', () => {
  const run = randomBytes(3).toString('hex');
  const taskQueue = `api-import-review-${run}`;
  const badRows = `bad-rows-${run}`;
  const tampered = `tampered-${run}`;
  let api: TestApi;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let bundle: Promise<WorkflowBundleWithSourceMap>;
  let worker: TestWorker | undefined;
  let dataset: string;
  let admin: string;
  let user: string;

  const gqlAdmin = (query: string, variables: Record<string, unknown> = {}) => api.gql(query, variables, admin);
  const finished = (workflowId: string) =>
    eventually(async () => {
      const { data, errors } = await gqlAdmin(RUN, { id: workflowId });
      expect(errors).toBeUndefined();
      expect(data!.pipelineRun.status).not.toBe('RUNNING');
      return data!.pipelineRun as GqlData;
    }, 45_000);

  beforeAll(async () => {
    bundle = bundleWorkflows();
    bundle.catch(() => undefined);
    storage = await testBucket('api-import-review');
    dataset = writeDatasetWithBadRows();
    api = await TestApi.start({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      S3_BUCKET: storage.bucket,
      PIPELINE_TASK_QUEUE: taskQueue,
      TRAINING_TASK_QUEUE: taskQueue,
    });
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dataset, version: badRows });
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dataset, version: tampered });
    admin = (await api.gql(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, { input: ADMIN })).data!.logIn
      .accessToken;
    const signUp = await api.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
      input: { email: `review-${run}@example.com`, password: 'user-password-1' },
    });
    user = signUp.data!.signUp.accessToken;
    worker = await startTestWorker({ env: testServiceEnv(api.database.url, storage.bucket), taskQueue, workflowBundle: await bundle });
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    storage?.s3.destroy();
    if (dataset) rmSync(dataset, { recursive: true, force: true });
  });

  it('admin only: datasetVersions and the quarantine CSV refuse anonymous callers and users', async () => {
    expect(onlyError(await api.gql(DATASET_VERSIONS)).extensions.code).toBe('UNAUTHENTICATED');
    expect(onlyError(await api.gql(DATASET_VERSIONS, {}, user)).extensions.code).toBe('FORBIDDEN');
    const csv = `/api/admin/datasets/${badRows}/quarantine.csv`;
    expect((await request(api.app.getHttpServer()).get(csv)).status).toBe(401);
    expect((await request(api.app.getHttpServer()).get(csv).set('Authorization', `Bearer ${user}`)).status).toBe(403);
  });

  it('an import with bad rows: its quarantined rows are paginated, counted, filtered by file and reason, and downloadable', async () => {
    const workflowId = `import-movielens-${badRows}`;
    expect((await gqlAdmin(START_IMPORT, { v: badRows })).errors).toBeUndefined();
    const done = await finished(workflowId);
    expect(done).toMatchObject({ status: 'COMPLETED', stage: 'done', error: null });

    const all = (await gqlAdmin(QUARANTINE, { id: workflowId, first: 100 })).data!.pipelineRun;
    expect(all.quarantineCounts).toEqual([
      { file: 'movies', reason: 'empty title', rows: 1 },
      { file: 'tags', reason: 'empty tag', rows: 1 },
      { file: 'ratings', reason: 'expected 4 columns, got 2', rows: 1 },
      { file: 'ratings', reason: 'invalid rating "…": must be 0.5 to 5.0 in half steps', rows: 2 },
      { file: 'ratings', reason: 'unknown movieId N: not in movies.csv', rows: 2 },
    ]);
    expect(all.quarantinedRows.totalCount).toBe(7);
    expect(all.quarantinedRows.edges.map((edge: GqlData) => `${edge.node.file}:${edge.node.lineNumber}`)).toEqual([
      'movies:3',
      'tags:3',
      'ratings:3',
      'ratings:5',
      'ratings:6',
      'ratings:7',
      'ratings:8',
    ]);
    expect(all.quarantinedRows.edges[2].node).toEqual({
      file: 'ratings',
      lineNumber: 3,
      rawText: '7,3,7.0,964981247',
      reason: 'invalid rating "7.0": must be 0.5 to 5.0 in half steps',
    });

    // Pages of two follow each other without gaps or repeats.
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = (await gqlAdmin(QUARANTINE, { id: workflowId, first: 2, after })).data!.pipelineRun.quarantinedRows as GqlData;
      seen.push(...page.edges.map((edge: GqlData) => `${edge.node.file}:${edge.node.lineNumber}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.quarantinedRows.edges.map((edge: GqlData) => `${edge.node.file}:${edge.node.lineNumber}`));

    const filtered = (
      await gqlAdmin(QUARANTINE, {
        id: workflowId,
        first: 10,
        filter: { file: 'ratings', reason: 'unknown movieId N: not in movies.csv' },
      })
    ).data!.pipelineRun.quarantinedRows;
    expect(filtered.totalCount).toBe(2);
    expect(filtered.edges.map((edge: GqlData) => edge.node.reason)).toEqual([
      'unknown movieId 99: not in movies.csv',
      'unknown movieId 98: not in movies.csv',
    ]);
    expect(onlyError(await gqlAdmin(QUARANTINE, { id: workflowId, after: 'bogus' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(onlyError(await gqlAdmin(QUARANTINE, { id: workflowId, filter: { file: 'users' } })).extensions.code).toBe('BAD_USER_INPUT');

    const csv = await request(api.app.getHttpServer())
      .get(`/api/admin/datasets/${badRows}/quarantine.csv`)
      .query({ file: 'ratings', reason: 'invalid rating "…": must be 0.5 to 5.0 in half steps' })
      .set('Authorization', `Bearer ${admin}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="quarantine-${badRows}.csv"`);
    expect(parse(csv.text, { columns: true })).toEqual([
      { file: 'ratings', line: '3', reason: 'invalid rating "7.0": must be 0.5 to 5.0 in half steps', raw: '7,3,7.0,964981247' },
      { file: 'ratings', line: '7', reason: 'invalid rating "9.5": must be 0.5 to 5.0 in half steps', raw: '8,3,9.5,964982931' },
    ]);
    const everything = await request(api.app.getHttpServer())
      .get(`/api/admin/datasets/${badRows}/quarantine.csv`)
      .set('Authorization', `Bearer ${admin}`);
    expect(parse(everything.text, { columns: true })).toHaveLength(7);
    const badFilter = await request(api.app.getHttpServer())
      .get(`/api/admin/datasets/${badRows}/quarantine.csv?file=nope`)
      .set('Authorization', `Bearer ${admin}`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.message).toMatch(/file must be one of movies, links, tags, ratings/);
  }, 60_000);

  it('refuses a file changed since its upload: the run fails with the reason in PipelineRun.error, nothing is merged', async () => {
    // Same size, one byte different: only the checksum can tell.
    const key = `movielens/raw/${tampered}/ratings.csv`;
    const original = await (await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }))).Body!.transformToString();
    const changed = original.replace('8,1,5.0', '8,1,1.0');
    expect(changed.length).toBe(original.length);
    await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: changed }));
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

    const workflowId = `import-movielens-${tampered}`;
    expect((await gqlAdmin(START_IMPORT, { v: tampered })).errors).toBeUndefined();
    const failed = await finished(workflowId);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toEqual({
      message:
        `ratings.csv of dataset version ${tampered} changed since upload: ` +
        `sha256 ${sha256(changed)}, expected ${sha256(original)} (upload it again with npm run dataset:upload)`,
      type: 'MovieLensInputError',
      stage: 'loading-ratings',
      failedAt: expect.any(String),
    });
    expect(Date.parse(failed.error.failedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await api.sql(`SELECT status, error FROM dataset_imports WHERE dataset_version = $1`, [tampered])).toEqual([
      { status: 'FAILED', error: expect.stringContaining(`ratings.csv of dataset version ${tampered} changed since upload`) },
    ]);
    // Only the bad-rows import merged: its 2 movies and 3 ratings, nothing of the tampered version.
    expect(await api.sql('SELECT (SELECT count(*) FROM movies)::int AS movies, (SELECT count(*) FROM ratings)::int AS ratings')).toEqual([
      { movies: 2, ratings: 2 },
    ]);
  }, 60_000);

  it('datasetVersions lists the raw zone: files, sizes, checksums, and which import loaded them', async () => {
    const { data, errors } = await gqlAdmin(DATASET_VERSIONS);
    expect(errors).toBeUndefined();
    const versions = data!.datasetVersions as GqlData[];
    expect(versions.map((v) => v.version)).toEqual([badRows, tampered]);
    const [good, bad] = versions;
    expect(good.files.map((f: GqlData) => f.file)).toEqual(['movies', 'links', 'tags', 'ratings']);
    expect(good.files[0]).toEqual({
      file: 'movies',
      key: `movielens/raw/${badRows}/movies.csv`,
      bytes: Buffer.byteLength(MOVIES_CSV),
      sha256: createHash('sha256').update(MOVIES_CSV).digest('hex'),
      rows: 3,
      imported: true,
    });
    expect(good.lastImport).toMatchObject({ status: 'DONE', workflowId: `import-movielens-${badRows}`, error: null, matchesUpload: true });
    expect(bad.lastImport).toMatchObject({ status: 'FAILED', matchesUpload: true });
    expect(bad.lastImport.error).toContain('changed since upload');
    expect(bad.files.every((f: GqlData) => f.imported === false)).toBe(true);
  });
});
