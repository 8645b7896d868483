/** Worker-thread entry of {@link AlsWorkerPool}: runs kernel tasks on shared buffers, and jobs of jobs.ts. */
import { parentPort } from 'node:worker_threads';
import { runJob, sharedCopy, type JobArgs } from './jobs';
import { runKernelTask } from './kernel';
import type { PoolMessage, PoolReply } from './pool';

const port = parentPort;
if (!port) throw new Error('worker.ts must run inside a worker thread');

port.on('message', (message: PoolMessage) => {
  let reply: PoolReply;
  try {
    if (message.kind === 'job') reply = { ok: true, value: sharedCopy(runJob(message.name, message.args as JobArgs<typeof message.name>)) };
    else {
      runKernelTask(message);
      reply = { ok: true };
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { ok: false, error: failure.stack ?? failure.message, name: failure.name, message: failure.message };
  }
  port.postMessage(reply);
});
