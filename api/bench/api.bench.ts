// `npm run bench:api [-- --duration 20] [--max-duration 10] [--warmup 5] [--connections 10] [--scenarios recommendations,movies,rate,attack] [--keep]
//                      [--url http://127.0.0.1:3000 --database-url postgresql://… [--stack-pid <pid of npm start>], JWT_SECRET in the env]`
//
// Load test of the GraphQL API with autocannon, each figure next to a bare Node `http` + `pg` server
// (bare-server.ts) that answers the same requests with the same rows in the same JSON shape (checked
// before the runs): the practical limit of serving that data from this PostgreSQL on this machine.
//
// Without --url it brings up the whole product itself: `deploy/local/start.ts` in a temp DATA_DIR on free
// ports, NODE_ENV=production (as deployed), SKIP_WEB, ml-latest-small from MOVIELENS_DIR, engagement retrains
// off (the bench's ratings must not start trainings), then waits for the seed pipeline (import, then retrain)
// to promote a model. Access tokens are signed with the JWT_SECRET the bench gives the API: every request
// is authenticated as a random one of the MovieLens users.
//
// Scenarios (the web app's own documents, see workload.ts):
//   recommendations  TopPicks: recommendations(first: 20) with movie cards (precomputed lists)
//   movies           MovieList: movies(first: 20) with totalCount and movie cards; searches (typos, tags),
//                    genres, year ranges, minimum ratings, every sort order
//   rate             RateMovie (a random movie, a random rating), then TopPicks for the same user on the same
//                    connection: the rating drops the user's cached state, so the list is refreshed by fold-in
//                    (checked: every refresh must come back as FOLD_IN)
//   attack           movies (MovieList) at 50 requests/s alone, then while 4 anonymous clients hammer the worst
//                    query the default limits allow (attack.ts; API only, p99 target 200 ms)
// Each scenario, against the API and then the bare server: a warm-up, a run at a fixed request rate
// (autocannon overallRate; targets are checked on it) and a max-throughput run. Latencies are every
// response's own time (no coordinated-omission correction), percentiles exact.
// Prints a table and a final JSON line; exits 1 when a target is missed (naming it) or a request failed.
import { CLOCK_TICKS, descendantPids, getFreePort, processCommand, processStat } from '@reelrank/stack';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ATTACK, ATTACK_CANDIDATES, type AttackCandidate } from './attack';
import { signAccessToken } from './jwt';
import { MOVIE_LIST, movieListVariants, random, RATE_MOVIE, RATING_VALUES, TOP_PICKS, type MovieListVariables } from './workload';

const repoRoot = resolve(__dirname, '..', '..');
const log = (line: string) => console.error(`bench: ${line}`);

type ScenarioName = 'recommendations' | 'movies' | 'rate';
type Target = 'api' | 'bare';
type Kind = 'recommendations' | 'movies' | 'rate' | 'refresh';

/** Targets of the issue: p99 at a fixed rate (the rate is itself a target for the read scenarios). */
const TARGETS: Record<ScenarioName, { rate: number; p99Ms: number; kinds: Kind[] }> = {
  recommendations: { rate: 500, p99Ms: 50, kinds: ['recommendations'] },
  movies: { rate: 300, p99Ms: 100, kinds: ['movies'] },
  // 50 ratings/s, each followed by its fold-in refresh: 100 requests/s.
  rate: { rate: 100, p99Ms: 100, kinds: ['rate', 'refresh'] },
};

