import { Client as TemporalClient, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getFreePort } from '../../libs/stack/src';
import { health, sql, withoutServiceOverrides } from './support/local-stack';
import { PIPELINE_RUNS, runStartOptions, type RunWorkflow } from '../../workflows/src';

const repoRoot = join(__dirname, '..', '..');

/**
 * The real `npm start` (npm itself, not the script it runs) under signals and crashes: whichever process gets
 * SIGINT or SIGTERM, everything stops and every port is free; a crashed app or service is restarted.
 */
describe('npm start supervision', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Record<string, number>;
  let running: RunningStart | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'reelrank-supervise-'));
    const names = ['API_PORT', 'POSTGRES_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'MINIO_PORT', 'MINIO_CONSOLE_PORT'];
    ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await getFreePort()])));
    env = {
      ...withoutServiceOverrides(process.env),
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
      DATA_DIR: dataDir,
      TOOLS_DIR: join(repoRoot, '.tools'),
      SKIP_WEB: 'true',
      SKIP_SEED: 'true',
    };
  });

  afterEach(async () => {
    // Whatever a failed test left behind must not outlive it.
    for (const pid of stackProcesses(dataDir)) kill(pid, 'SIGKILL');
    await running?.exited;
    running = undefined;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("stops everything on SIGTERM to npm's PID", async () => {
    running = await startNpm(env);
    kill(running.child.pid!, 'SIGTERM');
    expect(await everythingStopped(dataDir, ports)).toEqual({ processes: [], portsInUse: [] });
    expect(running.output).toContain('stopped postgres');
  }, 180_000);

  it("stops everything on SIGINT to npm's PID alone", async () => {
    running = await startNpm(env);
    kill(running.child.pid!, 'SIGINT');
    expect(await everythingStopped(dataDir, ports)).toEqual({ processes: [], portsInUse: [] });
  }, 180_000);

  it("stops everything on SIGINT to the orchestrator's PID", async () => {
    running = await startNpm(env);
    kill(orchestratorPid(dataDir), 'SIGINT');
    expect(await everythingStopped(dataDir, ports)).toEqual({ processes: [], portsInUse: [] });
    expect(await running.exited).toBe(0);
  }, 180_000);

  it('stops everything when npm is SIGKILLed, and when the orchestrator is', async () => {
    running = await startNpm(env);
    kill(running.child.pid!, 'SIGKILL');
    expect(await everythingStopped(dataDir, ports)).toEqual({ processes: [], portsInUse: [] });

    running = await startNpm(env);
    kill(orchestratorPid(dataDir), 'SIGKILL');
    expect(await everythingStopped(dataDir, ports)).toEqual({ processes: [], portsInUse: [] });
  }, 240_000);

  it('restarts a crashed worker, API and PostgreSQL, keeping the data', async () => {
    running = await startNpm(env);
    const databaseUrl = `postgresql://reelrank:reelrank-local@127.0.0.1:${ports.POSTGRES_PORT}/reelrank`;

    kill(pidOf(dataDir, 'worker/dist/main.js'), 'SIGKILL');
    await running.waitFor(/worker exited \(signal SIGKILL\); restarting in 1 s \(restart 1\)/);
    await running.waitFor(/worker is back/);
    expect(await systemCheckDown(ports.TEMPORAL_PORT)).toEqual([]);

    kill(pidOf(dataDir, 'api/dist/main.js'), 'SIGKILL');
    await running.waitFor(/api exited \(signal SIGKILL\); restarting in 1 s \(restart 1\)/);
    await running.waitFor(/api is back/);
    expect(await health(ports.API_PORT)).toEqual({ ok: true, down: [] });

    await sql(databaseUrl, "insert into genres (name) values ('Survives A Crash')");
    kill(postmasterPid(dataDir), 'SIGKILL');
    await running.waitFor(/postgres exited \(signal SIGKILL\); restarting in 1 s \(restart 1\)/);
    await running.waitFor(/postgres is back/);
    expect(await sql(databaseUrl, "select name from genres where name = 'Survives A Crash'")).toHaveLength(1);
    expect(await eventually(() => health(ports.API_PORT), { ok: true, down: [] })).toEqual({ ok: true, down: [] });
    expect(await eventually(() => systemCheckDown(ports.TEMPORAL_PORT), [])).toEqual([]);

    kill(running.child.pid!, 'SIGTERM');
    expect(await everythingStopped(dataDir, ports)).toEqual({ processes: [], portsInUse: [] });
    expect(running.output).toContain('stopped postgres');
  }, 300_000);
});

