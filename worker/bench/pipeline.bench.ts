// `npm run bench:pipeline -- --ratings <N> [--seed S] [--rank R] [--noise σ] [--rate 300] [--duration 20] [--data-dir <dir>] [--keep]`
//
// The whole product at one data size on real services, brought up by `npm start`'s own orchestrator
// (deploy/local/start.ts) in a private DATA_DIR on free ports (production mode, no seed, no web build, TMDB
// credentials removed so enrichment skips itself, scheduled and engagement retrains off). Stages, each timed:
//   generate    planted-taste MovieLens data (dataset:generate's code; cached in --data-dir by its options)
//   stack       `npm start` until it says it is running (PostgreSQL, Temporal, MinIO, worker, API)
//   upload      dataset:upload's code path to the stack's MinIO
//   import      the `pipeline` run (as the admin's import starts it) until its import child completed
//   enrichment  the pipeline's TMDB stage (skipped without credentials)
//   retrain:*   the default retrain the pipeline starts as a child (trigger `pipeline`), one row per stage of
//               its progress (snapshot, tuning, evaluating, training, publishing = the precomputed lists, promoting)
//   first recommendations / first similar   a MovieLens user of the data signs in (demoLogIn) and asks the API's
//               GraphQL for TopPicks, then a popular movie's similar movies; both must be non-empty
//   load        autocannon: `recommendations` (TopPicks) at --rate requests/s for --duration s, random users
// Per stage: seconds, rows, the peak RSS (VmRSS sampled every 0.5 s) and CPU seconds (utime + stime) of the worker
// and the API processes the orchestrator started, and PostgreSQL's CPU. Then the retrain's figures next to the
// planted noise floor and popularity, its own stage timings, and every target of issue 12 with met / not met.
// A failing stage stops everything (the stack, its ports) and exits 1 naming the stage; a bad option exits 2.
import { taskQueuesOf } from '@reelrank/config';
import { createS3Client } from '@reelrank/storage';
import { CLOCK_TICKS, descendantPids, getFreePort, processCommand, processMemory, processStat } from '@reelrank/stack';
import {
  importMovieLensWorkflowId,
  PIPELINE_RUNS,
  pipelineProgressQuery,
  retrainProgressQuery,
  runStartOptions,
  type PipelineResult,
  type RetrainStage,
  type RunWorkflow,
  type TrainedRetrainResult,
} from '@reelrank/workflows';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { signAccessToken } from '../../api/bench/jwt';
import { TOP_PICKS } from '../../api/bench/workload';
import {
  generateDataset,
  GENERATOR_VERSION,
  GenerateOptionError,
  resolveGenerateOptions,
  type PlantedManifest,
  type ResolvedGenerateOptions,
} from '../src/dataset/generate';
import { uploadDataset } from '../src/dataset/upload';

const repoRoot = resolve(__dirname, '..', '..');
// The AWS SDK announces on every client that future versions need Node 22 (as npm start silences it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const log = (line: string) => console.error(`bench:pipeline: ${line}`);
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Issue 12's targets. */
const TARGETS = {
  /** 32M ratings: upload to the first served recommendation, and the default retrain alone. */
  pipelineSeconds32m: 60 * 60,
  retrainSeconds32m: 40 * 60,
  /** 1M ratings: the whole pipeline. */
  pipelineSeconds1m: 3 * 60,
  workerPeakBytes: 3 * GiB,
  apiPeakBytes: 768 * MiB,
  recommendationsP99Ms: 50,
  recommendationsRate: 300,
  /** Explicit RMSE at most this much above the planted noise floor; implicit NDCG@10 at least this many times popularity's. */
  rmseOverNoiseFloor: 0.02,
  ndcgOverPopularity: 1.5,
};

/** Allowed range of the bench's own options. */
const RANGES = {
  ratings: { min: 10_000, max: 200_000_000 },
  rate: { min: 1, max: 10_000 },
  duration: { min: 1, max: 600 },
};

class BadOption extends Error {}

