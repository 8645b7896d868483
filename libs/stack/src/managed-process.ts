import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
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

/** Why `waitUntilReady` failed: `summary` in a few words (`exited with code 1`), the message with the log tail. */
export class NotReadyError extends Error {
  constructor(
    readonly summary: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotReadyError';
  }
}

/** Every managed process still running, in the order they were started. */
const running = new Set<ManagedProcess>();

/**
 * A child process whose output goes to a log file, that explains an early exit with the
 * tail of that log, and that stops with its stop signal (then SIGKILL after a grace period).
 * The log and whatever the process creates (umask 077) are readable by their owner only.
 *
 * It runs in its own process group, so a Ctrl-C in the terminal reaches only its parent, which stops the
 * processes in order; anything the process leaves in its group is killed when it exits. On Linux it also gets
 * its stop signal when its parent dies, even by SIGKILL (`setpriv --pdeathsig`, from util-linux).
 */
export class ManagedProcess {
  readonly child: ChildProcess;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private stopping = false;

  /** Managed processes that have not exited yet, in the order they were started. */
  static running(): ManagedProcess[] {
    return [...running];
  }

  constructor(readonly options: ManagedProcessOptions) {
    mkdirSync(dirname(options.logFile), { recursive: true, mode: 0o700 });
    const log = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
    const stopSignal = options.stopSignal ?? 'SIGTERM';
    const watchdog = parentDeathWrapper();
    this.child = withPrivateUmask(() =>
      spawn(watchdog ?? options.command, watchdog ? ['--pdeathsig', stopSignal, '--', options.command, ...options.args] : options.args, {
        cwd: options.cwd,
        uid: options.uid,
        gid: options.gid,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      }),
    );
    running.add(this);
    this.child.stdout?.pipe(log, { end: false });
    this.child.stderr?.pipe(log, { end: false });
    // Never leave an orphan behind if the parent exits without stopping us (a crash, process.exit).
    const stopOnParentExit = () => this.child.kill(stopSignal);
    process.once('exit', stopOnParentExit);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        process.removeListener('exit', stopOnParentExit);
        running.delete(this);
        this.killGroup();
        this.exitInfo = { code, signal };
        resolve();
      });
      this.child.once('error', (error) => {
        log.write(`\n${options.name} could not start: ${error.message}\n`);
        process.removeListener('exit', stopOnParentExit);
        running.delete(this);
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

  /** How it exited, e.g. `signal SIGKILL` or `code 1`. */
  get exitReason(): string {
    return this.exitInfo?.signal ? `signal ${this.exitInfo.signal}` : `code ${this.exitInfo?.code}`;
  }

  describeExit(): string {
    return `${this.name} exited with ${this.exitReason}. Last lines of ${this.options.logFile}:\n${this.logTail()}`;
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

  /**
   * Polls `isReady` until it returns true, failing fast if the process dies or time runs out (then it is stopped,
   * so a failed start leaves nothing running).
   */
  async waitUntilReady(isReady: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.hasExited) throw new NotReadyError(`exited with ${this.exitReason}`, this.describeExit());
      if (await isReady().catch(() => false)) return;
      await sleep(150);
    }
    await this.stop();
    const summary = `was not ready after ${Math.round(timeoutMs / 1000)} s`;
    throw new NotReadyError(summary, `${this.name} ${summary}. Last lines of ${this.options.logFile}:\n${this.logTail()}`);
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.hasExited) return;
    this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills whatever is left in the process's group (its own children that outlived it). */
  private killGroup(): void {
    try {
      if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Nothing left.
    }
  }
}

let pdeathsigWrapper: string | null | undefined;

/** util-linux's `setpriv` where it exists (Linux): it sets the parent-death signal and execs the program. */
function parentDeathWrapper(): string | undefined {
  if (pdeathsigWrapper === undefined) {
    pdeathsigWrapper =
      process.platform === 'linux'
        ? ((process.env.PATH ?? '')
            .split(delimiter)
            .map((dir) => join(dir, 'setpriv'))
            .find((path) => {
              try {
                accessSync(path, constants.X_OK);
                return true;
              } catch {
                return false;
              }
            }) ?? null)
        : null;
  }
  return pdeathsigWrapper ?? undefined;
}
