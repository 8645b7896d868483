import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobArgs, JobName, JobResult } from './jobs';
import type { KernelTask } from './kernel';

/** All cores (capped at 8): the calling thread only waits while the workers solve. */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/** What a thread is sent: a kernel task, or a job of jobs.ts by name. */
export type PoolMessage = KernelTask | { kind: 'job'; name: JobName; args: unknown[] };

/** A thread's answer: `value` is a job's result (typed arrays in SharedArrayBuffers). */
export type PoolReply = { ok: true; value?: unknown } | { ok: false; error: string; name: string; message: string };

interface Job {
  message: PoolMessage;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  job?: Job;
}

/**
 * A small pool of worker threads running ALS solve and top-k tasks over SharedArrayBuffers, and the data
 * preparation and metrics around them ({@link call}), so training and ranking keep the caller's event loop
 * free. Tasks from concurrent callers are queued.
 * Idle workers are unref'd (they never keep the process alive); call {@link close} when done.
 */
export class AlsWorkerPool {
  readonly threads: number;
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private failure?: Error;

  constructor(options: { threads?: number } = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? defaultThreadCount()));
    for (let t = 0; t < this.threads; t++) this.workers.push(this.spawn());
  }

  /** Runs the tasks across the workers; resolves when all are done. */
  run(tasks: KernelTask[]): Promise<void> {
    return Promise.all(tasks.map((task) => this.submit(task))).then(() => undefined);
  }

  /**
   * Runs job `name` of jobs.ts on a thread. Arguments and result are structured-cloned: typed arrays over
   * SharedArrayBuffers (every job result's are) are shared, not copied. A job's own error rejects with its
   * message (the pool stays usable).
   */
  call<K extends JobName>(name: K, ...args: JobArgs<K>): Promise<JobResult<K>> {
    return this.submit({ kind: 'job', name, args }) as Promise<JobResult<K>>;
  }

  async close(): Promise<void> {
    this.fail(new Error('worker pool closed'));
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private submit(message: PoolMessage): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.workers) {
      if (slot.job || this.queue.length === 0) continue;
      slot.job = this.queue.shift() as Job;
      slot.worker.ref();
      slot.worker.postMessage(slot.job.message);
    }
  }

  private spawn(): PoolWorker {
    const slot: PoolWorker = { worker: createWorker() };
    slot.worker.unref();
    slot.worker.on('message', (reply: PoolReply) => {
      const job = slot.job as Job;
      slot.job = undefined;
      slot.worker.unref();
      if (reply.ok) job.resolve(reply.value);
      else if (job.message.kind === 'job') job.reject(Object.assign(new Error(reply.message), { name: reply.name }));
      else job.reject(new Error(`ALS worker failed: ${reply.error}`));
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.fail(error));
    slot.worker.on('exit', (code) => this.fail(new Error(`ALS worker exited with code ${code}`)));
    return slot;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.workers) {
      slot.job?.reject(this.failure);
      slot.job = undefined;
    }
    for (const job of this.queue.splice(0)) job.reject(this.failure);
  }
}

/** Compiled builds load worker.js; from TypeScript sources (tsx, ts-jest) the worker registers tsx first. */
function createWorker(): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `worker${extension}`);
  if (extension !== '.ts') return new Worker(entry);
  const loader = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(loader)}); require(${JSON.stringify(entry)});`, { eval: true });
}