interface Latencies {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

interface RunFigures {
  connections: number;
  overallRate: number | null;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  firstError?: string;
  latency: Record<string, Latencies>;
  /** rate scenario: RateMovie + its refresh, end to end (ms). */
  pair?: Latencies;
  sources: Record<string, number>;
  load: LoadFigures;
}

interface LoadFigures {
  /** 1-minute load average when the run started. */
  loadAverage: number;
  /** Busy share of all CPUs of the machine during the run (1 = every core busy). */
  machineBusy: number;
  /** CPU of the server process (API or bare server), in cores. */
  serverCores: number | null;
  /** CPU of the stack's PostgreSQL processes, in cores. */
  postgresCores: number | null;
  /** CPU of this process (autocannon), in cores. */
  benchCores: number;
  /** CPU time per response of the server process and of PostgreSQL (ms): the cost of a request, whatever else runs. */
  serverCpuMsPerRequest: number | null;
  postgresCpuMsPerRequest: number | null;
}

interface ScenarioResult {
  scenario: ScenarioName;
  target: { rate: number; p99Ms: number };
  api: { fixed: RunFigures; max: RunFigures };
  bare: { fixed: RunFigures; max: RunFigures };
}

interface Stack {
  apiUrl: string;
  databaseUrl: string;
  jwtSecret: string;
  /** The process tree whose CPU is measured (start.ts, when the bench started the stack). */
  rootPid?: number;
  stop(): Promise<void>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'database-url': { type: 'string' },
      'stack-pid': { type: 'string' },
      duration: { type: 'string', default: '20' },
      'max-duration': { type: 'string', default: '10' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      scenarios: { type: 'string', default: 'recommendations,movies,rate,attack' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const seconds = (name: 'duration' | 'max-duration' | 'warmup') => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of seconds`);
    return value;
  };
  const duration = seconds('duration');
  const maxDuration = seconds('max-duration');
  const warmup = seconds('warmup');
  const connections = Number(values.connections);
  if (!Number.isInteger(connections) || connections < 1) throw new Error('--connections must be a positive integer');
  const requested = values.scenarios!.split(',');
  for (const scenario of requested) if (!(scenario in TARGETS) && scenario !== 'attack') throw new Error(`unknown scenario ${scenario}`);
  const scenarios = requested.filter((scenario): scenario is ScenarioName => scenario in TARGETS);

  const stack = values.url ? externalStack(values.url, values['database-url'], values['stack-pid']) : await startStack(values.keep);
  let bare: ChildProcess | undefined;
  const results: ScenarioResult[] = [];
  let attack: AttackResult | undefined;
  const failures: string[] = [];
  try {
    await waitForModel(stack.databaseUrl);
    const data = await workloadData(stack.databaseUrl);
    log(
      `${data.users.length} users, ${data.movies.length} rated movies, ${data.genres.length} genres, ${data.variants.length} catalog requests`,
    );
    const bareServer = await startBareServer(stack.databaseUrl, stack.jwtSecret);
    bare = bareServer.process;
    const tokens = new Map(data.users.map((id) => [id, signAccessToken(stack.jwtSecret, id)]));
    const targets: Record<Target, Endpoint> = {
      api: { kind: 'api', url: stack.apiUrl, tokens },
      bare: { kind: 'bare', url: bareServer.url, tokens },
    };
    await checkSameData(targets, data, failures);
    const pids = {
      api: () =>
        stack.rootPid ? descendantPids(stack.rootPid).filter((pid) => processCommand(pid).includes(join('api', 'dist', 'main.js'))) : [],
      bare: () => [bareServer.process.pid!, ...descendantPids(bareServer.process.pid!)],
      postgres: () => (stack.rootPid ? descendantPids(stack.rootPid).filter((pid) => /postgres/.test(processCommand(pid))) : []),
    };

    for (const scenario of scenarios) {
      const target = TARGETS[scenario];
      const result = { scenario, target: { rate: target.rate, p99Ms: target.p99Ms } } as ScenarioResult;
      for (const which of ['api', 'bare'] as const) {
        const endpoint = targets[which];
        const requests = () => scenarioRequests(scenario, endpoint, data);
        const measure = { server: () => pidsCpu(which === 'api' ? pids.api() : pids.bare()), postgres: () => pidsCpu(pids.postgres()) };
        if (warmup > 0) {
          log(`${scenario} ${which}: warm-up ${warmup} s at ${target.rate} requests/s`);
          await run({ url: endpoint.url, requests: requests(), connections, overallRate: target.rate, duration: warmup, measure });
        }
        log(
          `${scenario} ${which}: ${duration} s at ${target.rate} requests/s, ${connections} connections (load ${loadavg()[0].toFixed(2)})`,
        );
        const fixed = await run({ url: endpoint.url, requests: requests(), connections, overallRate: target.rate, duration, measure });
        log(`${scenario} ${which}: ${summary(fixed)}`);
        log(`${scenario} ${which}: max throughput, ${maxDuration} s, ${connections} connections`);
        const max = await run({ url: endpoint.url, requests: requests(), connections, duration: maxDuration, measure });
        log(`${scenario} ${which}: ${summary(max)}`);
        result[which] = { fixed, max };
      }
      results.push(result);
      checkTargets(result, failures);
    }
    if (requested.includes('attack')) {
      attack = await runAttack(
        targets.api,
        data,
        { duration, warmup, connections },
        { server: () => pidsCpu(pids.api()), postgres: () => pidsCpu(pids.postgres()) },
      );
      checkAttack(attack, failures);
    }
  } finally {
    bare?.kill('SIGTERM');
    await stack.stop();
  }

  printTable(results, connections);
  if (attack) printAttack(attack);
  for (const failure of failures) console.log(`MISSED: ${failure}`);
  console.log(
    JSON.stringify({
      bench: 'api',
      cpus: cpus().length,
      node: process.version,
      settings: { duration, maxDuration, warmup, connections },
      targets: Object.fromEntries(scenarios.map((s) => [s, { requestsPerSecond: TARGETS[s].rate, p99Ms: TARGETS[s].p99Ms }])),
      results,
      ...(attack ? { attack } : {}),
      missed: failures,
    }),
  );
  process.exitCode = failures.length ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// The stack

function externalStack(apiUrl: string, databaseUrl: string | undefined, stackPid: string | undefined): Stack {
  const jwtSecret = process.env.JWT_SECRET;
  if (!databaseUrl || !jwtSecret) throw new Error("--url needs --database-url and the API's JWT_SECRET in the environment");
  log(
    `using the running stack at ${apiUrl} (it must run with MUTATION_RATE_LIMIT high enough for the rate scenario, and TRUST_PROXY=true for the attack scenario)`,
  );
  return {
    apiUrl: apiUrl.replace(/\/$/, ''),
    databaseUrl,
    jwtSecret,
    rootPid: stackPid ? Number(stackPid) : undefined,
    stop: async () => undefined,
  };
}

/** `deploy/local/start.ts` in a temp DATA_DIR on free ports, production mode; resolves once it says it is running. */
async function startStack(keep: boolean): Promise<Stack> {
  const workDir = mkdtempSync(join(tmpdir(), 'reelrank-api-bench-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory inside.
  chmodSync(workDir, 0o755);
  const ports = await freePorts(7);
  const [postgresPort, temporalPort, temporalUiPort, minioPort, minioConsolePort, apiPort, workerMetricsPort] = ports;
  const jwtSecret = randomBytes(48).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: join(workDir, 'data'),
    POSTGRES_PORT: String(postgresPort),
    POSTGRES_USER: 'reelrank',
    POSTGRES_PASSWORD: 'reelrank-bench',
    POSTGRES_DB: 'reelrank',
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(temporalUiPort),
    MINIO_PORT: String(minioPort),
    MINIO_CONSOLE_PORT: String(minioConsolePort),
    API_PORT: String(apiPort),
    WORKER_METRICS_PORT: String(workerMetricsPort),
    SKIP_WEB: 'true',
    MOVIELENS_DIR: process.env.MOVIELENS_DIR ?? resolve(repoRoot, '..', 'shared', 'datasets', 'ml-latest-small'),
    JWT_SECRET: jwtSecret,
    RETRAIN_ENGAGEMENT_ENABLED: 'false',
    RETRAIN_SCHEDULE_ENABLED: 'false',
    // The rate scenario rates far more often than a person: the per-user limit (still checked) must not refuse it.
    MUTATION_RATE_LIMIT: '1000000',
    // The attack scenario's clients come from their own IPs, given as X-Forwarded-For (as behind nginx).
    TRUST_PROXY: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'SKIP_SEED']) delete env[name];
  const logFile = join(workDir, 'start.log');
  log(`starting the stack in ${workDir} (API on ${apiPort}, PostgreSQL on ${postgresPort}; log ${logFile})`);
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(repoRoot, 'deploy', 'local', 'start.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(logFile);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => ((output += chunk), out.write(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => out.write(chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null) {
      log('stopping the stack');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }
    out.end();
    if (!keep) rmSync(workDir, { recursive: true, force: true });
    else log(`kept ${workDir}`);
  };
  const started = Date.now();
  const running = await Promise.race([
    (async () => {
      while (!output.includes('Reelrank is running')) await sleep(250);
      return true;
    })(),
    exited.then(() => false),
  ]);
  if (!running) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
    await stop();
    throw new Error(`the stack did not start:\n${tail}`);
  }
  log(`stack running after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    databaseUrl: `postgresql://reelrank:reelrank-bench@127.0.0.1:${postgresPort}/reelrank`,
    jwtSecret,
    rootPid: child.pid,
    stop,
  };
}

async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await getFreePort());
  return [...ports];
}

