import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { TRACING, type Tracing } from '@reelrank/tracing';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';
import { dirname, join } from 'node:path';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { activityLogContext } from '../observability/activity-logging';
import { WorkerHealth } from '../observability/worker-health';
import { WORKER_ACTIVITIES, type WorkerActivities } from './activities';
import { TRACING_WORKFLOW_INTERCEPTOR_MODULES, tracingWorkerOptions } from './tracing';

/** Runs the Temporal worker that executes the project's workflows and activities. */
@Injectable()
export class TemporalWorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  /** Polls TRAINING_TASK_QUEUE (retraining: CPU-heavy activities, TRAINING_CONCURRENCY at a time). */
  private trainingWorker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_ACTIVITIES) private readonly activities: WorkerActivities,
    @Inject(TRACING) private readonly tracing: Tracing | null,
    private readonly pinoLogger: PinoLogger,
    health: WorkerHealth,
  ) {
    health.register('temporal', () => this.checkReady());
  }

  /** Connects, registers workflows and activities, and starts polling PIPELINE_TASK_QUEUE and TRAINING_TASK_QUEUE; resolves once polling. */
  async start(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    // One bundle and one set of activities for both task queues.
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: workflowsEntry(),
      workflowInterceptorModules: this.tracing ? TRACING_WORKFLOW_INTERCEPTOR_MODULES : [],
      logger: Runtime.instance().logger,
    });
    const tracing = this.tracing ? tracingWorkerOptions(this.tracing) : undefined;
    const shared = {
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      workflowBundle,
      activities: this.activities,
      ...(tracing ? { sinks: tracing.sinks } : {}),
      interceptors: { activity: [activityLogContext(this.pinoLogger), ...(tracing?.interceptors?.activity ?? [])] },
      shutdownGraceTime: this.config.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
    };
    this.worker = await Worker.create({
      ...shared,
      taskQueue: this.config.PIPELINE_TASK_QUEUE,
      maxConcurrentActivityTaskExecutions: this.config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    });
    this.trainingWorker = await Worker.create({
      ...shared,
      taskQueue: this.config.TRAINING_TASK_QUEUE,
      maxConcurrentActivityTaskExecutions: this.config.TRAINING_CONCURRENCY,
    });
    this.running = Promise.all([this.worker.run(), this.trainingWorker.run()]).then(() => undefined);
    this.logger.log(`Polling task queue ${this.config.PIPELINE_TASK_QUEUE} on ${this.config.TEMPORAL_ADDRESS}`);
    this.logger.log(`Polling task queue ${this.config.TRAINING_TASK_QUEUE} (training, ${this.config.TRAINING_CONCURRENCY} at a time)`);
  }

  /** Resolves while both workers poll and the Temporal frontend answers; rejects saying which is not the case. */
  private async checkReady(): Promise<void> {
    const states = [this.worker, this.trainingWorker].map((worker) => worker?.getState() ?? 'NOT STARTED');
    if (states.some((state) => state !== 'RUNNING')) throw new Error(`workers ${states.join(', ')}`);
    await this.connection!.workflowService.getSystemInfo({});
  }

  /** Resolves when the worker stops; rejects if it fails. */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Drains running activities; Nest closes the database pool they use (DatabasePool) only after this. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    if (this.trainingWorker && this.trainingWorker.getState() === 'RUNNING') this.trainingWorker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

/** The workflows module beside the package entry: workflows/src in tests, workflows/dist when built. */
function workflowsEntry(): string {
  return require.resolve(join(dirname(require.resolve('@reelrank/workflows')), 'workflows'));
}
