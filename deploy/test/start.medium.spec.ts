import { Client as TemporalClient, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { getFreePort } from '../../libs/stack/src';
import { health, sql, withoutServiceOverrides } from './support/local-stack';
import { PIPELINE_RUNS } from '../../workflows/src';

/** `npm start` itself: everything comes up, Ctrl-C stops it cleanly, and a restart keeps the data. */
describe('npm start (local stack)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Record<string, number>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'reelrank-start-'));
    const names = [
      'API_PORT',
      'WORKER_METRICS_PORT',
      'POSTGRES_PORT',
      'TEMPORAL_PORT',
      'TEMPORAL_UI_PORT',
      'MINIO_PORT',
      'MINIO_CONSOLE_PORT',
    ];
    ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await getFreePort()])));
    env = {
      ...withoutServiceOverrides(process.env),
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
      DATA_DIR: dataDir,
      TOOLS_DIR: join(__dirname, '..', '..', '.tools'),
      SKIP_WEB: 'true',
      // The admin account exists before the first import: MovieLens user ids must not collide with it.
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'admin-password-123',
    };
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts everything, stops on Ctrl-C, and keeps data across restarts', async () => {
    const databaseUrl = `postgresql://reelrank:reelrank-local@127.0.0.1:${ports.POSTGRES_PORT}/reelrank`;
    const first = await startStack(env);
    let firstCheck: string[];
    try {
      expect(first.output).toContain(`GraphQL          http://localhost:${ports.API_PORT}/graphql`);
      expect(first.output).toContain(`http://localhost:${ports.WORKER_METRICS_PORT}/metrics (worker)`);
      expect(await health(ports.API_PORT)).toEqual({ ok: true, down: [] });
      expect(first.output).toContain('seed: catalog ready with 9,742 movies and 100,836 ratings');
      await sql(databaseUrl, "insert into genres (name) values ('Kept Across Restarts')");
      firstCheck = await systemCheckIds(ports.TEMPORAL_PORT);
      expect(firstCheck).toHaveLength(1);
    } finally {
      expect(await stop(first)).toEqual({ code: 0, stopped: ['api', 'worker', 'minio', 'temporal', 'postgres'].sort() });
    }

    const second = await startStack(env);
    try {
      expect(second.output).toContain('migrations up to date');
      expect(second.output).not.toContain('seed:');
      expect(await sql(databaseUrl, "select name from genres where name = 'Kept Across Restarts'")).toHaveLength(1);
      const checks = await systemCheckIds(ports.TEMPORAL_PORT);
      expect(checks).toEqual(expect.arrayContaining(firstCheck));
      expect(checks).toHaveLength(2);
    } finally {
      expect((await stop(second)).code).toBe(0);
    }
  }, 240_000);

  it('keeps every file under DATA_DIR readable by its owner only, tightening those of an earlier start', async () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'reelrank-private-'));
    try {
      // What an earlier version left: a log and a directory anyone could read.
      mkdirSync(join(privateDir, 'logs'), { mode: 0o755 });
      writeFileSync(join(privateDir, 'logs', 'old.log'), 'old\n', { mode: 0o644 });
      chmodSync(privateDir, 0o755);
      const running = await startStack({ ...env, DATA_DIR: privateDir, SKIP_SEED: 'true' });
      try {
        expect(openToOthers(privateDir)).toEqual([]);
      } finally {
        expect((await stop(running)).code).toBe(0);
      }
      const entries = walk(privateDir).map((path) => relative(privateDir, path));
      for (const expected of [
        'logs/api.log',
        'logs/minio.log',
        'logs/temporal.log',
        'postgres/PG_VERSION',
        'temporal/temporal.sqlite',
        'secrets/jwt-secret',
      ])
        expect(entries).toContain(expected);
      expect(entries.filter((path) => path.startsWith('minio/')).length).toBeGreaterThan(0);
      expect(openToOthers(privateDir)).toEqual([]);
    } finally {
      rmSync(privateDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('explains a port in use in one line and exits non-zero', async () => {
    const blocker = createServer().listen(ports.MINIO_PORT, '127.0.0.1');
    try {
      const { code, output } = await runToExit(spawnStart(env));
      expect(code).toBe(1);
      expect(output).toContain(`npm start failed: Port ${ports.MINIO_PORT} (MinIO) is already in use`);
      expect(output).toContain('MINIO_PORT');
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('explains a bad environment value in one line and exits non-zero', async () => {
    const { code, output } = await runToExit(spawnStart({ ...env, POSTGRES_PORT: 'five' }));
    expect(code).toBe(1);
    expect(output).toContain('\n  POSTGRES_PORT: must be a port number from 1 to 65535 (got "five") [npm start]\n');
  }, 60_000);
});

/** Every path under `dir` (symbolic links not followed). */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return lstatSync(path).isDirectory() ? [path, ...walk(path)] : [path];
  });
}

/**
 * Paths under `dataDir`, and `dataDir` itself, that others can use: any group or other permission bit. As root,
 * the embedded PostgreSQL runs as the `postgres` user, whose group may only enter `dataDir` (mode 0710).
 */
function openToOthers(dataDir: string): string[] {
  const root = userInfo().uid === 0;
  const dataDirMode = lstatSync(dataDir).mode & 0o777;
  const open = (dataDirMode & 0o077) === (root ? 0o010 : 0) ? [] : [`${dataDir} ${dataDirMode.toString(8)}`];
  for (const path of walk(dataDir)) {
    const stats = lstatSync(path);
    if (!stats.isSymbolicLink() && stats.mode & 0o077) open.push(`${relative(dataDir, path)} ${(stats.mode & 0o777).toString(8)}`);
  }
  return open;
}

interface RunningStart {
  child: ChildProcess;
  output: string;
}

function spawnStart(env: NodeJS.ProcessEnv): ChildProcess {
  const tsx = require.resolve('tsx/cli');
  return spawn(process.execPath, [tsx, join(__dirname, '..', 'local', 'start.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function startStack(env: NodeJS.ProcessEnv): Promise<RunningStart> {
  const child = spawnStart(env);
  const running: RunningStart = { child, output: '' };
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      running.output += chunk.toString();
      if (/ {2}Logs {13}/.test(running.output)) resolve(running);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${running.output}`)));
  });
}

async function stop(running: RunningStart): Promise<{ code: number | null; stopped: string[] }> {
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGINT');
  const code = await exited;
  const stopped = [...running.output.matchAll(/ {2}stopped (\w+)/g)].map((match) => match[1]).sort();
  return { code, stopped };
}

function runToExit(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function systemCheckIds(temporalPort: number): Promise<string[]> {
  const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
  try {
    const client = new TemporalClient({ connection });
    const ids: string[] = [];
    for await (const execution of client.workflow.list({ query: `WorkflowType = '${PIPELINE_RUNS['system-check'].workflowType}'` }))
      ids.push(execution.workflowId);
    return ids;
  } finally {
    await connection.close();
  }
}
