import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { testBucket, testServiceEnv } from '@reelrank/testing';
import { RETRAIN_SCHEDULE_ID } from '@reelrank/workflows';
import { uploadDataset } from '../../worker/src/dataset/upload';
import { bundleWorkflows, startTestWorker, type TestWorker } from '../../worker/test/support';
import { TemporalClient } from '../src/temporal/temporal.module';
import { RetrainTriggersService } from '../src/pipelines/retrain-triggers.service';
import { eventually } from './support/recommender-seed';
import { type GqlData, onlyError, TestApi } from './support/test-api';

const PROGRESS_DETAILS = `progressDetails {
  __typename
  ... on PipelineProgress { datasetVersion fraction stages { name status workflowId summary } }
  ... on ImportProgress { datasetVersion stage importId files { movies { state } ratings { rowsRead bytesRead totalBytes state } } }
  ... on EnrichmentProgress { state total enriched notFound failed }
  ... on RetrainProgress { version trigger stage tuning { explicit { runs runsDone } } }
}`;
const RUN_FIELDS = `workflowId runId type status startedAt closedAt datasetVersion modelVersion stage progress ${PROGRESS_DETAILS} temporalUiUrl`;
const START_PIPELINE = `mutation($v: String!) { startPipeline(datasetVersion: $v) { ${RUN_FIELDS} } }`;
const START_IMPORT = `mutation($v: String!) { startImport(datasetVersion: $v) { ${RUN_FIELDS} } }`;
const START_ENRICHMENT = `mutation($v: String!) { startEnrichment(datasetVersion: $v) { ${RUN_FIELDS} } }`;
const RETRAIN = `mutation($input: RetrainModelInput) { retrainModel(input: $input) { ${RUN_FIELDS} } }`;
const CANCEL = `mutation($id: String!) { cancelPipelineRun(workflowId: $id) { workflowId status } }`;
const RUN = `query($id: String!) { pipelineRun(workflowId: $id) { ${RUN_FIELDS} } }`;
const RUNS = `query($filter: PipelineRunsFilter, $first: Int) { pipelineRuns(filter: $filter, first: $first) { workflowId type status datasetVersion startedAt } }`;
const RATE = `mutation($movieId: Int!) { rateMovie(movieId: $movieId, rating: 4) { rating } }`;

const ADMIN = { email: 'pipelines-admin@reelrank.test', password: 'admin-password-1' };

/** A tiny MovieLens release: 3 movies, 2 users, 5 ratings. */
function writeTinyDataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reelrank-tiny-ml-'));
  writeFileSync(
    join(dir, 'movies.csv'),
    'movieId,title,genres\n1,Toy Story (1995),Animation|Children\n2,Heat (1995),Crime|Drama\n3,Alien (1979),Horror|Sci-Fi\n',
  );
  writeFileSync(join(dir, 'links.csv'), 'movieId,imdbId,tmdbId\n1,0114709,862\n2,0113277,949\n3,0078748,348\n');
  writeFileSync(join(dir, 'tags.csv'), 'userId,movieId,tag,timestamp\n9001,1,pixar,1139045764\n');
  writeFileSync(
    join(dir, 'ratings.csv'),
    'userId,movieId,rating,timestamp\n9001,1,4.0,964982703\n9001,2,3.5,964981247\n9002,1,5.0,964982224\n9002,3,4.5,964983815\n9002,2,2.0,964982931\n',
  );
  return dir;
}