/** Waits until a model is active and its precomputed lists are published (the seed pipeline's retrain). */
async function waitForModel(databaseUrl: string, timeoutMs = 45 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = 0;
  for (;;) {
    const [row] = await query<{ version: string | null; lists: number; training: string | null }>(
      databaseUrl,
      `SELECT (SELECT version FROM active_model WHERE id = 1) AS version,
              (SELECT count(DISTINCT user_id)::int FROM user_recommendations WHERE model_version = (SELECT version FROM active_model WHERE id = 1)) AS lists,
              (SELECT string_agg(version || ' ' || status, ', ') FROM model_versions) AS training`,
    );
    if (row.version && row.lists > 0) {
      log(`active model ${row.version} with precomputed lists for ${row.lists} users`);
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`no active model after ${timeoutMs / 60_000} minutes (${row.training ?? 'no model version'})`);
    if (Date.now() - lastLog > 30_000) {
      log(`waiting for the seed pipeline to promote a model (${row.training ?? 'no model version yet'})`);
      lastLog = Date.now();
    }
    await sleep(2000);
  }
}

interface WorkloadData {
  users: number[];
  movies: number[];
  genres: string[];
  variants: MovieListVariables[];
}

async function workloadData(databaseUrl: string): Promise<WorkloadData> {
  const users = await query<{ id: number }>(databaseUrl, `SELECT id FROM users WHERE source = 'MOVIELENS' ORDER BY id`);
  const movies = await query<{ id: number }>(
    databaseUrl,
    `SELECT movie_id AS id FROM movie_rating_stats WHERE rating_count > 0 ORDER BY 1`,
  );
  const genres = await query<{ name: string }>(
    databaseUrl,
    `SELECT g.name FROM genres g WHERE EXISTS (SELECT 1 FROM movie_genres mg WHERE mg.genre_id = g.id) AND g.name <> '(no genres listed)' ORDER BY 1`,
  );
  if (!users.length || !movies.length || !genres.length) throw new Error('the catalog is empty');
  const genreNames = genres.map((g) => g.name);
  return {
    users: users.map((u) => u.id),
    movies: movies.map((m) => m.id),
    genres: genreNames,
    variants: movieListVariants(genreNames, 400),
  };
}

