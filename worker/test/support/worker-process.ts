import { ManagedProcess } from '@reelrank/stack';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '..', '..', '..');
const WORKER_ENTRY = join(repoRoot, 'worker/dist/main.js');

/** Builds `worker/dist` as `npm start` runs it; errors elsewhere in the tree still emit JavaScript, so only a missing entry point fails. */
export async function buildWorkerDist(): Promise<void> {
  try {
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'worker/tsconfig.json'], { cwd: repoRoot });
  } catch (error) {
    if (!existsSync(WORKER_ENTRY)) throw error;
    console.warn(`tsc -b worker reported errors (continuing with the emitted build): ${(error as { stdout?: string }).stdout ?? error}`);
  }
}

/**
 * Starts the real worker process (`node worker/dist/main.js`, built by buildWorkerDist) with `env`, logging to
 * `logFile`, and resolves once it polls `readyQueue` (any task queue when omitted).
 */
export async function startWorkerProcess(options: {
  name: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyQueue?: string;
}): Promise<ManagedProcess> {
  const worker = new ManagedProcess({
    name: options.name,
    command: process.execPath,
    args: [WORKER_ENTRY],
    cwd: repoRoot,
    env: options.env,
    logFile: options.logFile,
  });
  const readyLine = `Polling task queue${options.readyQueue ? ` ${options.readyQueue}` : ''}`;
  await worker.waitUntilReady(async () => worker.logTail(50).includes(readyLine), 60_000);
  return worker;
}