/** A stage that failed: the bench names it. */
class StageFailure extends Error {
  constructor(
    readonly stage: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

interface Options {
  generate: ResolvedGenerateOptions;
  dataDir: string;
  rate: number;
  duration: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ratings: { type: 'string' },
        seed: { type: 'string' },
        rank: { type: 'string' },
        noise: { type: 'string' },
        rate: { type: 'string', default: String(TARGETS.recommendationsRate) },
        duration: { type: 'string', default: '20' },
        'data-dir': { type: 'string' },
        keep: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BadOption((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  const integer = (name: keyof typeof RANGES, value: string | undefined) => {
    const number = Number((value ?? '').replace(/_/g, ''));
    const { min, max } = RANGES[name];
    if (!value || !Number.isInteger(number) || number < min || number > max)
      throw new BadOption(
        `--${name} must be an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got ${JSON.stringify(value ?? '')})`,
      );
    return number;
  };
  const ratings = integer('ratings', values.ratings);
  const rate = integer('rate', values.rate);
  const duration = integer('duration', values.duration);
  const dataDir = resolve(values['data-dir'] ?? join(tmpdir(), 'reelrank-bench-data'));
  let generate: ResolvedGenerateOptions;
  try {
    generate = resolveGenerateOptions({ out: dataDir, ratings, seed: values.seed, rank: values.rank, noise: values.noise });
  } catch (error) {
    if (error instanceof GenerateOptionError) throw new BadOption(error.message);
    throw error;
  }
  const key = `planted-v${GENERATOR_VERSION}-${ratings}r-${generate.users}u-${generate.movies}m-rank${generate.rank}-noise${generate.noise}-seed${generate.seed}`;
  return { generate: { ...generate, out: join(dataDir, key) }, dataDir, rate, duration, keep: values.keep };
}

// ---------------------------------------------------------------------------------------------------------
// Processes: the worker and the API the orchestrator started, sampled from /proc

type Role = 'worker' | 'api' | 'postgres';
const ROLES: Role[] = ['worker', 'api', 'postgres'];

/** Per stage: the peak of the sampled RSS of each role and the CPU seconds its processes used. */
interface StageUsage {
  peakRssBytes: Record<Role, number>;
  cpuSeconds: Record<Role, number>;
}

/**
 * Samples the stack's processes every `intervalMs`: each role's RSS (summed over its processes) and CPU, charged to
 * the stage running at the time. Processes are found again at each sample (a restarted worker is a new pid).
 */
class StackSampler {
  private readonly usage = new Map<string, StageUsage>();
  private stage: string | undefined;
  private lastCpu = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  /** Every process of the stack seen, with its command line. */
  readonly processes = new Map<number, string>();
  readonly hwmBytes: Record<Role, number> = { worker: 0, api: 0, postgres: 0 };

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Charges what follows to `stage` (after a last sample for the stage before). */
  enter(stage: string): void {
    this.sample();
    this.stage = stage;
    if (!this.usage.has(stage))
      this.usage.set(stage, { peakRssBytes: { worker: 0, api: 0, postgres: 0 }, cpuSeconds: { worker: 0, api: 0, postgres: 0 } });
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  of(stage: string): StageUsage | undefined {
    return this.usage.get(stage);
  }

  private roleOf(command: string): Role | undefined {
    if (command.includes(join('worker', 'dist', 'main.js'))) return 'worker';
    if (command.includes(join('api', 'dist', 'main.js'))) return 'api';
    if (/\bpostgres\b/.test(command)) return 'postgres';
    return undefined;
  }

  private sample(): void {
    const current = this.stage ? this.usage.get(this.stage) : undefined;
    const rss: Record<Role, number> = { worker: 0, api: 0, postgres: 0 };
    for (const pid of descendantPids(this.rootPid)) {
      const command = processCommand(pid);
      if (command) this.processes.set(pid, command);
      const role = this.roleOf(command);
      if (!role) continue;
      const memory = processMemory(pid);
      const stat = processStat(pid);
      if (!memory || !stat) continue;
      const cpuSeconds = stat.cpuTicks / CLOCK_TICKS;
      rss[role] += memory.rssBytes;
      this.hwmBytes[role] = Math.max(this.hwmBytes[role], role === 'postgres' ? 0 : memory.peakRssBytes);
      const before = this.lastCpu.get(pid) ?? cpuSeconds;
      this.lastCpu.set(pid, cpuSeconds);
      if (current) current.cpuSeconds[role] += cpuSeconds - before;
    }
    if (current) for (const role of ROLES) current.peakRssBytes[role] = Math.max(current.peakRssBytes[role], rss[role]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The stack

interface Stack {
  pid: number;
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  s3Endpoint: string;
  jwtSecret: string;
  ports: number[];
  logs: string;
  stop(): Promise<void>;
}

const ACCESS = { accessKeyId: 'reelrank', secretAccessKey: 'reelrank-bench-secret' };
const BUCKET = 'reelrank';

async function startStack(workDir: string): Promise<Stack> {
  const ports = new Set<number>();
  while (ports.size < 7) ports.add(await getFreePort());
  const [postgresPort, temporalPort, temporalUiPort, minioPort, minioConsolePort, apiPort, workerMetricsPort] = [...ports];
  const jwtSecret = randomBytes(48).toString('base64url');
  const dataDir = join(workDir, 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    TOOLS_DIR: join(repoRoot, '.tools'),
    POSTGRES_PORT: String(postgresPort),
    POSTGRES_USER: 'reelrank',
    POSTGRES_PASSWORD: 'reelrank-bench',
    POSTGRES_DB: 'reelrank',
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(temporalUiPort),
    MINIO_PORT: String(minioPort),
    MINIO_CONSOLE_PORT: String(minioConsolePort),
    S3_ACCESS_KEY_ID: ACCESS.accessKeyId,
    S3_SECRET_ACCESS_KEY: ACCESS.secretAccessKey,
    S3_BUCKET: BUCKET,
    API_PORT: String(apiPort),
    WORKER_METRICS_PORT: String(workerMetricsPort),
    SKIP_WEB: 'true',
    SKIP_SEED: 'true',
    JWT_SECRET: jwtSecret,
    // The first recommendation is asked by a MovieLens user of the data, who has no password.
    DEMO_LOGIN_ENABLED: 'true',
    RETRAIN_ENGAGEMENT_ENABLED: 'false',
    RETRAIN_SCHEDULE_ENABLED: 'false',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'NODE_OPTIONS', 'TMDB_API_KEY', 'TMDB_READ_ACCESS_TOKEN'])
    delete env[name];
  const logFile = join(workDir, 'start.log');
  log(
    `starting the stack (npm start's orchestrator) in ${dataDir}: API on ${apiPort}, PostgreSQL on ${postgresPort}; its output in ${logFile}`,
  );
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(repoRoot, 'deploy', 'local', 'start.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(logFile);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => ((output += chunk), out.write(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => ((output += chunk), out.write(chunk)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      await exited;
      clearTimeout(timer);
    }
    out.end();
  };
  const running = await Promise.race([
    (async () => {
      while (!output.includes('Reelrank is running')) await sleep(250);
      return true;
    })(),
    exited.then(() => false),
  ]);
  if (!running) {
    await stop();
    throw new Error(`npm start exited before it was running:\n${output.trimEnd().split('\n').slice(-20).join('\n')}`);
  }
  return {
    pid: child.pid!,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    databaseUrl: `postgresql://reelrank:reelrank-bench@127.0.0.1:${postgresPort}/reelrank`,
    temporalAddress: `127.0.0.1:${temporalPort}`,
    s3Endpoint: `http://127.0.0.1:${minioPort}`,
    jwtSecret,
    ports: [...ports],
    logs: join(dataDir, 'logs'),
    stop,
  };
}

/**
 * After the stack stopped: the processes it started that still run (the same command line under the same pid, not
 * a zombie, 10 s after `npm start` exited), and its ports still taken.
 */
async function leftBehind(stack: Stack, processes: Map<number, string>): Promise<string[]> {
  const running = () =>
    [...processes].filter(([pid, command]) => {
      const state = processStat(pid)?.state;
      return state !== undefined && state !== 'Z' && processCommand(pid) === command;
    });
  for (let waited = 0; running().length && waited < 10; waited++) await sleep(1000);
  const problems = running().map(([pid, command]) => `process ${pid} (${command.slice(0, 100)}) still runs`);
  for (const port of stack.ports) {
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (!free) problems.push(`port ${port} is still taken`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// GraphQL

async function graphql<T>(apiUrl: string, query: string, variables: object, token?: string): Promise<T> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length || !body.data)
    throw new Error(`HTTP ${response.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data;
}

const DEMO_LOG_IN = 'mutation DemoLogIn($userId: Int!) { demoLogIn(userId: $userId) { accessToken } }';
const SIMILAR = 'query Similar($id: Int!, $first: Int!) { movie(id: $id) { id similar(first: $first) { score movie { id title } } } }';

interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  errors: number;
  firstError?: string;
  p50: number;
  p99: number;
  max: number;
}

async function loadRecommendations(apiUrl: string, tokens: string[], rate: number, duration: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let pending: { ok: boolean; error?: string } | undefined;
  let next = 0;
  const instance = autocannon({
    url: apiUrl,
    // Enough connections to hold the rate at a few hundred milliseconds per answer (each has one request in flight).
    connections: 64,
    duration,
    overallRate: rate,
    ignoreCoordinatedOmission: true,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[next++ % tokens.length]}` },
          body: JSON.stringify({ query: TOP_PICKS, variables: { first: 20 } }),
        }),
        onResponse: (status, body) => {
          const ok = status === 200 && !body.includes('"errors"') && body.includes('"recommendations":[{');
          pending = { ok, error: ok ? undefined : `HTTP ${status}: ${body.slice(0, 200)}` };
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    const response = pending;
    pending = undefined;
    if (response && !response.ok) {
      errors++;
      firstError ??= response.error;
    } else latencies.push(responseTime);
  });
  const started = performance.now();
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  errors += result.errors + result.timeouts;
  if (result.errors || result.timeouts) firstError ??= `${result.errors} connection errors, ${result.timeouts} timeouts`;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round1(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return {
    requests: latencies.length + errors,
    requestsPerSecond: Math.round((latencies.length + errors) / seconds),
    errors,
    firstError,
    p50: at(0.5),
    p99: at(0.99),
    max: round1(latencies.at(-1) ?? NaN),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The run

interface StageRow {
  stage: string;
  seconds: number;
  rows?: number;
  rowsOf?: string;
  note?: string;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const stages: StageRow[] = [];
  const timed = async <T>(stage: string, run: () => Promise<T>, describe?: (result: T) => Omit<StageRow, 'stage' | 'seconds'>) => {
    sampler?.enter(stage);
    const started = performance.now();
    log(`${stage}...`);
    try {
      const result = await run();
      const row = { stage, seconds: (performance.now() - started) / 1000, ...describe?.(result) };
      stages.push(row);
      log(`${stage}: ${row.seconds.toFixed(1)} s${row.rows !== undefined ? `, ${row.rows.toLocaleString('en-US')} ${row.rowsOf}` : ''}`);
      return result;
    } catch (error) {
      throw error instanceof StageFailure ? error : new StageFailure(stage, error);
    }
  };
  let sampler: StackSampler | undefined;
  log(
    `${cpus().length} CPUs, ${(totalmem() / GiB).toFixed(1)} GiB, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the start`,
  );

  // 1. Data.
  const folder = options.generate.out;
  const cached = existsSync(join(folder, 'planted.json'));
  const manifest = await timed(
    'generate',
    async () => {
      if (cached) return JSON.parse(readFileSync(join(folder, 'planted.json'), 'utf8')) as PlantedManifest;
      mkdirSync(options.dataDir, { recursive: true });
      return (await generateDataset(options.generate)).manifest;
    },
    (result) => ({ rows: result.ratings, rowsOf: 'ratings', note: cached ? 'cached' : undefined }),
  );
  log(
    `planted data in ${folder}: ${manifest.ratings.toLocaleString('en-US')} ratings, ${manifest.users.toLocaleString('en-US')} users, ${manifest.movies.toLocaleString('en-US')} movies, ` +
      `rank ${manifest.rank}, noise ${manifest.sigma}, noise floor RMSE ${manifest.noiseFloor.rmse.toFixed(4)}`,
  );

  const workDir = mkdtempSync(join(tmpdir(), 'reelrank-pipeline-bench-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory inside.
  chmodSync(workDir, 0o755);
  let stack: Stack | undefined;
  let connection: Connection | undefined;
  let exitCode = 0;
  let report: (() => string[]) | undefined;
  try {
    // 2. The stack.
    stack = await timed('stack', () => startStack(workDir));
    sampler = new StackSampler(stack.pid);
    sampler.start();
    const s3 = createS3Client({
      S3_ENDPOINT: stack.s3Endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: ACCESS.accessKeyId,
      S3_SECRET_ACCESS_KEY: ACCESS.secretAccessKey,
      S3_FORCE_PATH_STYLE: true,
    });
    const datasetVersion = `bench-planted-${manifest.ratings}`;

    // 3. Upload → pipeline.
    const pipelineStarted = performance.now();
    await timed(
      'upload',
      () => uploadDataset({ s3, bucket: BUCKET, from: folder, version: datasetVersion }),
      (result) => ({ rows: result.manifest.files.ratings.rows, rowsOf: 'ratings' }),
    );
    s3.destroy();
    connection = await Connection.connect({ address: stack.temporalAddress });
    const temporal = new TemporalClient({ connection });
    const taskQueues = taskQueuesOf({ PIPELINE_TASK_QUEUE: 'reelrank-main', TRAINING_TASK_QUEUE: 'reelrank-training' });
    const start = runStartOptions('pipeline', taskQueues, { datasetVersion, trainingTaskQueue: taskQueues.training });
    const pipelineRun = await temporal.workflow.start<RunWorkflow<'pipeline'>>(PIPELINE_RUNS.pipeline.workflowType, start);
    const pipelineResult = pipelineRun.result() as Promise<PipelineResult>;
    pipelineResult.catch(() => undefined);
    log(`started ${start.workflowId}`);

    // Follows the pipeline's stages (and the retrain's) by their progress queries, charging each to its row.
    let current = '';
    let currentStarted = performance.now();
    sampler.enter('import');
    current = 'import';
    const finishStage = (next: string | undefined, rows?: number, rowsOf?: string) => {
      stages.push({ stage: current, seconds: (performance.now() - currentStarted) / 1000, rows, rowsOf });
      log(`${current}: ${((performance.now() - currentStarted) / 1000).toFixed(1)} s`);
      current = next ?? '';
      currentStarted = performance.now();
      if (next) {
        sampler!.enter(next);
        log(`${next}...`);
      }
    };
    let retrainWorkflowId: string | undefined;
    let done: PipelineResult | undefined;
    let failure: unknown;
    void pipelineResult.then(
      (result) => (done = result),
      (error: unknown) => (failure = error),
    );
    let lastLog = 0;
    while (!done && !failure) {
      await sleep(500);
      const progress = await pipelineRun.query(pipelineProgressQuery).catch(() => undefined);
      if (!progress) continue;
      const running = progress.stages.find((stage) => stage.status === 'running');
      let stage: string | undefined = running?.name;
      if (running?.name === 'retrain') {
        retrainWorkflowId = running.workflowId;
        const retrain = retrainWorkflowId
          ? await temporal.workflow
              .getHandle(retrainWorkflowId)
              .query(retrainProgressQuery)
              .catch(() => undefined)
          : undefined;
        // Until the retrain answers, and once it has finished, the row stays as it is.
        const finished = !retrain || (['done', 'rejected', 'skipped', 'failed'] as RetrainStage[]).includes(retrain.stage);
        stage = finished ? (current.startsWith('retrain:') ? current : 'retrain:snapshot') : `retrain:${retrain.stage}`;
        if (retrain && Date.now() - lastLog > 60_000) {
          lastLog = Date.now();
          const t = retrain.tuning;
          log(
            `retrain ${retrain.stage}: tuning explicit ${t.explicit.runsDone}/${t.explicit.runs} runs, implicit ${t.implicit.runsDone}/${t.implicit.runs}; load ${loadavg()[0].toFixed(2)}`,
          );
        }
      }
      if (stage && stage !== current) {
        const importRows =
          current === 'import'
            ? await temporal.workflow
                .getHandle(importMovieLensWorkflowId(datasetVersion))
                .result()
                .then((result: { files: { ratings: { loaded: number } } }) => result.files.ratings.loaded)
                .catch(() => undefined)
            : undefined;
        finishStage(stage, importRows, importRows === undefined ? undefined : 'ratings loaded');
      }
    }
    if (failure || !done) throw new StageFailure(current || 'pipeline', failure);
    const result: PipelineResult = done;
    finishStage(undefined);
    if (!result.retrain || result.retrain.status === 'SKIPPED')
      throw new StageFailure('retrain', `the retrain did not train: ${result.retrain?.reason}`);
    const retrain = result.retrain as TrainedRetrainResult;
    if (!retrain.promoted) throw new StageFailure('retrain', `the retrain did not promote ${retrain.version}: ${retrain.reason}`);
    for (const row of stages) {
      if (row.stage === 'retrain:snapshot') Object.assign(row, { rows: retrain.dataCounts.ratings, rowsOf: 'ratings' });
      if (row.stage === 'retrain:publishing') Object.assign(row, { rows: retrain.published.recommendations, rowsOf: 'recommendations' });
    }

    // 4. The API's first answers.
    const [{ id: userId }] = (await sqlRows(stack.databaseUrl, `SELECT id FROM users WHERE source = 'MOVIELENS' ORDER BY id LIMIT 1`)) as {
      id: number;
    }[];
    await timed(
      'first recommendations',
      async () => {
        const { demoLogIn } = await graphql<{ demoLogIn: { accessToken: string } }>(stack!.apiUrl, DEMO_LOG_IN, { userId });
        const data = await graphql<{ recommendations: { source: string }[] }>(
          stack!.apiUrl,
          TOP_PICKS,
          { first: 20 },
          demoLogIn.accessToken,
        );
        if (!data.recommendations.length) throw new Error(`user ${userId} got no recommendations`);
        return data.recommendations;
      },
      (list) => ({ rows: list.length, rowsOf: `movies (${list[0].source})` }),
    );
    const pipelineSeconds = (performance.now() - pipelineStarted) / 1000;
    const [{ id: popularMovie }] = (await sqlRows(
      stack.databaseUrl,
      `SELECT movie_id AS id FROM movie_rating_stats ORDER BY rating_count DESC, movie_id LIMIT 1`,
    )) as { id: number }[];
    await timed(
      'first similar',
      async () => {
        const data = await graphql<{ movie: { similar: unknown[] } }>(stack!.apiUrl, SIMILAR, { id: popularMovie, first: 10 });
        if (!data.movie.similar.length) throw new Error(`movie ${popularMovie} has no similar movies`);
        return data.movie.similar;
      },
      (list) => ({ rows: list.length, rowsOf: 'movies' }),
    );

    // 5. Load.
    const users = (await sqlRows(stack.databaseUrl, `SELECT id FROM users WHERE source = 'MOVIELENS' ORDER BY random() LIMIT 2000`)) as {
      id: number;
    }[];
    const tokens = users.map((user) => signAccessToken(stack!.jwtSecret, user.id));
    const loadAverage = loadavg()[0];
    const load = await timed(
      'load',
      () => loadRecommendations(stack!.apiUrl, tokens, options.rate, options.duration),
      (figures) => ({ rows: figures.requests, rowsOf: 'requests' }),
    );
    log(
      `load: p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.requestsPerSecond} requests/s, ${load.errors} errors (load average ${loadAverage.toFixed(2)})`,
    );
    sampler.stop();

    report = () => printReport({ options, manifest, stages, sampler: sampler!, retrain, load, pipelineSeconds, loadAverage });
  } catch (error) {
    exitCode = 1;
    const failed = error instanceof StageFailure ? error : new StageFailure('bench', error);
    console.error(`bench:pipeline: stage ${failed.stage} failed: ${failed.message}`);
    if (stack) console.error(`bench:pipeline: the stack's logs: ${stack.logs} (kept: ${workDir})`);
  } finally {
    sampler?.stop();
    await connection?.close().catch(() => undefined);
    if (stack) {
      log('stopping the stack');
      await stack.stop();
      const problems = await leftBehind(stack, sampler?.processes ?? new Map());
      if (problems.length) {
        exitCode = 1;
        console.error(`bench:pipeline: stage cleanup failed: ${problems.join('; ')}`);
      } else log('stack stopped: no process left, ports free');
    }
    if (!options.keep && exitCode === 0) rmSync(workDir, { recursive: true, force: true });
  }
  // Printed after the stack stopped, so its shutdown lines do not split the tables.
  const missed = report?.() ?? [];
  process.exitCode = exitCode || (missed.length ? 1 : 0);
}

async function sqlRows(url: string, text: string): Promise<unknown[]> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report

function printReport(input: {
  options: Options;
  manifest: PlantedManifest;
  stages: StageRow[];
  sampler: StackSampler;
  retrain: TrainedRetrainResult;
  load: LoadFigures;
  pipelineSeconds: number;
  loadAverage: number;
}): string[] {
  const { manifest, stages, sampler, retrain, load, pipelineSeconds } = input;
  const mb = (bytes: number | undefined) => (bytes ? String(Math.round(bytes / MiB)) : '');
  const cpu = (seconds: number | undefined) => (seconds ? seconds.toFixed(1) : '');
  const header = ['stage', 's', 'rows', 'worker RSS MiB', 'worker CPU s', 'API RSS MiB', 'API CPU s', 'PostgreSQL CPU s'];
  const rows = stages.map((row) => {
    const usage = sampler.of(row.stage);
    return [
      row.stage,
      row.seconds.toFixed(1),
      row.rows === undefined
        ? (row.note ?? '')
        : `${row.rows.toLocaleString('en-US')} ${row.rowsOf ?? ''}${row.note ? ` (${row.note})` : ''}`,
      mb(usage?.peakRssBytes.worker),
      cpu(usage?.cpuSeconds.worker),
      mb(usage?.peakRssBytes.api),
      cpu(usage?.cpuSeconds.api),
      cpu(usage?.cpuSeconds.postgres),
    ];
  });
  const retrainSeconds = stages.filter((row) => row.stage.startsWith('retrain:')).reduce((sum, row) => sum + row.seconds, 0);
  rows.push([
    'upload → first recommendation',
    pipelineSeconds.toFixed(1),
    '',
    mb(sampler.hwmBytes.worker),
    '',
    mb(sampler.hwmBytes.api),
    '',
    '',
  ]);
  table(header, rows);
  console.log("RSS: the peak of VmRSS sampled every 0.5 s in the stage; last row: VmHWM (the processes' own peak) over the whole run.");

  const m = retrain.metrics;
  const floor = manifest.noiseFloor.rmse;
  console.log(
    `\nModel ${retrain.version} (${retrain.promoted ? 'promoted' : 'not promoted'}): ${retrain.dataCounts.ratings.toLocaleString('en-US')} ratings, ${retrain.dataCounts.users.toLocaleString('en-US')} users, ${retrain.dataCounts.movies.toLocaleString('en-US')} movies`,
  );
  table(
    ['figure', 'measured', 'reference', 'ratio'],
    [
      [
        'explicit RMSE (CV)',
        m.explicitRmse.toFixed(4),
        `noise floor ${floor.toFixed(4)}`,
        `${signedPercent(m.explicitRmse / floor - 1)} vs the floor`,
      ],
      [
        `implicit NDCG@${m.k}`,
        m.implicitNdcgAtK.toFixed(4),
        `popularity ${m.popularityNdcgAtK.toFixed(4)}`,
        `${signedPercent(m.implicitNdcgAtK / m.popularityNdcgAtK - 1)} vs popularity`,
      ],
    ],
  );
  console.log(
    `params: explicit ${JSON.stringify(retrain.params.explicit)}; implicit ${JSON.stringify(retrain.params.implicit)}; tuning ${retrain.tuning.explicitConfigurations} explicit + ${retrain.tuning.implicitConfigurations} implicit configurations, ${retrain.tuning.computed} runs computed`,
  );
  console.log(`retrain's own timings (s): ${JSON.stringify(retrain.timings)}`);
  console.log(`published: ${JSON.stringify(retrain.published)}`);
  console.log(
    `load: recommendations at ${input.options.rate} requests/s for ${input.options.duration} s: ${load.requests} requests (${load.requestsPerSecond}/s), p50 ${load.p50} ms, p99 ${load.p99} ms, max ${load.max} ms, ${load.errors} errors${load.firstError ? ` (first: ${load.firstError})` : ''}; load average ${input.loadAverage.toFixed(2)}`,
  );

  const at32m = manifest.ratings >= 32_000_000;
  const at1m = manifest.ratings <= 1_000_000;
  const targets: [string, string, boolean, string][] = [
    [
      `whole pipeline (upload → first recommendation) ≤ ${TARGETS.pipelineSeconds1m / 60} min`,
      `${(pipelineSeconds / 60).toFixed(1)} min`,
      pipelineSeconds <= TARGETS.pipelineSeconds1m,
      '1M ratings',
    ],
    [
      `upload → first served recommendation ≤ ${TARGETS.pipelineSeconds32m / 60} min`,
      `${(pipelineSeconds / 60).toFixed(1)} min`,
      pipelineSeconds <= TARGETS.pipelineSeconds32m,
      '32M ratings',
    ],
    [
      `default retrain ≤ ${TARGETS.retrainSeconds32m / 60} min`,
      `${(retrainSeconds / 60).toFixed(1)} min`,
      retrainSeconds <= TARGETS.retrainSeconds32m,
      '32M ratings',
    ],
    [
      `worker peak RSS ≤ ${TARGETS.workerPeakBytes / GiB} GiB`,
      `${mb(sampler.hwmBytes.worker)} MiB`,
      sampler.hwmBytes.worker <= TARGETS.workerPeakBytes,
      '32M ratings',
    ],
    [
      `API peak RSS ≤ ${TARGETS.apiPeakBytes / MiB} MiB`,
      `${mb(sampler.hwmBytes.api)} MiB`,
      sampler.hwmBytes.api <= TARGETS.apiPeakBytes,
      '32M ratings',
    ],
    [
      `recommendations p99 ≤ ${TARGETS.recommendationsP99Ms} ms at ${TARGETS.recommendationsRate} requests/s, no error`,
      `p99 ${load.p99} ms at ${load.requestsPerSecond}/s, ${load.errors} errors`,
      load.p99 <= TARGETS.recommendationsP99Ms && load.errors === 0 && input.options.rate >= TARGETS.recommendationsRate,
      'every size',
    ],
    [
      `explicit RMSE within ${TARGETS.rmseOverNoiseFloor * 100} % of the noise floor`,
      signedPercent(m.explicitRmse / floor - 1),
      m.explicitRmse <= floor * (1 + TARGETS.rmseOverNoiseFloor),
      'every size',
    ],
    [
      `implicit NDCG@10 ≥ popularity's + ${(TARGETS.ndcgOverPopularity - 1) * 100} %`,
      signedPercent(m.implicitNdcgAtK / m.popularityNdcgAtK - 1),
      m.implicitNdcgAtK >= m.popularityNdcgAtK * TARGETS.ndcgOverPopularity,
      'every size',
    ],
  ];
  console.log('\nTargets of issue 12:');
  const applies = (scope: string) => scope === 'every size' || (scope === '1M ratings' ? at1m : at32m);
  table(
    ['target', 'measured', 'applies at', 'result'],
    targets.map(([target, measured, met, scope]) => [
      target,
      measured,
      scope,
      applies(scope) ? (met ? 'met' : 'NOT MET') : met ? '(met; other size)' : '(not met; other size)',
    ]),
  );
  const missed = targets.filter(([, , met, scope]) => applies(scope) && !met).map(([target]) => target);
  for (const target of missed) console.log(`MISSED: ${target}`);
  console.log(
    JSON.stringify({
      bench: 'pipeline',
      cpus: cpus().length,
      planted: { ...manifest, genres: undefined },
      stages: stages.map((row) => ({ ...row, usage: sampler.of(row.stage) })),
      pipelineSeconds,
      retrainSeconds,
      peak: sampler.hwmBytes,
      metrics: m,
      timings: retrain.timings,
      load,
      missed,
    }),
  );
  return missed;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const signedPercent = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)} %`;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  if (error instanceof BadOption) {
    console.error(`bench:pipeline: ${error.message}`);
    process.exit(2);
  }
  console.error(`bench:pipeline failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