async function startBareServer(databaseUrl: string, jwtSecret: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await getFreePort();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'bare-server.ts')], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('listening')) ready();
    });
    child.once('exit', (code) => fail(new Error(`the bare server exited with ${code}`)));
  });
  log(`bare server on ${port}`);
  return { url: `http://127.0.0.1:${port}`, process: child };
}

// ---------------------------------------------------------------------------------------------------------
// Requests

interface Endpoint {
  kind: Target;
  url: string;
  tokens: Map<number, string>;
}

const GRAPHQL: Record<Kind, { document: string; route: string }> = {
  recommendations: { document: TOP_PICKS, route: '/recommendations' },
  movies: { document: MOVIE_LIST, route: '/movies' },
  rate: { document: RATE_MOVIE, route: '/rate' },
  refresh: { document: TOP_PICKS, route: '/refresh' },
};

/** One request of `kind` to `endpoint`: GraphQL for the API, the bare server's route with the same variables. */
function requestOf(endpoint: Endpoint, kind: Kind, userId: number, variables: object): autocannon.Request {
  const { document, route } = GRAPHQL[kind];
  return {
    method: 'POST',
    path: endpoint.kind === 'api' ? '/graphql' : route,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.tokens.get(userId)}` },
    body: JSON.stringify(endpoint.kind === 'api' ? { query: document, variables } : { variables }),
  };
}

/** Set by each response's onResponse just before autocannon reports its latency (same tick). */
let lastResponse: { kind: Kind; ok: boolean; source?: string; error?: string; context: Record<string, unknown> } | undefined;

function checked(kind: Kind) {
  return (status: number, body: string, context: Record<string, unknown>) => {
    let ok = status === 200 && !body.includes('"errors"');
    const source = /"source":"(\w+)"/.exec(body)?.[1];
    // A refresh must be a fold-in: otherwise the scenario would not measure what it claims.
    if (ok && kind === 'refresh' && context.target === 'api' && source !== 'FOLD_IN') ok = false;
    lastResponse = { kind, ok, source, error: ok ? undefined : `${kind} HTTP ${status}: ${body.slice(0, 300)}`, context };
  };
}

function scenarioRequests(scenario: ScenarioName, endpoint: Endpoint, data: WorkloadData): autocannon.Request[] {
  const next = random(Math.floor(Math.random() * 2 ** 31));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const setup = (kind: Kind, variables: (context: Record<string, unknown>) => { userId: number; variables: object }) => ({
    setupRequest: (_request: autocannon.Request, context: Record<string, unknown>) => {
      const chosen = variables(context);
      context.target = endpoint.kind;
      return requestOf(endpoint, kind, chosen.userId, chosen.variables);
    },
    onResponse: checked(kind),
  });
  switch (scenario) {
    case 'recommendations':
      return [setup('recommendations', () => ({ userId: pick(data.users), variables: { first: 20 } }))];
    case 'movies':
      return [setup('movies', () => ({ userId: pick(data.users), variables: pick(data.variants) }))];
    case 'rate':
      return [
        setup('rate', (context) => {
          const userId = pick(data.users);
          context.userId = userId;
          return { userId, variables: { movieId: pick(data.movies), rating: pick(RATING_VALUES) } };
        }),
        setup('refresh', (context) => ({ userId: context.userId as number, variables: { first: 20 } })),
      ];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Runs

async function run(options: {
  url: string;
  requests: autocannon.Request[];
  connections: number;
  overallRate?: number;
  duration: number;
  measure: { server: () => number | null; postgres: () => number | null };
}): Promise<RunFigures> {
  const latencies = new Map<Kind, number[]>();
  const pairs: number[] = [];
  const sources: Record<string, number> = {};
  let errors = 0;
  let firstError: string | undefined;
  const startLoad = loadavg()[0];
  const machineBefore = machineCpu();
  const serverBefore = options.measure.server();
  const postgresBefore = options.measure.postgres();
  const benchBefore = process.cpuUsage();
  const started = performance.now();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    overallRate: options.overallRate,
    ...(options.overallRate ? { ignoreCoordinatedOmission: true } : {}),
    timeout: 10,
    requests: options.requests,
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    const response = lastResponse;
    lastResponse = undefined;
    if (!response) return;
    if (!response.ok) {
      errors++;
      firstError ??= response.error;
      return;
    }
    if (response.source) sources[`${response.kind}:${response.source}`] = (sources[`${response.kind}:${response.source}`] ?? 0) + 1;
    let list = latencies.get(response.kind);
    if (!list) latencies.set(response.kind, (list = []));
    list.push(responseTime);
    if (response.kind === 'rate') response.context.rateMs = responseTime;
    if (response.kind === 'refresh' && typeof response.context.rateMs === 'number') pairs.push(response.context.rateMs + responseTime);
  });
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const machineAfter = machineCpu();
  const serverAfter = options.measure.server();
  const postgresAfter = options.measure.postgres();
  const bench = process.cpuUsage(benchBefore);
  errors += result.errors + result.timeouts;
  if (result.errors || result.timeouts) firstError ??= `${result.errors} connection errors, ${result.timeouts} timeouts`;
  const requests = [...latencies.values()].reduce((sum, list) => sum + list.length, 0);
  const ticks = (before: number | null, after: number | null) =>
    before === null || after === null ? null : round((after - before) / CLOCK_TICKS / elapsed);
  const perRequest = (before: number | null, after: number | null) =>
    before === null || after === null || !requests ? null : round(((after - before) / CLOCK_TICKS / requests) * 1000);
  return {
    connections: options.connections,
    overallRate: options.overallRate ?? null,
    seconds: round(elapsed),
    requests,
    requestsPerSecond: Math.round(requests / result.duration),
    errors,
    ...(firstError ? { firstError } : {}),
    latency: Object.fromEntries([...latencies].map(([kind, list]) => [kind, stats(list)])),
    ...(pairs.length ? { pair: stats(pairs) } : {}),
    sources,
    load: {
      loadAverage: round(startLoad),
      machineBusy: round(1 - (machineAfter.idle - machineBefore.idle) / (machineAfter.total - machineBefore.total)),
      serverCores: ticks(serverBefore, serverAfter),
      postgresCores: ticks(postgresBefore, postgresAfter),
      benchCores: round((bench.user + bench.system) / 1e6 / elapsed),
      serverCpuMsPerRequest: perRequest(serverBefore, serverAfter),
      postgresCpuMsPerRequest: perRequest(postgresBefore, postgresAfter),
    },
  };
}

function stats(values: number[]): Latencies {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
  };
}

function summary(figures: RunFigures): string {
  const kinds = Object.entries(figures.latency)
    .map(([kind, l]) => `${kind} p50 ${l.p50} p99 ${l.p99} max ${l.max} ms`)
    .join('; ');
  const { load } = figures;
  return (
    `${figures.requestsPerSecond} req/s, ${kinds}${figures.pair ? `; pair p99 ${figures.pair.p99} ms` : ''}, ${figures.errors} errors` +
    `${figures.firstError ? ` (${figures.firstError})` : ''}; CPU: machine ${Math.round(load.machineBusy * 100)}%, server ${load.serverCores ?? '?'}, ` +
    `postgres ${load.postgresCores ?? '?'}, bench ${load.benchCores} cores; CPU per request: server ${load.serverCpuMsPerRequest ?? '?'} ms, ` +
    `postgres ${load.postgresCpuMsPerRequest ?? '?'} ms; sources ${JSON.stringify(figures.sources)}`
  );
}

function checkTargets(result: ScenarioResult, failures: string[]): void {
  const { scenario, target } = result;
  const fixed = result.api.fixed;
  for (const which of ['api', 'bare'] as const) {
    for (const run of [result[which].fixed, result[which].max]) {
      if (run.errors) failures.push(`${scenario} (${which}): ${run.errors} failed requests, first: ${run.firstError}`);
    }
  }
  // The fixed-rate run must have delivered the rate (2% slack for autocannon's start and end).
  if (fixed.requestsPerSecond < target.rate * 0.98) {
    failures.push(`${scenario}: ${fixed.requestsPerSecond} requests/s delivered, target ${target.rate}`);
  }
  for (const kind of TARGETS[scenario].kinds) {
    const p99 = fixed.latency[kind]?.p99;
    if (p99 === undefined || p99 > target.p99Ms) {
      failures.push(`${scenario}: ${kind} p99 ${p99 ?? 'n/a'} ms at ${target.rate} requests/s, target ≤ ${target.p99Ms} ms`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Same data from both servers

/** The bare server must answer with the very data the API does, or the ratios mean nothing. */
async function checkSameData(targets: Record<Target, Endpoint>, data: WorkloadData, failures: string[]): Promise<void> {
  const post = async (endpoint: Endpoint, kind: Kind, userId: number, variables: object) => {
    const request = requestOf(endpoint, kind, userId, variables);
    const response = await fetch(`${endpoint.url}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body as string,
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  const compare = async (label: string, kind: Kind, userId: number, variables: object) => {
    const [api, bare] = await Promise.all([post(targets.api, kind, userId, variables), post(targets.bare, kind, userId, variables)]);
    if (api.errors || bare.errors || JSON.stringify(api.data) !== JSON.stringify(bare.data)) {
      failures.push(`${label}: the bare server's data differs from the API's (${firstDifference(api, bare)})`);
    }
  };
  const users = data.users.filter((_, i) => i % Math.ceil(data.users.length / 8) === 0);
  for (const userId of users) await compare(`recommendations of user ${userId}`, 'recommendations', userId, { first: 20 });
  // One user would ask faster than the per-user query limit allows.
  for (const [i, variables] of data.variants.slice(0, 40).entries()) {
    await compare(`movies ${JSON.stringify(variables)}`, 'movies', users[i % users.length], variables);
  }
  log(
    `checked ${users.length} recommendation lists and 40 catalog pages: ${failures.length ? `${failures.length} differ` : 'same data from both servers'}`,
  );
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return 'none';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (JSON.stringify(x) !== JSON.stringify(y)) return firstDifference(x, y, `${path}.${key}`);
    }
  }
  return `${path || 'response'}: API ${JSON.stringify(a)?.slice(0, 200)} vs bare ${JSON.stringify(b)?.slice(0, 200)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Attack: the catalogue query alone, then under the worst query the limits allow

interface AttackResult {
  target: { p99Ms: number; rate: number };
  /** Each candidate's latency alone (median of 3, ms); the slowest is the attack. */
  candidates: Record<string, number>;
  worst: string;
  baseline: RunFigures;
  underAttack: RunFigures;
  attackers: { clients: number; connections: number; requestsPerSecond: number; throttledShare: number; errors: number };
}

async function runAttack(
  api: Endpoint,
  data: WorkloadData,
  settings: { duration: number; warmup: number; connections: number },
  measure: { server: () => number | null; postgres: () => number | null },
): Promise<AttackResult> {
  let addresses = 0;
  /** Every request of the check from a client IP of its own, so that the per-client query limit does not slow it. */
  const anonymous = async (query: string) => {
    const started = performance.now();
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.13.1.${++addresses % 250}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    return { ms: performance.now() - started, status: response.status, body };
  };
  const candidates: Record<string, number> = {};
  for (const candidate of ATTACK_CANDIDATES) {
    const rejected = await anonymous(candidate.oneMore);
    if (rejected.status !== 400)
      throw new Error(`${candidate.name}: one more copy than the attack was not rejected: ${JSON.stringify(rejected.body).slice(0, 300)}`);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { ms, status, body } = await anonymous(candidate.query);
      if (status !== 200 || body.errors)
        throw new Error(`${candidate.name}: the attack query failed: ${JSON.stringify(body).slice(0, 300)}`);
      times.push(ms);
    }
    candidates[candidate.name] = round(times.sort((a, b) => a - b)[1]);
    log(
      `attack: ${candidate.name} alone takes ${candidates[candidate.name]} ms (${rejected.body.errors?.[0]?.message ?? ''} with one copy more)`,
    );
  }
  const worst = ATTACK_CANDIDATES.reduce((a, b) => (candidates[b.name] > candidates[a.name] ? b : a));
  log(`attack: the worst query is ${worst.name}`);

  const catalogue = { url: api.url, connections: settings.connections, overallRate: ATTACK.rate, duration: settings.duration, measure };
  const requests = () => scenarioRequests('movies', api, data);
  if (settings.warmup > 0) await run({ ...catalogue, requests: requests(), duration: settings.warmup });
  log(`attack: baseline, movies alone, ${settings.duration} s at ${ATTACK.rate} requests/s`);
  const baseline = await run({ ...catalogue, requests: requests() });
  log(`attack: baseline: ${summary(baseline)}`);

  log(`attack: ${ATTACK.clients} anonymous clients × ${ATTACK.connectionsPerClient} connections send ${worst.name}`);
  const attackers = hammer(api.url, worst, settings.duration + settings.warmup + 5);
  await sleep(Math.max(settings.warmup, 2) * 1000);
  const underAttack = await run({ ...catalogue, requests: requests() });
  const attack = await attackers.stop();
  log(`attack: movies under attack: ${summary(underAttack)}`);
  log(`attack: attackers ${JSON.stringify(attack)}`);
  return { target: { p99Ms: ATTACK.p99Ms, rate: ATTACK.rate }, candidates, worst: worst.name, baseline, underAttack, attackers: attack };
}

/** ATTACK.clients anonymous clients, each from its own IP, sending `attack` back to back until stopped. */
function hammer(url: string, attack: AttackCandidate, maxSeconds: number) {
  let responses = 0;
  let throttled = 0;
  let errors = 0;
  const started = performance.now();
  const instances = Array.from({ length: ATTACK.clients }, (_, client) =>
    autocannon({
      url,
      connections: ATTACK.connectionsPerClient,
      duration: maxSeconds,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.13.0.${client + 1}` },
          body: JSON.stringify({ query: attack.query }),
          onResponse: (status, body) => {
            responses++;
            const limited = body.includes('TOO_MANY_REQUESTS');
            if (limited) throttled++;
            if (!limited && (status !== 200 || body.includes('"errors"'))) errors++;
          },
        },
      ],
    }),
  );
  return {
    async stop() {
      for (const instance of instances) instance.stop();
      const results = await Promise.all(instances);
      const seconds = (performance.now() - started) / 1000;
      errors += results.reduce((sum, result) => sum + result.errors + result.timeouts, 0);
      return {
        clients: ATTACK.clients,
        connections: ATTACK.clients * ATTACK.connectionsPerClient,
        requestsPerSecond: round(responses / seconds),
        throttledShare: round(throttled / Math.max(1, responses)),
        errors,
      };
    },
  };
}

