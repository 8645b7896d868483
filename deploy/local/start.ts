/**
 * `npm start`: the whole product on this machine with no Docker and no system services.
 * PostgreSQL, the Temporal dev server and MinIO run embedded (data under .data/, kept across
 * runs) unless DATABASE_URL, TEMPORAL_ADDRESS or S3_ENDPOINT point at external ones; then the
 * worker and the API (which also serves the web app) start, and Ctrl-C stops everything.
 */
import { taskQueuesOf } from '@reelrank/config';
import { createS3Client } from '@reelrank/storage';
import { applyMigrations } from '@reelrank/prisma';
import {
  assertPortFree,
  ensureBuckets,
  ensureDatabase,
  ensurePrivateDir,
  ManagedProcess,
  MINIO,
  NotReadyError,
  provisionTool,
  RestartBackoff,
  startMinio,
  startPostgres,
  startTemporal,
  TEMPORAL_CLI,
  watchParent,
} from '@reelrank/stack';
import { PIPELINE_RUNS, runStartOptions, searchAttributeRegistrations, type DependencyProbe, type RunWorkflow } from '@reelrank/workflows';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiEnvironment, appEnvironment, checkSettings } from './app-env';
import { buildServer, buildWebIfStale } from './build';
import { repoRoot, type LocalConfig } from './local-config';
import { seedCatalogIfEmpty } from './seed';

const log = (line: string) => console.log(line);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** A process the stack restarts when it exits on its own: `start` spawns it and resolves once it is ready. */
interface Supervised {
  name: string;
  start: () => Promise<{ process: ManagedProcess }>;
  process: ManagedProcess;
  readyAt: number;
  backoff: RestartBackoff;
}

class LocalStack {
  private readonly supervised: Supervised[] = [];
  private stopping: Promise<never> | undefined;
  /** Aborts the waits before restarts when the stack stops. */
  private readonly stopped = new AbortController();

  get isShuttingDown(): boolean {
    return this.stopping !== undefined;
  }

  /**
   * Starts a process (`start` resolves once it is ready) and restarts it with backoff whenever it exits on its own;
   * if it keeps crashing, the whole stack stops with its log tail.
   */
  async supervise<Started extends { process: ManagedProcess }>(name: string, start: () => Promise<Started>): Promise<Started> {
    const started = await start();
    const entry: Supervised = { name, start, process: started.process, readyAt: Date.now(), backoff: new RestartBackoff() };
    this.supervised.push(entry);
    void this.keepRunning(entry);
    return started;
  }

  private async keepRunning(entry: Supervised): Promise<void> {
    for (;;) {
      await entry.process.waitForExit();
      if (this.stopping || entry.process.isStopping) return;
      let crash = `${entry.name} exited (${entry.process.exitReason})`;
      for (;;) {
        const restart = entry.backoff.afterCrash(Date.now() - entry.readyAt);
        if (!restart) {
          console.error(
            `\n${crash}: ${entry.backoff.crashesInARow} crashes in a row, each within a minute of starting; stopping everything. ` +
              `Last lines of ${entry.process.options.logFile}:\n${entry.process.logTail()}`,
          );
          void this.shutdown(1);
          return;
        }
        log(`${crash}; restarting in ${restart.delayMs / 1000} s (restart ${restart.restart})`);
        try {
          await sleep(restart.delayMs, undefined, { signal: this.stopped.signal });
        } catch {
          return;
        }
        try {
          entry.process = (await entry.start()).process;
          entry.readyAt = Date.now();
          log(`${entry.name} is back (restart ${restart.restart})`);
          break;
        } catch (error) {
          if (this.stopping) return;
          entry.readyAt = Date.now();
          const why =
            error instanceof NotReadyError ? error.summary : (error instanceof Error ? error.message : String(error)).split('\n')[0];
          crash = `${entry.name} did not come back (${why})`;
        }
      }
    }
  }

