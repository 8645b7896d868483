/**
 * Starts the real local stack (`deploy/local/start.ts`, what `npm start` runs) for the e2e suite and
 * the web benchmark: a temp DATA_DIR, free ports, an admin account, the shared ml-latest-small, and
 * it stops it the way Ctrl-C does (SIGINT, then wait for the orderly shutdown).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getFreePort } from '../../../libs/stack/src/ports';
import { graphql, logIn } from './api';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const SEED_PIPELINE_ID = 'pipeline-ml-latest-small';

export interface StackOptions {
  /** Log lines are written here and echoed with this prefix. */
  logFile: string;
  /** Wait until the seed pipeline (import, enrichment, retrain) completed and a model is active. */
  waitForModel: boolean;
  log?: (line: string) => void;
  /** Extra environment for `npm start` (and through it, the API and the worker). */
  env?: NodeJS.ProcessEnv;
  /** Give up after this long (first runs build the server and the web app). */
  timeoutMs?: number;
}

export interface RunningStack {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  /** The stack's MinIO (S3 API) and its credentials, for tests that upload dataset versions. */
  s3: { endpoint: string; accessKeyId: string; secretAccessKey: string };
  /** Ctrl-C semantics: SIGINT to `npm start`, wait for it to stop its processes (SIGKILL after a grace period). */
  stop(options?: { keepLogsIn?: string }): Promise<void>;
}