describe('pipelines GraphQL API', () => {
  const run = randomBytes(3).toString('hex');
  const taskQueue = `api-pipelines-test-${run}`;
  const version = `tiny-${run}`;
  const cancelVersion = `cancel-${run}`;
  let api: TestApi;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let bundle: Promise<WorkflowBundleWithSourceMap>;
  let worker: TestWorker | undefined;
  let dataset: string;
  let admin: string;
  let user: string;

  const gqlAdmin = (query: string, variables: Record<string, unknown> = {}) => api.gql(query, variables, admin);

  beforeAll(async () => {
    bundle = bundleWorkflows();
    bundle.catch(() => undefined);
    storage = await testBucket('api-pipelines');
    dataset = writeTinyDataset();
    api = await TestApi.start({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      S3_BUCKET: storage.bucket,
      PIPELINE_TASK_QUEUE: taskQueue,
      TRAINING_TASK_QUEUE: taskQueue,
      RETRAIN_SCHEDULE_ENABLED: 'false',
      RETRAIN_ENGAGEMENT_ENABLED: 'true',
      TEMPORAL_UI_URL: 'http://temporal-ui.test:8233/',
    });
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dataset, version });
    const login = await api.gql(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, { input: ADMIN });
    admin = login.data!.logIn.accessToken;
    const signUp = await api.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
      input: { email: `user-${run}@example.com`, password: 'user-password-1' },
    });
    user = signUp.data!.signUp.accessToken;
  }, 60_000);

  afterAll(async () => {
    // Leave nothing running in the shared Temporal server.
    for (const id of [`pipeline-${cancelVersion}`, `import-movielens-${cancelVersion}`, 'retrain-api-test-' + run]) {
      await api?.app
        .get(TemporalClient)
        .workflow.getHandle(id)
        .terminate('test cleanup')
        .catch(() => undefined);
    }
    await worker?.stop();
    await api?.close();
    storage?.s3.destroy();
    if (dataset) rmSync(dataset, { recursive: true, force: true });
  });

  describe('auth matrix: anonymous → UNAUTHENTICATED, USER → FORBIDDEN', () => {
    const operations: [string, string, Record<string, unknown>][] = [
      ['pipelineRuns', RUNS, {}],
      ['pipelineRun', RUN, { id: 'whatever' }],
      ['startPipeline', START_PIPELINE, { v: 'x1' }],
      ['startImport', START_IMPORT, { v: 'x1' }],
      ['startEnrichment', START_ENRICHMENT, { v: 'x1' }],
      ['retrainModel', RETRAIN, {}],
      ['cancelPipelineRun', CANCEL, { id: 'whatever' }],
    ];
    it.each(operations)('%s', async (_name, query, variables) => {
      expect(onlyError(await api.gql(query, variables)).extensions.code).toBe('UNAUTHENTICATED');
      expect(onlyError(await api.gql(query, variables, user)).extensions.code).toBe('FORBIDDEN');
    });
  });

  it('rejects malformed dataset versions and retrain inputs with BAD_USER_INPUT', async () => {
    for (const query of [START_PIPELINE, START_IMPORT, START_ENRICHMENT]) {
      const error = onlyError(await gqlAdmin(query, { v: '../etc' }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'datasetVersion' });
      expect(error.message).toMatch(/must be 1-64 characters/);
    }
    expect(onlyError(await gqlAdmin(RETRAIN, { input: { modelVersion: 'bad/version' } })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.modelVersion',
    });
    expect(onlyError(await gqlAdmin(RETRAIN, { input: { explicitGrid: { ranks: [0] } } })).extensions.code).toBe('BAD_USER_INPUT');
    expect(onlyError(await gqlAdmin(RETRAIN, { input: { folds: 1 } })).extensions.code).toBe('BAD_USER_INPUT');
    expect(onlyError(await gqlAdmin(RUNS, { first: 1000 })).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('NOT_FOUND for unknown workflow ids', async () => {
    expect(onlyError(await gqlAdmin(RUN, { id: `nope-${run}` })).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await gqlAdmin(CANCEL, { id: `nope-${run}` })).extensions.code).toBe('NOT_FOUND');
  });

  it('starts a pipeline, refuses a second one with CONFLICT, and cancels it', async () => {
    // No worker polls the queue yet: the pipeline stays RUNNING until the worker starts below.
    const started = await gqlAdmin(START_PIPELINE, { v: cancelVersion });
    expect(started.errors).toBeUndefined();
    const runData = started.data!.startPipeline;
    expect(runData).toMatchObject({
      workflowId: `pipeline-${cancelVersion}`,
      type: 'PIPELINE',
      status: 'RUNNING',
      datasetVersion: cancelVersion,
      closedAt: null,
    });
    expect(runData.temporalUiUrl).toBe(
      `http://temporal-ui.test:8233/namespaces/default/workflows/pipeline-${cancelVersion}/${runData.runId}/history`,
    );

    const again = onlyError(await gqlAdmin(START_PIPELINE, { v: cancelVersion }));
    expect(again.extensions.code).toBe('CONFLICT');
    expect(again.message).toContain(`pipeline-${cancelVersion} is already running`);

    const listed = await eventually(async () => {
      const { data, errors } = await gqlAdmin(RUNS, { filter: { type: 'PIPELINE', status: 'RUNNING', datasetVersion: cancelVersion } });
      expect(errors).toBeUndefined();
      expect(data!.pipelineRuns).toHaveLength(1);
      return data!.pipelineRuns;
    }, 10_000);
    expect(listed[0]).toMatchObject({ workflowId: `pipeline-${cancelVersion}`, type: 'PIPELINE', status: 'RUNNING' });

    const cancelled = await gqlAdmin(CANCEL, { id: `pipeline-${cancelVersion}` });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelPipelineRun.workflowId).toBe(`pipeline-${cancelVersion}`);
  });

  describe('with a worker', () => {
    beforeAll(async () => {
      worker = await startTestWorker({
        env: testServiceEnv(api.database.url, storage.bucket),
        taskQueue,
        workflowBundle: await bundle,
        maxConcurrentActivityTaskExecutions: 4,
      });
    }, 60_000);

    it('the cancelled pipeline ends CANCELED', async () => {
      const final = await eventually(async () => {
        const { data, errors } = await gqlAdmin(RUN, { id: `pipeline-${cancelVersion}` });
        expect(errors).toBeUndefined();
        expect(data!.pipelineRun.status).toBe('CANCELED');
        return data!.pipelineRun;
      }, 20_000);
      expect(final.closedAt).not.toBeNull();
      const cancelledRuns = await eventually(async () => {
        const { data } = await gqlAdmin(RUNS, { filter: { status: 'CANCELED', datasetVersion: cancelVersion } });
        expect(data!.pipelineRuns.length).toBeGreaterThan(0);
        return data!.pipelineRuns as GqlData[];
      }, 10_000);
      expect(cancelledRuns.map((r) => r.workflowId)).toContain(`pipeline-${cancelVersion}`);
      expect(final.progress === null || final.progress < 1).toBe(true);
    });

    it('startImport runs the import; pipelineRun shows progress reaching 1 and COMPLETED', async () => {
      const started = await gqlAdmin(START_IMPORT, { v: version });
      expect(started.errors).toBeUndefined();
      expect(started.data!.startImport).toMatchObject({
        workflowId: `import-movielens-${version}`,
        type: 'IMPORT',
        datasetVersion: version,
      });

      const seen: number[] = [];
      const done = await eventually(async () => {
        const { data, errors } = await gqlAdmin(RUN, { id: `import-movielens-${version}` });
        expect(errors).toBeUndefined();
        const current = data!.pipelineRun as GqlData;
        if (typeof current.progress === 'number') seen.push(current.progress);
        expect(current.status).toBe('COMPLETED');
        return current;
      }, 30_000);
      expect(done.progress).toBe(1);
      expect(seen.every((p) => p >= 0 && p <= 1)).toBe(true);
      expect(done.stage).toBe('done');
      const details = done.progressDetails;
      expect(details).toMatchObject({
        __typename: 'ImportProgress',
        datasetVersion: version,
        stage: 'done',
        files: { movies: { state: 'merged' } },
      });
      expect(details.importId).toEqual(expect.any(Number));
      expect(details.files.ratings).toMatchObject({ rowsRead: 5, state: 'merged' });
      expect(details.files.ratings.bytesRead).toBe(details.files.ratings.totalBytes);
      expect(await api.sql('SELECT count(*)::int AS n FROM ratings')).toEqual([{ n: 5 }]);

      const listed = await eventually(async () => {
        const { data } = await gqlAdmin(RUNS, { filter: { type: 'IMPORT', status: 'COMPLETED', datasetVersion: version } });
        expect(data!.pipelineRuns).toHaveLength(1);
        return data!.pipelineRuns;
      }, 10_000);
      expect(listed[0]).toMatchObject({
        workflowId: `import-movielens-${version}`,
        type: 'IMPORT',
        status: 'COMPLETED',
        datasetVersion: version,
      });
    }, 60_000);

    it('startEnrichment runs enrichment (skipped without TMDB credentials) to COMPLETED with progress 1', async () => {
      const started = await gqlAdmin(START_ENRICHMENT, { v: version });
      expect(started.errors).toBeUndefined();
      expect(started.data!.startEnrichment).toMatchObject({ workflowId: `enrich-tmdb-${version}`, type: 'ENRICHMENT' });
      const done = await eventually(async () => {
        const { data } = await gqlAdmin(RUN, { id: `enrich-tmdb-${version}` });
        expect(data!.pipelineRun.status).toBe('COMPLETED');
        return data!.pipelineRun;
      }, 30_000);
      expect(done.progress).toBe(1);
      expect(done.progressDetails).toEqual({
        __typename: 'EnrichmentProgress',
        state: 'skipped',
        total: 0,
        enriched: 0,
        notFound: 0,
        failed: 0,
      });
    }, 60_000);

    it('pipelineRuns lists newest first and filters by type', async () => {
      const { data, errors } = await gqlAdmin(RUNS, { first: 100 });
      expect(errors).toBeUndefined();
      const runs = data!.pipelineRuns as GqlData[];
      const times = runs.map((r) => Date.parse(r.startedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const imports = (await gqlAdmin(RUNS, { filter: { type: 'IMPORT', datasetVersion: version } })).data!.pipelineRuns as GqlData[];
      expect(imports.every((r) => r.type === 'IMPORT')).toBe(true);
    });

    it('pipelineRuns does not query closed runs: progress from the status, stage from the search attribute, no details', async () => {
      const { data, errors } = await gqlAdmin(
        `query($filter: PipelineRunsFilter) { pipelineRuns(filter: $filter) { workflowId status progress stage progressDetails { __typename } } }`,
        { filter: { type: 'IMPORT', datasetVersion: version } },
      );
      expect(errors).toBeUndefined();
      expect(data!.pipelineRuns).toEqual([
        { workflowId: `import-movielens-${version}`, status: 'COMPLETED', progress: 1, stage: 'done', progressDetails: null },
      ]);
      const getHandle = jest.spyOn(api.app.get(TemporalClient).workflow, 'getHandle');
      try {
        const listed = await gqlAdmin(`{ pipelineRuns(first: 100) { progress stage progressDetails { __typename } status } }`);
        expect(listed.errors).toBeUndefined();
        expect((listed.data!.pipelineRuns as GqlData[]).every((run) => run.status === 'RUNNING')).toBe(false);
        expect(getHandle).not.toHaveBeenCalled();
      } finally {
        getHandle.mockRestore();
      }
    });
  });

  describe('engagement trigger', () => {
    it('notifies the coordinator after each successful rateMovie, and a Temporal failure never fails the rating', async () => {
      const client = api.app.get(TemporalClient);
      const triggers = api.app.get(RetrainTriggersService);
      const notify = jest.spyOn(triggers, 'notify');
      const signalWithStart = jest.spyOn(client.workflow, 'signalWithStart').mockRejectedValue(new Error('Temporal is down'));
      try {
        const rated = await api.gql(RATE, { movieId: 1 }, user);
        expect(rated.errors).toBeUndefined();
        expect(rated.data!.rateMovie.rating).toBe(4);
        expect(notify).toHaveBeenCalledWith(1);
        await eventually(async () => expect(signalWithStart).toHaveBeenCalledTimes(1));
        const [, options] = signalWithStart.mock.calls[0] as [
          string,
          { signal: { name: string }; signalArgs: unknown[]; workflowId: string; taskQueue: string },
        ];
        expect(options).toMatchObject({ workflowId: 'retrain-coordinator', taskQueue, signalArgs: [1] });
        expect(options.signal.name).toBe('ratingsAdded');
        // A failed rating (unknown movie) notifies nothing.
        expect(onlyError(await api.gql(RATE, { movieId: 424242 }, user)).extensions.code).toBe('NOT_FOUND');
        expect(notify).toHaveBeenCalledTimes(1);
        await eventually(async () => expect(triggers['sending']).toBeUndefined());
      } finally {
        notify.mockRestore();
        signalWithStart.mockRestore();
      }
    });
  });
});

describe('API startup with Temporal unreachable', () => {
  it('starts and serves while the retrain schedule is retried in the background', async () => {
    const api = await TestApi.start({ TEMPORAL_ADDRESS: '127.0.0.1:1', RETRAIN_SCHEDULE_ENABLED: 'true' });
    try {
      const { data, errors } = await api.gql('{ __typename }');
      expect(errors).toBeUndefined();
      expect(data).toEqual({ __typename: 'Query' });
    } finally {
      await api.close();
    }
  });
});

describe('the nightly retrain schedule from the environment', () => {
  it('is created with RETRAIN_SCHEDULE_CRON and RETRAIN_SCHEDULE_TIMEZONE, and updated when they change', async () => {
    const env = { RETRAIN_SCHEDULE_ENABLED: 'true', TRAINING_TASK_QUEUE: `schedule-test-${randomBytes(3).toString('hex')}` };
    const first = await TestApi.start({ ...env, RETRAIN_SCHEDULE_CRON: '15 2 * * 1', RETRAIN_SCHEDULE_TIMEZONE: 'Europe/Paris' });
    let second: TestApi | undefined;
    const schedule = first.app.get(TemporalClient).schedule.getHandle(RETRAIN_SCHEDULE_ID);
    try {
      // The API ensures the schedule in the background after startup.
      const created = await eventually(async () => {
        const description = await schedule.describe();
        expect(description.spec.timezone).toBe('Europe/Paris');
        return description;
      });
      expect(created.spec.calendars).toEqual([
        expect.objectContaining({
          minute: [{ start: 15, end: 15, step: 1 }],
          hour: [{ start: 2, end: 2, step: 1 }],
          dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }],
        }),
      ]);
      expect(created.action).toMatchObject({ workflowType: 'retrainModelWorkflow', taskQueue: env.TRAINING_TASK_QUEUE });

      // The next start with another time updates the same schedule.
      second = await TestApi.start({ ...env, RETRAIN_SCHEDULE_CRON: '45 23 * * *' }, first.database);
      const updated = await eventually(async () => {
        const description = await schedule.describe();
        expect(description.spec.timezone).toBe('UTC');
        return description;
      });
      expect(updated.spec.calendars).toEqual([
        expect.objectContaining({ minute: [{ start: 45, end: 45, step: 1 }], hour: [{ start: 23, end: 23, step: 1 }] }),
      ]);
    } finally {
      await schedule.delete().catch(() => undefined);
      await second?.close();
      await first.close();
    }
  });
});
