import { Test, type TestingModule } from '@nestjs/testing';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { testEnv } from '@reelrank/testing';
import type { Tracing } from '@reelrank/tracing';
import { loadWorkerConfig } from '../../src/config/worker-config';
import { WORKER_ACTIVITIES, type WorkerActivities } from '../../src/temporal/activities';
import { TRACING_WORKFLOW_INTERCEPTOR_MODULES, tracingWorkerOptions } from '../../src/temporal/tracing';
import { TmdbClient, type TmdbClientOptions } from '../../src/tmdb/tmdb-client';
import { WorkerModule } from '../../src/worker.module';

/** The workflow code as the worker bundles it (`traced`: with tracing on); bundle once per test file and share it between workers. */
export function bundleWorkflows(options: { traced?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../../workflows/src/workflows'),
    workflowInterceptorModules: options.traced ? TRACING_WORKFLOW_INTERCEPTOR_MODULES : [],
    logger: silentLogger,
  });
}

export interface TestWorker {
  /** The worker app's Nest module (to get services, e.g. TmdbEnrichmentActivitiesService). */
  app: TestingModule;
  /** Shuts the Temporal worker down (in-flight activities are cancelled, as at a deploy) and closes the app. */
  stop(): Promise<void>;
}

/**
 * The worker app in-process: WorkerModule (real PostgreSQL, MinIO) polling its own task queue, so parallel
 * test files never steal each other's tasks. With `tmdb`, its TMDB client is replaced by one built from
 * these options (e.g. short backoffs).
 */
export async function startTestWorker(options: {
  env: NodeJS.ProcessEnv;
  taskQueue: string;
  workflowBundle: WorkflowBundleWithSourceMap;
  tmdb?: TmdbClientOptions;
  /** Activity slots; the SDK's default when unset. */
  maxConcurrentActivityTaskExecutions?: number;
  /** Trace workflows and activities into this tracing (with a `traced` bundle). */
  tracing?: Tracing;
}): Promise<TestWorker> {
  const module = Test.createTestingModule({ imports: [WorkerModule.forRoot(loadWorkerConfig(options.env))] });
  if (options.tmdb) module.overrideProvider(TmdbClient).useValue(new TmdbClient(options.tmdb));
  const app = await module.setLogger(silentLogger).compile();
  const connection = await NativeConnection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: app.get<WorkerActivities>(WORKER_ACTIVITIES),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions,
    ...(options.tracing ? tracingWorkerOptions(options.tracing) : {}),
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

const silentLogger = {
  log: () => {},
  error: () => {},
  warn: () => {},
  debug: () => {},
  verbose: () => {},
  info: () => {},
  trace: () => {},
};
