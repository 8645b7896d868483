import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withPrivateUmask } from './private-files';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as another user (PostgreSQL refuses root). */
  uid?: number;
  gid?: number;
  /** Signal that asks for a clean, fast shutdown (SIGTERM unless the program prefers another). */
  stopSignal?: NodeJS.Signals;
}

/**
 * A child process whose output goes to a log file, that explains an early exit with the
 * tail of that log, and that stops with its stop signal (then SIGKILL after a grace period).
 * The log and whatever the process creates (umask 077) are readable by their owner only.
 */
export class ManagedProcess {
  readonly child: ChildProcess;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private stopping = false;

  constructor(readonly options: ManagedProcessOptions) {
    mkdirSync(dirname(options.logFile), { recursive: true, mode: 0o700 });
    const log = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
    this.child = withPrivateUmask(() =>
      spawn(options.command, options.args, {
        cwd: options.cwd,
        uid: options.uid,
        gid: options.gid,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: false,
      }),
    );
    this.child.stdout?.pipe(log, { end: false });
    this.child.stderr?.pipe(log, { end: false });
    // Never leave an orphan behind if the parent exits without stopping us (a crash, process.exit).
    const stopOnParentExit = () => this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    process.once('exit', stopOnParentExit);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        process.removeListener('exit', stopOnParentExit);
        this.exitInfo = { code, signal };
        resolve();
      });
      this.child.once('error', (error) => {
        log.write(`\n${options.name} could not start: ${error.message}\n`);
        this.exitInfo = { code: -1, signal: null };
        resolve();
      });
    });
  }

  get name(): string {
    return this.options.name;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Resolves when the process exits for any reason. */
  waitForExit(): Promise<void> {
    return this.exited;
  }

  describeExit(): string {
    const how = this.exitInfo?.signal ? `signal ${this.exitInfo.signal}` : `code ${this.exitInfo?.code}`;
    return `${this.name} exited with ${how}. Last lines of ${this.options.logFile}:\n${this.logTail()}`;
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(this.options.logFile, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .map((line) => `  | ${line}`)
        .join('\n');
    } catch {
      return '  | (no log)';
    }
  }

  /** Polls `isReady` until it returns true, failing fast if the process dies or time runs out. */
  async waitUntilReady(isReady: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.hasExited) throw new Error(this.describeExit());
      if (await isReady().catch(() => false)) return;
      await sleep(150);
    }
    throw new Error(
      `${this.name} was not ready after ${Math.round(timeoutMs / 1000)} s. Last lines of ${this.options.logFile}:\n${this.logTail()}`,
    );
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.hasExited) return;
    this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