function checkAttack(attack: AttackResult, failures: string[]): void {
  for (const [label, run] of [
    ['alone', attack.baseline],
    ['under attack', attack.underAttack],
  ] as const) {
    if (run.errors) failures.push(`attack: movies ${label}: ${run.errors} failed requests, first: ${run.firstError}`);
  }
  const p99 = attack.underAttack.latency.movies?.p99;
  if (p99 === undefined || p99 > attack.target.p99Ms) {
    failures.push(`attack: movies p99 ${p99 ?? 'n/a'} ms under attack (${attack.worst}), target ≤ ${attack.target.p99Ms} ms`);
  }
}

function printAttack(attack: AttackResult): void {
  const alone = attack.baseline.latency.movies;
  const attacked = attack.underAttack.latency.movies;
  const header = [
    'scenario',
    'request',
    'target',
    'p99 alone',
    'p99 attacked',
    'p50 attacked',
    'max attacked',
    'attack query',
    'attack req/s',
    'throttled',
    'load',
    'met',
  ];
  const row = [
    'attack',
    'movies',
    `p99 ≤ ${attack.target.p99Ms} ms @ ${attack.target.rate}/s`,
    `${alone?.p99 ?? '-'} ms`,
    `${attacked?.p99 ?? '-'} ms`,
    `${attacked?.p50 ?? '-'} ms`,
    `${attacked?.max ?? '-'} ms`,
    attack.worst,
    String(attack.attackers.requestsPerSecond),
    `${Math.round(attack.attackers.throttledShare * 100)}%`,
    attack.underAttack.load.loadAverage.toFixed(2),
    attacked && attacked.p99 <= attack.target.p99Ms && !attack.underAttack.errors && !attack.baseline.errors ? 'yes' : 'NO',
  ];
  const widths = header.map((h, i) => Math.max(h.length, row[i].length));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  console.log(line(row));
  console.log(
    [
      `attack = the catalogue query (MovieList, signed in, ${attack.target.rate} requests/s): alone, then while ${attack.attackers.clients} anonymous clients (${attack.attackers.connections} connections, one IP each)`,
      `send the worst query the default limits allow, the slowest alone of: ${Object.entries(attack.candidates)
        .map(([name, ms]) => `${name} ${ms} ms`)
        .join(', ')}.`,
      'throttled = attack requests refused by the per-client query limit (HTTP 429, TOO_MANY_REQUESTS).',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc)

function machineCpu(): { idle: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + (fields[4] ?? 0), total: fields.reduce((sum, value) => sum + value, 0) };
}

/**
 * CPU time (clock ticks) of these processes, with that of their children which exited (a PostgreSQL backend that
 * ends is counted in the postmaster's); null when there are none.
 */
function pidsCpu(pids: number[]): number | null {
  const stats = pids.map(processStat).filter((stat) => stat !== undefined);
  return stats.length ? stats.reduce((total, stat) => total + stat.cpuTicks + stat.exitedChildrenCpuTicks, 0) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Output

function printTable(results: ScenarioResult[], connections: number): void {
  const header = [
    'scenario',
    'request',
    'target',
    'API req/s',
    'API p50',
    'API p99',
    'bare p99',
    'p99 API/bare',
    'API max req/s',
    'bare max req/s',
    'max API/bare',
    'load',
    'met',
  ];
  const rows: string[][] = [];
  for (const result of results) {
    for (const kind of TARGETS[result.scenario].kinds) {
      const api = result.api.fixed.latency[kind];
      const bare = result.bare.fixed.latency[kind];
      const met =
        api &&
        api.p99 <= result.target.p99Ms &&
        result.api.fixed.requestsPerSecond >= result.target.rate * 0.98 &&
        !result.api.fixed.errors;
      rows.push([
        result.scenario,
        kind,
        `p99 ≤ ${result.target.p99Ms} ms @ ${result.target.rate}/s`,
        String(result.api.fixed.requestsPerSecond),
        `${api?.p50 ?? '-'} ms`,
        `${api?.p99 ?? '-'} ms`,
        `${bare?.p99 ?? '-'} ms`,
        api && bare ? `${(api.p99 / bare.p99).toFixed(1)}×` : '-',
        String(result.api.max.requestsPerSecond),
        String(result.bare.max.requestsPerSecond),
        `${Math.round((result.api.max.requestsPerSecond / result.bare.max.requestsPerSecond) * 100)}%`,
        result.api.fixed.load.loadAverage.toFixed(2),
        met ? 'yes' : 'NO',
      ]);
    }
    const pair = result.api.fixed.pair;
    const barePair = result.bare.fixed.pair;
    if (pair && barePair) {
      rows.push([
        result.scenario,
        'rate + refresh',
        '(end to end)',
        '',
        `${pair.p50} ms`,
        `${pair.p99} ms`,
        `${barePair.p99} ms`,
        `${(pair.p99 / barePair.p99).toFixed(1)}×`,
        '',
        '',
        '',
        '',
        '',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    [
      `Fixed-rate runs (autocannon overallRate, ${connections} connections): latency of every response, exact percentiles; targets are checked on them.`,
      'max = a run without a rate limit. bare = plain Node http + pg (api/bench/bare-server.ts) serving the same data (checked) with hand-written SQL.',
      'rate = RateMovie then TopPicks for the same user (a fold-in refresh); the rate figures count both requests. load = 1-minute load average at the start of the API run.',
    ].join('\n'),
  );
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

main().catch((error: unknown) => {
  console.error(`bench:api failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