  /** Stops every process, apps first, then the services they use; a second call waits for the first. */
  shutdown(exitCode: number): Promise<never> {
    this.stopping ??= this.stopAll().then(() => process.exit(exitCode));
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    this.stopped.abort();
    // The supervised ones in reverse start order, then any still starting (a restart under way, a failed start).
    const ordered = new Set([...this.supervised.map((entry) => entry.process).reverse(), ...ManagedProcess.running().reverse()]);
    const live = [...ordered].filter((process) => !process.hasExited);
    if (live.length) log('\nStopping...');
    for (const process of live) {
      await process.stop();
      log(`  stopped ${process.name}`);
    }
    // Started while the others stopped (a restart that was under way).
    for (const process of ManagedProcess.running()) await process.stop();
  }
}

const stack = new LocalStack();

async function main(): Promise<void> {
  const startedAt = Date.now();
  // The AWS SDK announces on every client that future versions need Node 22: noise in this one's output and the apps' logs.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { config, problems } = checkSettings();
  if (!config || problems.length) {
    console.error(`npm start: nothing was started; fix these settings first (README.md › Configuration):`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  stopOnSignalOrParentExit();

  await checkPorts(config);
  // Data, logs and secrets are readable by their owner only (the services also create theirs so: see ManagedProcess).
  ensurePrivateDir(config.DATA_DIR);
  const logs = join(config.DATA_DIR, 'logs');
  keepPreviousLogsAside(logs);
  const toolsReady = provisionTools(config);
  const built = buildServer().then(() => log(`build: server apps up to date (${seconds(startedAt)})`));
  const webBuilt = config.SKIP_WEB ? Promise.resolve() : buildWebIfStale(log);

  const { temporalBinary, minioBinary } = await toolsReady;
  const [databaseUrl, temporalAddress, s3Endpoint] = await Promise.all([
    config.DATABASE_URL ?? startEmbeddedPostgres(config, stack, logs),
    config.TEMPORAL_ADDRESS ??
      stack
        .supervise('temporal', () =>
          // A restart keeps the history in dbFile.
          startTemporal({
            binary: temporalBinary!,
            port: config.TEMPORAL_PORT,
            uiPort: config.TEMPORAL_UI_PORT,
            dbFile: join(config.DATA_DIR, 'temporal', 'temporal.sqlite'),
            namespace: 'default',
            searchAttributes: searchAttributeRegistrations(),
            logFile: join(logs, 'temporal.log'),
          }),
        )
        .then((temporal) => temporal.address),
    config.S3_ENDPOINT ??
      stack
        .supervise('minio', () =>
          startMinio({
            binary: minioBinary!,
            port: config.MINIO_PORT,
            consolePort: config.MINIO_CONSOLE_PORT,
            dataDir: join(config.DATA_DIR, 'minio'),
            accessKey: config.S3_ACCESS_KEY_ID,
            secretKey: config.S3_SECRET_ACCESS_KEY,
            logFile: join(logs, 'minio.log'),
          }),
        )
        .then((minio) => minio.endpoint),
  ]);
  log(`services: PostgreSQL, Temporal and MinIO up (${seconds(startedAt)})`);

  const appEnv = appEnvironment(
    config,
    { databaseUrl, temporalAddress, s3Endpoint },
    process.env.JWT_SECRET ?? localSecret(join(config.DATA_DIR, 'secrets', 'jwt-secret')),
  );
  const s3 = createS3Client({
    S3_ENDPOINT: s3Endpoint,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: config.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: config.S3_SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: true,
  });
  await ensureBuckets(s3, [config.S3_BUCKET]);
  const { applied } = await applyMigrations(databaseUrl);
  log(`database: ${applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date'}`);

  const apiUrl = `http://localhost:${config.API_PORT}`;
  const taskQueues = taskQueuesOf(config);
  const startApp = async (name: 'api' | 'worker', env: NodeJS.ProcessEnv, isReady: (app: ManagedProcess) => Promise<boolean>) => {
    const app = new ManagedProcess({
      name,
      command: process.execPath,
      args: [join(repoRoot, name, 'dist', 'main.js')],
      env,
      logFile: join(logs, `${name}.log`),
      cwd: repoRoot,
    });
    await app.waitUntilReady(() => isReady(app), name === 'api' ? 60_000 : 90_000);
    return { process: app };
  };
  await Promise.all([
    built.then(() =>
      stack.supervise('worker', () => startApp('worker', appEnv, (worker) => isPolling(temporalAddress, taskQueues.main, worker))),
    ),
    Promise.all([built, webBuilt]).then(() =>
      stack.supervise('api', () => startApp('api', apiEnvironment(config, appEnv), () => isHealthy(apiUrl))),
    ),
  ]);

  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const down = await unreachableDependencies(client, taskQueues);
  if (down.length) throw new Error(`The worker cannot reach: ${describeDown(down)}`);
  if (!config.SKIP_SEED) {
    await seedCatalogIfEmpty({
      databaseUrl,
      s3,
      bucket: config.S3_BUCKET,
      temporal: client,
      taskQueues,
      dataDir: config.DATA_DIR,
      movieLensDir: config.MOVIELENS_DIR,
      log,
    });
  }
  await connection.close();

  log(`\nReelrank is running (started in ${seconds(startedAt)}). Ctrl-C stops everything; data stays in ${config.DATA_DIR}.`);
  log(`  Web app          ${config.SKIP_WEB ? '(skipped: SKIP_WEB=true)' : `${apiUrl}/`}`);
  log(`  GraphQL          ${apiUrl}/graphql`);
  log(`  Metrics          ${apiUrl}/metrics (API), http://localhost:${config.WORKER_METRICS_PORT}/metrics (worker)`);
  log(`  Temporal UI      ${config.TEMPORAL_ADDRESS ? appEnv.TEMPORAL_UI_URL : `http://localhost:${config.TEMPORAL_UI_PORT}`}`);
  log(
    `  MinIO console    ${config.S3_ENDPOINT ? '(external S3)' : `http://localhost:${config.MINIO_CONSOLE_PORT}  (user ${config.S3_ACCESS_KEY_ID})`}`,
  );
  log(`  PostgreSQL       ${redact(databaseUrl)}`);
  log(`  Logs             ${logs}`);
}

async function startEmbeddedPostgres(config: LocalConfig, stack: LocalStack, logs: string): Promise<string> {
  // A restart recovers from the write-ahead log in dataDir.
  const postgres = await stack.supervise('postgres', () =>
    startPostgres({
      port: config.POSTGRES_PORT,
      dataDir: join(config.DATA_DIR, 'postgres'),
      logFile: join(logs, 'postgres.log'),
      user: config.POSTGRES_USER,
      password: config.POSTGRES_PASSWORD,
    }),
  );
  await ensureDatabase(postgres.adminUrl, config.POSTGRES_DB);
  return postgres.urlFor(config.POSTGRES_DB);
}

/**
 * SIGINT, SIGTERM or SIGHUP, to this process or to npm (which relays them: `npm start` execs this process), stop
 * everything, and so does the parent (npm) dying, even by SIGKILL.
 */
function stopOnSignalOrParentExit(): void {
  // `on`, not `once`: Ctrl-C reaches us both from the terminal and relayed by npm.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stack.shutdown(0));
  watchParent(() => {
    // Our output may have gone with the parent (a closed terminal): nothing to tell, only to stop.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    log(`\nThe parent process (pid ${process.ppid}, npm) is gone.`);
    void stack.shutdown(1);
  });
}

async function checkPorts(config: LocalConfig): Promise<void> {
  const wanted: [number, string, string][] = [
    [config.API_PORT, 'API and web app', 'API_PORT'],
    [config.WORKER_METRICS_PORT, 'worker metrics', 'WORKER_METRICS_PORT'],
  ];
  if (!config.DATABASE_URL) wanted.push([config.POSTGRES_PORT, 'PostgreSQL', 'POSTGRES_PORT']);
  if (!config.TEMPORAL_ADDRESS) {
    wanted.push([config.TEMPORAL_PORT, 'Temporal', 'TEMPORAL_PORT'], [config.TEMPORAL_UI_PORT, 'Temporal UI', 'TEMPORAL_UI_PORT']);
  }
  if (!config.S3_ENDPOINT) {
    wanted.push([config.MINIO_PORT, 'MinIO', 'MINIO_PORT'], [config.MINIO_CONSOLE_PORT, 'MinIO console', 'MINIO_CONSOLE_PORT']);
  }
  for (const [port, owner, variable] of wanted) await assertPortFree(port, owner, variable);
}

async function provisionTools(config: LocalConfig): Promise<{ temporalBinary?: string; minioBinary?: string }> {
  const options = { toolsDir: config.TOOLS_DIR, log };
  const [temporalBinary, minioBinary] = await Promise.all([
    config.TEMPORAL_ADDRESS ? undefined : provisionTool(TEMPORAL_CLI, { ...options, releaseBaseUrl: config.TEMPORAL_CLI_RELEASE_URL }),
    config.S3_ENDPOINT ? undefined : provisionTool(MINIO, { ...options, releaseBaseUrl: config.MINIO_RELEASE_URL }),
  ]);
  return { temporalBinary, minioBinary };
}

async function isHealthy(apiUrl: string): Promise<boolean> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ health { ok } }' }),
  });
  const body = (await response.json()) as { data?: { health?: { ok: boolean } } };
  return body.data?.health?.ok === true;
}

