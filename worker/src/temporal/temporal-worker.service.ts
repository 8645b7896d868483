import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { TASK_QUEUES } from '@reelrank/workflows';
import { dirname, join } from 'node:path';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { collectActivities } from './activities';

/** Activity services the worker registers; feature modules add theirs to this list. */
export const ACTIVITY_SERVICES = Symbol('ActivityServices');

/** Runs the Temporal worker that executes the project's workflows and activities. */
@Injectable()
export class TemporalWorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(ACTIVITY_SERVICES) private readonly activityServices: object[],
  ) {}

  /** Connects, registers workflows and activities, and starts polling; resolves once polling. */
  async start(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: TASK_QUEUES.main,
      workflowsPath: workflowsEntry(),
      activities: collectActivities(this.activityServices),
      maxConcurrentActivityTaskExecutions: this.config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    });
    this.running = this.worker.run();
    this.logger.log(`Polling task queue ${TASK_QUEUES.main} on ${this.config.TEMPORAL_ADDRESS}`);
  }

  /** Resolves when the worker stops; rejects if it fails. */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Drains running activities before Nest closes the Prisma and S3 clients they use. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

/** The workflows module beside the package entry: workflows/src in tests, workflows/dist when built. */
function workflowsEntry(): string {
  return require.resolve(join(dirname(require.resolve('@reelrank/workflows')), 'workflows'));
}
