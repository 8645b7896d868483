import { ACTIVE_MODEL_LOCK } from '@reelrank/prisma';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { testBucket, testServiceEnv } from '@reelrank/testing';
import { bundleWorkflows, startTestWorker, type TestWorker } from '../../worker/test/support';
import { TemporalClient } from '../src/temporal/temporal.module';
import { eventually, seedRecommenderCatalog } from './support/recommender-seed';
import { STORED_RETRAIN_ROW } from './support/stored-retrain-row';
import { type GqlData, onlyError, TestApi } from './support/test-api';

const EXPLICIT = 'rank lambda pseudoCount biasLambda iterations seed';
const IMPLICIT = 'rank lambda alpha confidence epsilon iterations seed';
const SUMMARY_FIELDS = `version status active workflowId rejectionReason rmse rmseStd precisionAtK recallAtK ndcgAtK popularityNdcgAtK k
  ratingCount userCount movieCount snapshotAt createdAt promotedAt`;
const MODEL_FIELDS = `${SUMMARY_FIELDS}
  params { explicit { ${EXPLICIT} } implicit { ${IMPLICIT} } }
  metrics {
    trigger
    crossValidation { rmse mae folds perFold { fold rmse mae trainRatings testRatings seconds } }
    ranking { k ndcgAtK popularity { ndcgAtK } }
    explicitTuning { folds grid { ranks } best { rmse } configurations { params { ${EXPLICIT} } rmse rmseStd mae folds } }
    implicitTuning { k configurations { params { ${IMPLICIT} } ndcgAtK } }
    tuningRuns { computed reused }
    baseline { version source explicitRmse crossValidation { rmse } ranking { ndcgAtK } }
    promotion { reason promote forced tolerance { newUser } newUser { candidate baseline limit ok } }
  }
  dataCounts { ratings users movies }
  timings { snapshot tuning storeSeconds failedAt }`;
const VERSIONS = `query($first: Int) { modelVersions(first: $first) { ${SUMMARY_FIELDS} } }`;
const ACTIVE = `{ activeModel { ${MODEL_FIELDS} } }`;
const VERSION = `query($v: String!) { modelVersion(version: $v) { ${MODEL_FIELDS} } }`;
const PROMOTE = `mutation($v: String!) { promoteModel(version: $v) { version active promotedAt } }`;
const RETRAIN = `mutation($input: RetrainModelInput) { retrainModel(input: $input) { workflowId runId type status modelVersion } }`;
const RUN = `query($id: String!) { pipelineRun(workflowId: $id) { status progress stage progressDetails { ... on RetrainProgress { version stage error } } modelVersion } }`;

const ADMIN = { email: 'models-admin@reelrank.test', password: 'admin-password-1' };

/** A retrain's metrics as stored, with these headline figures. */
const metrics = (rmse: number, ndcg: number) => ({
  ...STORED_RETRAIN_ROW.metrics,
  summary: {
    explicitRmse: rmse,
    explicitRmseStd: 0.01,
    explicitMae: 0.7,
    folds: 3,
    implicitNdcgAtK: ndcg,
    implicitPrecisionAtK: 0.2,
    implicitRecallAtK: 0.3,
    popularityNdcgAtK: 0.1,
    k: 10,
  },
});

async function login(api: TestApi) {
  const admin = (await api.gql(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, { input: ADMIN })).data!.logIn
    .accessToken as string;
  const user = (
    await api.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
      input: { email: `user-${randomBytes(3).toString('hex')}@example.com`, password: 'user-password-1' },
    })
  ).data!.signUp.accessToken as string;
  return { admin, user };
}