/** System checks before `npm start` gives up on a dependency the worker cannot reach, and the pause between them. */
const SYSTEM_CHECK_ATTEMPTS = 3;
const SYSTEM_CHECK_PAUSE_MS = 10_000;

/**
 * The dependencies the worker cannot reach (systemCheckWorkflow), asked again while any is down: a failed start
 * stops the worker, and with it any retrain activity it resumed (costing that activity an attempt), so a
 * moment's trouble must not fail it.
 */
async function unreachableDependencies(client: Client, taskQueues: ReturnType<typeof taskQueuesOf>): Promise<DependencyProbe[]> {
  for (let attempt = 1; ; attempt++) {
    const check = await client.workflow.execute<RunWorkflow<'system-check'>>(PIPELINE_RUNS['system-check'].workflowType, {
      ...runStartOptions('system-check', taskQueues),
      workflowExecutionTimeout: '1 minute',
    });
    const down = check.dependencies.filter((dependency) => !dependency.up);
    if (!down.length || attempt === SYSTEM_CHECK_ATTEMPTS) return down;
    log(`system check: the worker cannot reach ${describeDown(down)}; checking again in ${SYSTEM_CHECK_PAUSE_MS / 1000} s`);
    await sleep(SYSTEM_CHECK_PAUSE_MS);
  }
}