interface RunningStart {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** `npm start` as a user runs it, resolved once the stack is up. */
async function startNpm(env: NodeJS.ProcessEnv): Promise<RunningStart> {
  const child = spawn('npm', ['start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + (signalNumbers[signal] ?? 0) : null))),
  );
  const running: RunningStart = {
    child,
    get output() {
      return output;
    },
    exited,
    async waitFor(pattern, timeoutMs = 150_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited before ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`No ${pattern} after ${timeoutMs / 1000} s:\n${output}`);
        await sleep(200);
      }
    },
  };
  await running.waitFor(/ {2}Logs {13}/);
  return running;
}

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Live processes whose command line or environment mention `dataDir` (npm, the orchestrator, every service and app). */
function stackProcesses(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        if (/^\S+ \S+ Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/\(.*\)/, 'x'))) return false;
        return [`/proc/${pid}/cmdline`, `/proc/${pid}/environ`].some((file) => readFileSync(file, 'latin1').includes(dataDir));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '(gone)';
  }
}

function parentOf(pid: number): number {
  return Number(
    readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ')[1],
  );
}

/** The one stack process whose command line contains `fragment`. */
function pidOf(dataDir: string, fragment: string): number {
  const matches = stackProcesses(dataDir).filter((pid) => commandLine(pid).includes(fragment));
  if (matches.length !== 1) throw new Error(`Expected one process running ${fragment}, found ${matches.length}`);
  return matches[0];
}

/** PostgreSQL's postmaster: the postgres process whose parent is not a postgres process. */
function postmasterPid(dataDir: string): number {
  const postgres = stackProcesses(dataDir).filter((pid) => commandLine(pid).includes(join(dataDir, 'postgres')));
  if (!postgres.length) throw new Error('No PostgreSQL process');
  return postgres.find((pid) => !postgres.includes(parentOf(pid)))!;
}

/** The process that started the services: the API's parent. */
function orchestratorPid(dataDir: string): number {
  return parentOf(pidOf(dataDir, 'api/dist/main.js'));
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** What is left of the stack once it had time to stop (60 s): live processes (with their command lines) and ports in use. */
async function everythingStopped(dataDir: string, ports: Record<string, number>): Promise<{ processes: string[]; portsInUse: string[] }> {
  const left = async () => {
    const portsInUse: string[] = [];
    for (const [name, port] of Object.entries(ports)) if (!(await isPortFree(port))) portsInUse.push(name);
    return { processes: stackProcesses(dataDir).map(commandLine), portsInUse };
  };
  return eventually(left, { processes: [], portsInUse: [] }, 60_000);
}

/** Polls `read` until it returns `expected` (deep equality) or time runs out; returns the last value read. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch((error: Error) => `error: ${error.message}` as T);
    if (JSON.stringify(value) === JSON.stringify(expected) || Date.now() > deadline) return value;
    await sleep(500);
  }
}

/** The dependencies the worker reports down in a system check (run through Temporal, so it needs a live worker). */
async function systemCheckDown(temporalPort: number): Promise<string[]> {
  const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
  try {
    const client = new TemporalClient({ connection });
    const check = await client.workflow.execute<RunWorkflow<'system-check'>>(PIPELINE_RUNS['system-check'].workflowType, {
      ...runStartOptions('system-check', { main: 'reelrank-main', training: 'reelrank-training' }),
      workflowExecutionTimeout: '1 minute',
    });
    return check.dependencies.filter((dependency) => !dependency.up).map((dependency) => dependency.name);
  } finally {
    await connection.close();
  }
}