describe('model versions GraphQL API', () => {
  let api: TestApi;
  let admin: string;
  let user: string;

  const insertVersion = (version: string, status: string, createdAt: string, m: object = {}) =>
    api.sql(
      `INSERT INTO model_versions (version, status, workflow_id, storage_prefix, params, metrics, data_counts, timings, snapshot_at, created_at)
       VALUES ($1, $2::model_version_status, $3, $4, $5, $6, $7, $8, now(), $9::timestamptz)`,
      [
        version,
        status,
        `retrain-${version}`,
        `models/${version}/`,
        STORED_RETRAIN_ROW.params,
        m,
        { ratings: 100, users: 10, movies: 20 },
        { tuning: 1.5 },
        createdAt,
      ],
    );

  beforeAll(async () => {
    api = await TestApi.start({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RETRAIN_SCHEDULE_ENABLED: 'false',
      RETRAIN_ENGAGEMENT_ENABLED: 'false',
    });
    ({ admin, user } = await login(api));
    await insertVersion('v1', 'READY', '2026-01-01T00:00:00Z', metrics(0.9, 0.3));
    await insertVersion('v2', 'READY', '2026-01-02T00:00:00Z', metrics(0.85, 0.32));
    await insertVersion('v3-failed', 'FAILED', '2026-01-03T00:00:00Z');
    await insertVersion('v4-training', 'TRAINING', '2026-01-04T00:00:00Z');
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['modelVersions', VERSIONS, {}],
    ['activeModel', ACTIVE, {}],
    ['modelVersion', VERSION, { v: 'v1' }],
    ['promoteModel', PROMOTE, { v: 'v1' }],
  ])('%s: anonymous → UNAUTHENTICATED, USER → FORBIDDEN', async (_name, query, variables) => {
    expect(onlyError(await api.gql(query, variables)).extensions.code).toBe('UNAUTHENTICATED');
    expect(onlyError(await api.gql(query, variables, user)).extensions.code).toBe('FORBIDDEN');
  });

  it('activeModel is null before any promotion', async () => {
    const { data, errors } = await api.gql(ACTIVE, {}, admin);
    expect(errors).toBeUndefined();
    expect(data!.activeModel).toBeNull();
  });

  it('modelVersions lists newest first with typed headline metrics', async () => {
    const { data, errors } = await api.gql(VERSIONS, { first: 10 }, admin);
    expect(errors).toBeUndefined();
    const versions = data!.modelVersions as GqlData[];
    expect(versions.map((v) => v.version)).toEqual(['v4-training', 'v3-failed', 'v2', 'v1']);
    expect(versions[2]).toMatchObject({
      version: 'v2',
      status: 'READY',
      active: false,
      workflowId: 'retrain-v2',
      rmse: 0.85,
      rmseStd: 0.01,
      precisionAtK: 0.2,
      recallAtK: 0.3,
      ndcgAtK: 0.32,
      popularityNdcgAtK: 0.1,
      k: 10,
      ratingCount: 100,
      userCount: 10,
      movieCount: 20,
      promotedAt: null,
    });
    expect(versions[0]).toMatchObject({ status: 'TRAINING', rmse: null });
    expect((await api.gql(VERSIONS, { first: 1 }, admin)).data!.modelVersions).toHaveLength(1);
    expect(onlyError(await api.gql(VERSIONS, { first: 0 }, admin)).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('modelVersion reads one version with its typed details, as the retrain stored them; null for an unknown one', async () => {
    const { data, errors } = await api.gql(VERSION, { v: 'v2' }, admin);
    expect(errors).toBeUndefined();
    expect(data!.modelVersion).toMatchObject({ version: 'v2', status: 'READY', rmse: 0.85, workflowId: 'retrain-v2' });
    const { explicit, implicit, promotion } = STORED_RETRAIN_ROW.metrics;
    expect(data!.modelVersion.params).toEqual(STORED_RETRAIN_ROW.params);
    expect(data!.modelVersion.metrics).toMatchObject({
      trigger: 'manual',
      crossValidation: { rmse: explicit.cv.rmse, folds: 3, perFold: explicit.cv.perFold },
      ranking: { k: 10, ndcgAtK: implicit.ranking.ndcgAtK, popularity: { ndcgAtK: implicit.ranking.popularity.ndcgAtK } },
      explicitTuning: { folds: 3, grid: { ranks: [1] }, configurations: explicit.tuning.configurations },
      implicitTuning: { k: 10, configurations: [{ params: implicit.tuning.configurations[0].params }] },
      tuningRuns: { computed: STORED_RETRAIN_ROW.metrics.tuningRuns.computed },
      baseline: { version: 'm20261207-122354', source: 'reevaluated' },
      promotion: {
        reason: promotion.reason,
        promote: false,
        forced: false,
        tolerance: { newUser: 0.03 },
        newUser: promotion.decision.newUser,
      },
    });
    expect(data!.modelVersion.dataCounts).toEqual({ ratings: 100, users: 10, movies: 20 });
    expect(data!.modelVersion.timings).toEqual({ snapshot: null, tuning: 1.5, storeSeconds: null, failedAt: null });
    const training = (await api.gql(VERSION, { v: 'v4-training' }, admin)).data!.modelVersion;
    expect(training).toMatchObject({
      status: 'TRAINING',
      metrics: { trigger: null, crossValidation: null, explicitTuning: null, implicitTuning: null, promotion: null },
    });
    expect((await api.gql(VERSION, { v: 'nope' }, admin)).data!.modelVersion).toBeNull();
    const tooLong = onlyError(await api.gql(VERSION, { v: 'x'.repeat(201) }, admin));
    expect(tooLong.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('promoteModel switches activeModel forward and back, atomically with promoted_at', async () => {
    const forward = await api.gql(PROMOTE, { v: 'v2' }, admin);
    expect(forward.errors).toBeUndefined();
    expect(forward.data!.promoteModel).toMatchObject({ version: 'v2', active: true });
    expect((await api.gql(ACTIVE, {}, admin)).data!.activeModel).toMatchObject({ version: 'v2', active: true, rmse: 0.85 });

    const back = await api.gql(PROMOTE, { v: 'v1' }, admin);
    expect(back.errors).toBeUndefined();
    const active = (await api.gql(ACTIVE, {}, admin)).data!.activeModel;
    expect(active).toMatchObject({ version: 'v1', active: true });
    const [row] = await api.sql<{ version: string; same: boolean }>(
      `SELECT a.version, a.promoted_at = m.promoted_at AS same FROM active_model a JOIN model_versions m USING (version) WHERE a.id = 1`,
    );
    expect(row).toEqual({ version: 'v1', same: true });
    const listed = (await api.gql(VERSIONS, {}, admin)).data!.modelVersions as GqlData[];
    expect(listed.filter((v) => v.active).map((v) => v.version)).toEqual(['v1']);
    expect(listed.find((v) => v.version === 'v2')!.promotedAt).not.toBeNull();
  });

  it('promoteModel waits for the active-model lock the worker takes to promote and prune', async () => {
    const before = (await api.gql(ACTIVE, {}, admin)).data!.activeModel.version as string;
    const target = before === 'v1' ? 'v2' : 'v1';
    const holder = new Client({ connectionString: api.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [ACTIVE_MODEL_LOCK]);
      const promotion = api.gql(PROMOTE, { v: target }, admin);
      // The API's transaction queues behind the holder's advisory lock, and the active model stays as it was.
      await eventually(async () => {
        const [waiting] = await api.sql<{ count: number }>(
          "SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted",
          [ACTIVE_MODEL_LOCK],
        );
        expect(waiting.count).toBe(1);
      });
      expect((await api.sql<{ version: string }>('SELECT version FROM active_model WHERE id = 1'))[0].version).toBe(before);
      await holder.query('COMMIT');
      const promoted = await promotion;
      expect(promoted.errors).toBeUndefined();
      expect(promoted.data!.promoteModel).toMatchObject({ version: target, active: true });
      expect((await api.gql(PROMOTE, { v: before }, admin)).errors).toBeUndefined();
    } finally {
      await holder.end();
    }
  });

  it('promoteModel: NOT_FOUND for an unknown version, BAD_USER_INPUT for FAILED or TRAINING (active model unchanged)', async () => {
    expect(onlyError(await api.gql(PROMOTE, { v: 'nope' }, admin)).extensions.code).toBe('NOT_FOUND');
    for (const v of ['v3-failed', 'v4-training']) {
      const error = onlyError(await api.gql(PROMOTE, { v }, admin));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'version' });
    }
    expect((await api.gql(ACTIVE, {}, admin)).data!.activeModel.version).toBe('v1');
  });
});

describe('retrainModel through GraphQL on a tiny catalog', () => {
  const run = randomBytes(3).toString('hex');
  const taskQueue = `api-models-test-${run}`;
  const modelVersion = `api-test-${run}`;
  let api: TestApi;
  let admin: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let worker: TestWorker | undefined;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    storage = await testBucket('api-models');
    [api, bundle] = await Promise.all([
      TestApi.start({
        S3_BUCKET: storage.bucket,
        PIPELINE_TASK_QUEUE: taskQueue,
        TRAINING_TASK_QUEUE: taskQueue,
        RETRAIN_SCHEDULE_ENABLED: 'false',
        RETRAIN_ENGAGEMENT_ENABLED: 'false',
      }),
      bundleWorkflows(),
    ]);
    // The catalog's MovieLens users take ids 1..36, so the admin signs up afterwards and is promoted with SQL.
    await seedRecommenderCatalog(api);
    const credentials = { email: `trainer-${run}@example.com`, password: 'trainer-password-1' };
    await api.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, { input: credentials });
    await api.sql(`UPDATE users SET role = 'ADMIN' WHERE email = $1`, [credentials.email]);
    admin = (await api.gql(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, { input: credentials })).data!.logIn
      .accessToken;
    worker = await startTestWorker({
      env: { ...testServiceEnv(api.database.url, storage.bucket), TRAINING_THREADS: '2' },
      taskQueue,
      workflowBundle: bundle,
      maxConcurrentActivityTaskExecutions: 4,
    });
  }, 90_000);

  afterAll(async () => {
    await api?.app
      .get(TemporalClient)
      .workflow.getHandle(`retrain-${modelVersion}`)
      .terminate('test cleanup')
      .catch(() => undefined);
    await worker?.stop();
    await api?.close();
    storage?.s3.destroy();
  });

  it('trains, promotes and activeModel changes; a second start of the version is a CONFLICT', async () => {
    expect((await api.gql(ACTIVE, {}, admin)).data!.activeModel).toBeNull();
    const input = {
      force: true,
      modelVersion,
      explicitGrid: { ranks: [4], lambdas: [0.1], iterations: [5] },
      implicitGrid: { ranks: [4], lambdas: [0.5], alphas: [4], iterations: [5] },
      folds: 2,
      finalists: 1,
    };
    const started = await api.gql(RETRAIN, { input }, admin);
    expect(started.errors).toBeUndefined();
    expect(started.data!.retrainModel).toMatchObject({
      workflowId: `retrain-${modelVersion}`,
      type: 'RETRAIN',
      status: 'RUNNING',
      modelVersion,
    });
    const again = onlyError(await api.gql(RETRAIN, { input }, admin));
    expect(again.extensions.code).toBe('CONFLICT');

    const done = await eventually(async () => {
      const { data, errors } = await api.gql(RUN, { id: `retrain-${modelVersion}` }, admin);
      expect(errors).toBeUndefined();
      if (data!.pipelineRun.status === 'FAILED') throw new Error(`retrain failed: ${data!.pipelineRun.progressDetails?.error}`);
      expect(data!.pipelineRun.status).toBe('COMPLETED');
      return data!.pipelineRun;
    }, 120_000);
    expect(done.progress).toBe(1);
    expect(done.progressDetails).toEqual({ version: modelVersion, stage: 'done', error: null });

    const active = (await api.gql(ACTIVE, {}, admin)).data!.activeModel;
    expect(active).toMatchObject({ version: modelVersion, status: 'READY', active: true, workflowId: `retrain-${modelVersion}` });
    expect(active.rmse).toBeGreaterThan(0);
    expect(active.ndcgAtK).toBeGreaterThanOrEqual(0);
    expect(active.popularityNdcgAtK).toBeGreaterThanOrEqual(0);
    expect(active.ratingCount).toBeGreaterThan(0);
    expect(active.metrics.crossValidation.perFold).toHaveLength(2);
    expect(active.metrics.explicitTuning.configurations).toEqual([
      expect.objectContaining({
        params: { rank: 4, lambda: 0.1, pseudoCount: expect.any(Number), biasLambda: expect.any(Number), iterations: 5, seed: 42 },
      }),
    ]);
    expect(active.timings).toMatchObject({ snapshot: expect.any(Number), storeSeconds: expect.any(Number), failedAt: null });
  }, 150_000);
});