const describeDown = (down: DependencyProbe[]) => down.map((d) => `${d.name} (${d.error})`).join(', ');

/**
 * Whether this worker process polls `taskQueue`: Temporal lists recent pollers for minutes after they stop, so a
 * restarted worker is known by its identity (the SDK's default, `pid@host`).
 */
async function isPolling(temporalAddress: string, taskQueue: string, worker: ManagedProcess): Promise<boolean> {
  const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: taskQueue },
      taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return (pollers ?? []).some((poller) => poller.identity?.startsWith(`${worker.child.pid}@`));
  } finally {
    await connection.close();
  }
}

/** Renames each log of the previous start to `<name>.1` (replacing the one before), so a log holds this start's lines only. */
function keepPreviousLogsAside(logs: string): void {
  if (!existsSync(logs)) return;
  for (const name of readdirSync(logs).filter((file) => file.endsWith('.log'))) renameSync(join(logs, name), join(logs, `${name}.1`));
}

/** A random secret generated on first start and kept (readable by the owner only) for later starts. */
function localSecret(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const redact = (url: string) => url.replace(/:\/\/([^:@]+):[^@]*@/, '://$1:***@');

main().catch((error: unknown) => {
  // A process that exited on its own has been reported, with its log tail, and is stopping the stack already.
  if (stack.isShuttingDown) return;
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  void stack.shutdown(1);
});