export function sharedMovieLensDir(): string {
  const dir = process.env['MOVIELENS_DIR'] ?? resolve(repoRoot, '..', 'shared', 'datasets', 'ml-latest-small');
  if (!existsSync(join(dir, 'ratings.csv'))) {
    throw new Error(`No MovieLens ml-latest-small at ${dir}: set MOVIELENS_DIR to a folder with ratings.csv and movies.csv`);
  }
  return dir;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = mkdtempSync(join(tmpdir(), 'reelrank-e2e-'));
  const [apiPort, postgresPort, temporalPort, temporalUiPort, minioPort, minioConsolePort, workerMetricsPort] = await Promise.all(
    Array.from({ length: 7 }, () => getFreePort()),
  );
  const adminEmail = 'e2e-admin@reelrank.test';
  const adminPassword = `admin-${randomBytes(9).toString('base64url')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Production as users get it; development would also rewrite api/schema.gql.
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    POSTGRES_PORT: String(postgresPort),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(temporalUiPort),
    MINIO_PORT: String(minioPort),
    MINIO_CONSOLE_PORT: String(minioConsolePort),
    WORKER_METRICS_PORT: String(workerMetricsPort),
    MOVIELENS_DIR: sharedMovieLensDir(),
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    S3_ACCESS_KEY_ID: 'reelrank-e2e',
    S3_SECRET_ACCESS_KEY: randomBytes(18).toString('base64url'),
    // Every test signs up or logs in; the default 10 per minute per IP is for the open internet.
    AUTH_RATE_LIMIT: '1000',
    MUTATION_RATE_LIMIT: '1000',
    // Parallel workers' anonymous pages share one client IP.
    QUERY_RATE_LIMIT: '1000',
    // Only the admin journey retrains: no nightly schedule and no retrain triggered by test ratings.
    RETRAIN_SCHEDULE_ENABLED: 'false',
    RETRAIN_ENGAGEMENT_ENABLED: 'false',
    ...options.env,
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'SKIP_WEB', 'SKIP_SEED', 'WEB_DIST_DIR']) delete env[name];

  mkdirSync(resolve(options.logFile, '..'), { recursive: true });
  const logStream = createWriteStream(options.logFile);
  const baseUrl = `http://localhost:${apiPort}`;
  log(`stack: starting deploy/local/start.ts (DATA_DIR ${dataDir}, API ${baseUrl}), log in ${options.logFile}`);
  const startedAt = Date.now();
  const child = spawn(process.execPath, [require.resolve('tsx/cli', { paths: [repoRoot] }), 'deploy/local/start.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a last-resort SIGKILL reaches everything it started.
    detached: true,
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    logStream.write(chunk);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code, signal) => resolveExit(signal ? 128 : code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  // A crash of the test runner must not leave the stack behind.
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const stop: RunningStack['stop'] = async (stopOptions = {}) => {
    if (!hasExited) {
      child.kill('SIGINT');
      const stopped = await Promise.race([exited.then(() => true), sleep(60_000).then(() => false)]);
      if (!stopped) {
        log('stack: npm start did not stop within 60 s after SIGINT; killing its process group');
        killGroup(child, 'SIGKILL');
        await exited;
      }
    }
    process.removeListener('exit', killOnExit);
    await new Promise<void>((done) => logStream.end(done));
    if (stopOptions.keepLogsIn && existsSync(join(dataDir, 'logs'))) {
      cpSync(join(dataDir, 'logs'), stopOptions.keepLogsIn, { recursive: true });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const fail = async (reason: string): Promise<never> => {
    const tail = output.trimEnd().split('\n').slice(-40).join('\n');
    await stop({ keepLogsIn: join(resolve(options.logFile, '..'), 'stack-logs') });
    throw new Error(`The stack did not come up: ${reason}\nLast lines of npm start:\n${tail}`);
  };

  const deadline = startedAt + (options.timeoutMs ?? 15 * 60_000);
  const seconds = () => `${((Date.now() - startedAt) / 1000).toFixed(0)} s`;
  while (!/Reelrank is running/.test(output)) {
    if (hasExited) return fail(`npm start exited with code ${await exited}`);
    if (Date.now() > deadline) return fail(`no "Reelrank is running" after ${seconds()}`);
    await sleep(250);
  }
  log(`stack: npm start is running after ${seconds()}`);

  if (options.waitForModel) {
    let token: string;
    try {
      token = (await logIn(baseUrl, adminEmail, adminPassword)).accessToken;
    } catch (error) {
      return fail(`the admin cannot log in: ${(error as Error).message}`);
    }
    let lastStage = '';
    for (;;) {
      if (hasExited) return fail(`npm start exited with code ${await exited}`);
      if (Date.now() > deadline) return fail(`the seed pipeline did not complete after ${seconds()} (stage ${lastStage})`);
      const data = await graphql<{
        pipelineRun: { status: string; stage: string | null; progress: number | null };
        activeModel: { version: string } | null;
      }>(
        baseUrl,
        `
          query SeedProgress($id: String!) {
            pipelineRun(workflowId: $id) {
              status
              stage
              progress
            }
            activeModel {
              version
            }
          }
        `,
        { id: SEED_PIPELINE_ID },
        token,
      ).catch((error: Error) => ({ error }));
      if ('error' in data) {
        log(`stack: seed progress unavailable (${data.error.message}); retrying`);
      } else {
        const run = data.pipelineRun;
        const stage = `${run.status} ${run.stage ?? ''} ${run.progress === null ? '' : `${Math.round(run.progress * 100)} %`}`.trim();
        if (stage !== lastStage) log(`stack: ${SEED_PIPELINE_ID} ${stage} (${seconds()})`);
        lastStage = stage;
        if (run.status === 'COMPLETED') {
          if (!data.activeModel) return fail(`${SEED_PIPELINE_ID} completed but no model is active (see api.log and worker.log)`);
          log(`stack: model ${data.activeModel.version} is active (${seconds()})`);
          break;
        }
        if (run.status !== 'RUNNING') return fail(`${SEED_PIPELINE_ID} ended ${run.status} (see worker.log)`);
      }
      await sleep(2000);
    }
  }
  const s3 = {
    endpoint: `http://127.0.0.1:${minioPort}`,
    accessKeyId: env['S3_ACCESS_KEY_ID']!,
    secretAccessKey: env['S3_SECRET_ACCESS_KEY']!,
  };
  return { baseUrl, adminEmail, adminPassword, dataDir, s3, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** The last lines of a log file, for failure messages. */
export function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
