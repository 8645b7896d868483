/** Worker-thread entry of {@link AlsWorkerPool}: runs kernel tasks on shared buffers. */
import { parentPort } from 'node:worker_threads';
import { KernelTask, runKernelTask } from './kernel';

const port = parentPort;
if (!port) throw new Error('worker.ts must run inside a worker thread');

port.on('message', (task: KernelTask) => {
  try {
    runKernelTask(task);
    port.postMessage({ ok: true });
  } catch (error) {
    port.postMessage({ ok: false, error: (error as Error).stack ?? String(error) });
  }
});
