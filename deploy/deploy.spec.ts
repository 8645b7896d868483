/**
 * Checks the container deployment files without Docker: docker-compose.yml (structure, startup
 * order, health checks, pinned images, environment of the api and worker), deploy/docker/Dockerfile
 * (stages, copied paths, workspaces), deploy/k8s (manifests and the environment they give the apps)
 * and deploy/.env.example (every variable documented, with the defaults the code really uses).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { apiEnv, loadApiConfig } from '../api/src/config/api-config';
import { ApiMetrics } from '../api/src/observability/api-metrics';
import { securityHeaders } from '../api/src/security/security-headers';
import { loadWorkerConfig, workerEnv } from '../worker/src/config/worker-config';
import { TEMPORAL_SDK_METRICS } from '../worker/src/observability/temporal-runtime';
import { WorkerMetricsServer } from '../worker/src/observability/metrics-server';
import { WorkerHealth } from '../worker/src/observability/worker-health';
import { WorkerMetrics } from '../worker/src/observability/worker-metrics';
import { taskQueuesOf } from '../libs/config/src';
import { searchAttributeRegistrations } from '../workflows/src/search-attributes';
import { TASK_QUEUES } from '../workflows/src/task-queues';

const root = resolve(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

// ---- shared helpers ---------------------------------------------------------------------------

type Env = Record<string, string>;
type EnvShape = Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }>;

/** Variables the app requires: those whose schema rejects `undefined`. */
const requiredKeys = (shape: EnvShape) => Object.keys(shape).filter((key) => !shape[key].safeParse(undefined).success);

/** deploy/.env.example: every documented variable (commented or not) and the uncommented assignments. */
function readEnvExample() {
  const documented = new Map<string, string>();
  const assigned: Env = {};
  for (const line of read('deploy/.env.example').split('\n')) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, comment, key, value] = match;
    if (!documented.has(key)) documented.set(key, value);
    if (!comment) {
      expect(assigned).not.toHaveProperty(key);
      assigned[key] = value;
    }
  }
  return { documented, assigned };
}

// ---- docker-compose.yml -----------------------------------------------------------------------

interface Healthcheck {
  test?: string | string[];
  interval?: string;
  timeout?: string;
  start_period?: string;
  retries?: number;
  disable?: boolean;
}
interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  depends_on?: Record<string, { condition?: string; restart?: boolean }> | string[];
  healthcheck?: Healthcheck;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: string[];
  volumes?: string[];
  restart?: string;
  entrypoint?: string | string[];
  command?: string | string[];
  [key: string]: unknown;
}
interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;
const envExample = readEnvExample();

/** Compose variable interpolation (${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$) against `env`. */
function interpolate(value: string, env: Env): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (whole, name?: string, op?: string, arg?: string) => {
    if (whole === '$$') return '$';
    const set = env[name!] !== undefined && (env[name!] !== '' || !op?.startsWith(':'));
    if (op?.endsWith('?') && !set) throw new Error(`compose would stop: ${name} is required (${arg})`);
    return set ? env[name!] : op?.endsWith('-') ? arg! : '';
  });
}

/** Every variable compose interpolates, with how it is referenced. */
const composeVariables = [...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?][^}]*)?\}/g)].map(([, name, rest]) => ({
  name,
  rest: rest ?? '',
}));
/** The variables compose refuses to start without (${VAR:?...}): the secrets. */
const requiredComposeVariables = [...new Set(composeVariables.filter(({ rest }) => rest.startsWith(':?')).map(({ name }) => name))];
/** What a user's .env holds: the example's assignments plus a value for each required secret. */
const composeEnv: Env = {
  ...Object.fromEntries(
    requiredComposeVariables.map((name) => [name, `test-${name.toLowerCase().replace(/_/g, '-')}-0123456789abcdef0123456789`]),
  ),
  ...envExample.assigned,
};

const dependsOn = (service: ComposeService): Record<string, { condition?: string; restart?: boolean }> => {
  expect(Array.isArray(service.depends_on)).toBe(false);
  return (service.depends_on ?? {}) as Record<string, { condition?: string; restart?: boolean }>;
};
const environmentOf = (name: string): Env => {
  const environment = services[name].environment;
  expect(Array.isArray(environment)).toBe(false);
  const resolved: Env = {};
  for (const [key, value] of Object.entries(environment ?? {})) {
    // A key without a value passes the variable through from .env or the shell, only when set there.
    if (value === null) {
      if (composeEnv[key] !== undefined) resolved[key] = composeEnv[key];
    } else {
      resolved[key] = interpolate(String(value), composeEnv);
    }
  }
  return resolved;
};
const isOneShot = (service: ComposeService) => service.restart === 'no';
const hasHealthcheck = (service: ComposeService) => Boolean(service.healthcheck?.test) && !service.healthcheck?.disable;

// Service keys of the Compose Specification (schema/compose-spec.json, definitions.service).
const COMPOSE_SERVICE_KEYS = new Set(
  (
    'develop deploy annotations attach build blkio_config cap_add cap_drop cgroup cgroup_parent command configs container_name ' +
    'cpu_count cpu_percent cpu_shares cpu_quota cpu_period cpu_rt_period cpu_rt_runtime cpus cpuset credential_spec depends_on ' +
    'device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file label_file environment expose extends ' +
    'provider external_links extra_hosts gpus group_add healthcheck hostname image init ipc isolation labels links logging ' +
    'mac_address mem_limit mem_reservation mem_swappiness memswap_limit network_mode models networks oom_kill_disable ' +
    'oom_score_adj pid pids_limit platform ports post_start pre_stop privileged profiles pull_policy pull_refresh_after read_only ' +
    'restart runtime scale security_opt shm_size secrets sysctls stdin_open stop_grace_period stop_signal storage_opt tmpfs tty ' +
    'ulimits use_api_socket user uts userns_mode volumes volumes_from working_dir'
  ).split(' '),
);
const DURATION = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/;

describe('docker-compose.yml', () => {
  it('has the structure of a Compose Specification file', () => {
    const topLevel = ['name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];
    for (const key of Object.keys(compose)) expect(topLevel.includes(key) || key.startsWith('x-')).toBe(true);
    expect(compose).not.toHaveProperty('version'); // obsolete in the Compose Specification
    for (const [name, service] of Object.entries(services)) {
      expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
      for (const key of Object.keys(service)) {
        if (!COMPOSE_SERVICE_KEYS.has(key)) throw new Error(`service ${name}: unknown key ${key}`);
      }
      expect(service.image ?? service.build).toBeTruthy();
      if (service.restart !== undefined) expect(['no', 'always', 'unless-stopped', 'on-failure']).toContain(service.restart);
      for (const field of ['entrypoint', 'command'] as const) {
        const value = service[field];
        if (value !== undefined)
          expect(typeof value === 'string' || (Array.isArray(value) && value.every((part) => typeof part === 'string'))).toBe(true);
      }
      const check = service.healthcheck;
      if (check && !check.disable) {
        expect(Array.isArray(check.test)).toBe(true);
        expect(['CMD', 'CMD-SHELL']).toContain((check.test as string[])[0]);
        for (const duration of [check.interval, check.timeout, check.start_period]) {
          if (duration !== undefined) expect(duration).toMatch(DURATION);
        }
        expect(Number.isInteger(check.retries)).toBe(true);
      }
      for (const port of service.ports ?? []) {
        expect(interpolate(port, composeEnv)).toMatch(/^((\d{1,3}\.){3}\d{1,3}:)?\d{1,5}:\d{1,5}(\/(tcp|udp))?$/);
      }
    }
  });

  it('interpolates only ${...} variables (container-side $VARs are escaped as $$)', () => {
    const unescaped = composeText.replace(/\$\$/g, '').match(/\$(?!\{)/g);
    expect(unescaped).toBeNull();
  });

  it('declares every named volume and mounts only files of the repository', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (source.startsWith('.') || source.startsWith('/')) {
          expect({ service: name, source, exists: existsSync(join(root, source)) }).toEqual({ service: name, source, exists: true });
        } else {
          expect(Object.keys(compose.volumes ?? {})).toContain(source);
        }
      }
    }
  });

  it('pins every image (a version tag, never latest)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.image) {
        expect(service.build).toBeDefined(); // built from this repository
        continue;
      }
      const image = interpolate(service.image, composeEnv);
      const tag = /^[^@]+:([^:/@]+)$/.exec(image)?.[1];
      expect({ service: name, image, tag }).toEqual({ service: name, image, tag: expect.stringMatching(/^(?!latest$).+/) });
      if (!service.build) expect({ service: name, tag }).toEqual({ service: name, tag: expect.stringMatching(/\d/) });
    }
  });

  it('starts each service after what it needs: depends_on always has a condition that fits the dependency', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(dependsOn(service))) {
        expect(services).toHaveProperty([dependency]);
        const target = services[dependency];
        const expected = isOneShot(target) ? 'service_completed_successfully' : 'service_healthy';
        expect({ service: name, dependency, condition }).toEqual({ service: name, dependency, condition: expected });
      }
    }
    // No cycles.
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string) => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`depends_on cycle through ${name}`);
      visiting.add(name);
      Object.keys(dependsOn(services[name])).forEach(visit);
      visiting.delete(name);
      done.add(name);
    };
    Object.keys(services).forEach(visit);
  });

  it('health-checks every long-running service (and so every service others wait on to be healthy)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (isOneShot(service)) continue;
      expect({ service: name, healthcheck: hasHealthcheck(service) }).toEqual({ service: name, healthcheck: true });
    }
  });

  it('takes secrets from the environment, never from the file', () => {
    expect(requiredComposeVariables.sort()).toEqual(['GRAFANA_ADMIN_PASSWORD', 'JWT_SECRET', 'POSTGRES_PASSWORD', 'S3_SECRET_ACCESS_KEY']);
    for (const { name, rest } of composeVariables) {
      if (requiredComposeVariables.includes(name)) expect({ name, rest }).toEqual({ name, rest: expect.stringMatching(/^:\?/) });
    }
    const secretKeys = /PASSWORD|PWD|SECRET|TOKEN|API_KEY/;
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (value === null) continue; // passed through from .env or the shell when set
        if (secretKeys.test(key))
          expect({ service: name, key, value }).toEqual({ service: name, key, value: expect.stringMatching(/^\$\{[A-Z0-9_]+:\?/) });
      }
    }
    // DATABASE_URL embeds the password the same way.
    expect(String((services.api.environment as Env).DATABASE_URL)).toContain('${POSTGRES_PASSWORD:?');
  });

  it('publishes only the web app on all interfaces; everything else on 127.0.0.1', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) {
        if (name !== 'web') expect({ service: name, port }).toEqual({ service: name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
      }
    }
  });

  it('builds the app images from targets of deploy/docker/Dockerfile', () => {
    const targets = [...read('deploy/docker/Dockerfile').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map(([, target]) => target);
    const built = Object.entries(services).filter(([, service]) => service.build);
    expect(built.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'web', 'worker']);
    for (const [name, service] of built) {
      expect(service.build).toEqual({ context: '.', dockerfile: 'deploy/docker/Dockerfile', target: name === 'migrate' ? 'api' : name });
      expect(targets).toContain(service.build!.target);
    }
    expect(services.migrate.command).toEqual(['node', 'prisma/dist/migrate-cli.js']);
    expect(existsSync(join(root, 'prisma/src/migrate-cli.ts'))).toBe(true);
  });

  it.each([
    ['api', apiEnv, loadApiConfig],
    ['worker', workerEnv, loadWorkerConfig],
  ] as const)('gives the %s every variable it requires, and an environment its config accepts', (name, shape, load) => {
    const environment = environmentOf(name);
    for (const key of requiredKeys(shape as unknown as EnvShape)) expect(Object.keys(environment)).toContain(key);
    for (const key of Object.keys(services[name].environment!)) expect(Object.keys(shape)).toContain(key); // no typos, nothing ignored
    const config = load(environment) as Record<string, unknown>;
    expect(config.NODE_ENV).toBe('production');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(config.S3_ENDPOINT).toBe('http://minio:9000');
    expect(String(config.DATABASE_URL)).toMatch(/@postgres:5432\//);
  });

  it('gives the api and worker the same task queues, from .env when set there', () => {
    const queues = (name: string, env: Env) => {
      // As environmentOf, with `env` in .env (values passed through when set there are not queues).
      const service = Object.entries(services[name].environment as Record<string, string | null>)
        .filter(([, value]) => value !== null)
        .map(([key, value]) => [key, interpolate(String(value), { ...composeEnv, ...env })]);
      const config = Object.fromEntries(service);
      return taskQueuesOf(name === 'api' ? loadApiConfig(config) : loadWorkerConfig(config));
    };
    expect(queues('api', {})).toEqual({ main: 'reelrank-main', training: 'reelrank-training' });
    expect(queues('worker', {})).toEqual(queues('api', {}));
    const custom = { PIPELINE_TASK_QUEUE: 'main-b', TRAINING_TASK_QUEUE: 'training-b' };
    expect(queues('api', custom)).toEqual({ main: 'main-b', training: 'training-b' });
    expect(queues('worker', custom)).toEqual(queues('api', custom));
  });

  it('makes the API reachable in its container and the web app proxy to it', () => {
    expect(environmentOf('api')).toMatchObject({ API_HOST: '0.0.0.0', API_PORT: '3000', CORS_ORIGINS: '' });
    expect(read('deploy/docker/nginx.conf')).toMatch(/server api:3000;/);
    expect(dependsOn(services.web).api).toEqual({ condition: 'service_healthy', restart: true });
  });

  it('runs the migrations before the api and worker, against the same database', () => {
    for (const name of ['api', 'worker']) {
      expect(dependsOn(services[name]).migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(environmentOf(name).DATABASE_URL).toBe(environmentOf('migrate').DATABASE_URL);
    }
  });

  it('creates the bucket and registers the namespace and search attributes the apps use', () => {
    expect(environmentOf('minio-init').S3_BUCKET).toBe(environmentOf('api').S3_BUCKET);
    expect(services['minio-init'].command).toEqual([expect.stringContaining('mc mb --ignore-existing "reelrank/$$S3_BUCKET"')]);
    const register = services['temporal-search-attributes'];
    expect(register.entrypoint).toEqual(['/bin/sh', '/reelrank/register.sh']);
    expect(register.volumes).toContain('./deploy/docker/temporal:/reelrank:ro');
    expect(environmentOf('temporal-search-attributes').TEMPORAL_NAMESPACE).toBe(environmentOf('worker').TEMPORAL_NAMESPACE);
    const script = read('deploy/docker/temporal/register.sh');
    const registered = [...script.matchAll(/--name (\w+) --type (\w+)/g)].map(([, attribute, type]) => `${attribute}=${type}`);
    expect(registered.sort()).toEqual(searchAttributeRegistrations().sort());
    for (const name of ['api', 'worker']) {
      expect(dependsOn(services[name])['temporal-search-attributes']).toEqual({ condition: 'service_completed_successfully' });
      expect(dependsOn(services[name])['minio-init']).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('sets Temporal up on PostgreSQL before starting it', () => {
    expect(services['temporal-schema'].entrypoint).toEqual(['/bin/sh', '/reelrank/setup-schema.sh']);
    expect(dependsOn(services.temporal)['temporal-schema']).toEqual({ condition: 'service_completed_successfully' });
    const temporal = environmentOf('temporal');
    expect(temporal).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', BIND_ON_IP: '0.0.0.0' });
    expect(temporal.POSTGRES_PWD).toBe(environmentOf('temporal-schema').SQL_PASSWORD);
    const mounted = services.temporal.volumes!.find((volume) => volume.endsWith(`:${temporal.DYNAMIC_CONFIG_FILE_PATH}:ro`));
    expect(mounted).toBeDefined();
    expect(parse(read(mounted!.split(':')[0]))).toHaveProperty(['limit.maxIDLength']);
  });
});

// ---- Prometheus and Grafana (docker-compose.yml, deploy/prometheus, deploy/grafana) -------------

/** Where a service mounts a repository path (`./deploy/...:/target:ro`). */
const mountTarget = (service: string, source: string) =>
  services[service].volumes?.map((volume) => volume.split(':')).find(([from]) => from === source)?.[1];

interface GrafanaDashboard {
  uid: string;
  panels: { type: string; title: string; datasource?: { uid: string }; targets?: { expr: string; datasource?: { uid: string } }[] }[];
}

describe('Prometheus and Grafana', () => {
  const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
    scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
  };
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/reelrank.json')) as GrafanaDashboard;

  it('scrapes the api and the worker where compose has them serve /metrics', () => {
    expect(mountTarget('prometheus', './deploy/prometheus/prometheus.yml')).toBe('/etc/prometheus/prometheus.yml');
    const targets = Object.fromEntries(
      prometheus.scrape_configs.map((job) => [
        job.job_name,
        { path: job.metrics_path, targets: job.static_configs.flatMap((c) => c.targets) },
      ]),
    );
    const api = loadApiConfig(environmentOf('api'));
    const worker = loadWorkerConfig(environmentOf('worker'));
    expect(worker.WORKER_METRICS_HOST).toBe('0.0.0.0');
    expect(targets).toEqual({
      api: { path: '/metrics', targets: [`api:${api.API_PORT}`] },
      worker: { path: '/metrics', targets: [`worker:${worker.WORKER_METRICS_PORT}`] },
    });
    // Published on the host only through Prometheus (127.0.0.1), never the worker's port.
    expect(services.worker.ports).toBeUndefined();
  });

  it('provisions Grafana with that Prometheus as its data source and the dashboards of deploy/grafana/dashboards', () => {
    expect(dependsOn(services.grafana)).toEqual({ prometheus: { condition: 'service_healthy' } });
    expect(mountTarget('grafana', './deploy/grafana/provisioning')).toBe('/etc/grafana/provisioning');
    const dashboards = mountTarget('grafana', './deploy/grafana/dashboards');
    const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090' }),
    ]);
    const providers = parse(read('deploy/grafana/provisioning/dashboards/reelrank.yml')) as { providers: { options: { path: string } }[] };
    expect(providers.providers.map((provider) => provider.options.path)).toEqual([dashboards]);
    const home = (services.grafana.environment as Env).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(home).toBe(`${dashboards}/reelrank.json`);
  });

  it('charts only metrics the api, the worker and the Temporal SDK export, and every metric of the api and worker', async () => {
    const exported = new Set([
      ...(await new ApiMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name),
      ...(await new WorkerMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name),
      ...TEMPORAL_SDK_METRICS,
    ]);
    const charts = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(charts.length).toBeGreaterThan(10);
    const charted = new Set<string>();
    for (const panel of charts) {
      expect({ panel: panel.title, datasource: panel.datasource?.uid }).toEqual({ panel: panel.title, datasource: 'prometheus' });
      for (const target of panel.targets ?? []) {
        for (const [name] of target.expr.matchAll(/\b(?:reelrank|temporal|process|nodejs)_[a-z0-9_]+/g)) {
          const metric = exported.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
          expect({ panel: panel.title, metric, exported: exported.has(metric) }).toEqual({ panel: panel.title, metric, exported: true });
          charted.add(metric);
        }
      }
    }
    for (const metric of [...exported].filter((name) => name.startsWith('reelrank_') || name.startsWith('temporal_'))) {
      expect({ metric, charted: charted.has(metric) }).toEqual({ metric, charted: true });
    }
  });
});

// ---- deploy/.env.example ----------------------------------------------------------------------

describe('deploy/.env.example', () => {
  it('documents every variable of the api and worker', () => {
    for (const key of new Set([...Object.keys(apiEnv), ...Object.keys(workerEnv)]))
      expect([...envExample.documented.keys()]).toContain(key);
  });

  it('documents every variable of npm start (deploy/local/local-config.ts)', () => {
    const block = /const localEnv = \{([\s\S]*?)\n\};/.exec(read('deploy/local/local-config.ts'))?.[1] ?? '';
    const keys = [...block.matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map(([, key]) => key);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect([...envExample.documented.keys()]).toContain(key);
  });

  it('documents every variable docker-compose.yml reads', () => {
    for (const { name } of composeVariables) expect([...envExample.documented.keys()]).toContain(name);
  });

  it('shows the defaults the api and worker really use', () => {
    const shape = { ...apiEnv, ...workerEnv } as unknown as EnvShape;
    for (const [key, schema] of Object.entries(shape)) {
      const result = schema.safeParse(undefined);
      if (!result.success || result.data === undefined) continue; // required or optional: the line shows an example
      expect({ key, documented: envExample.documented.get(key) }).toEqual({ key, documented: String(result.data) });
    }
  });

  it('sets nothing itself: every line is a commented default or example', () => {
    expect(envExample.assigned).toEqual({});
  });
});

// ---- deploy/docker/Dockerfile and .dockerignore -----------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): { args: Env; stages: Stage[] } {
  const args: Env = {};
  const stages: Stage[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (!pending && !line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const instruction = `${pending}${line}`.replace(/\s+/g, ' ').trim();
    pending = '';
    if (!instruction) continue;
    const [, keyword, rest] = /^(\S+)\s+([\s\S]*)$/.exec(instruction)!;
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [base, , name] = rest.split(/\s+/);
      stages.push({ name: name ?? String(stages.length), base, instructions: [] });
    } else if (upper === 'ARG' && stages.length === 0) {
      const [key, value] = rest.split('=');
      args[key] = value;
    } else {
      stages.at(-1)!.instructions.push({ keyword: upper, args: rest });
    }
  }
  return { args, stages };
}

/** COPY sources (flags and destination removed). */
const copySources = (instruction: Instruction) => {
  const parts = instruction.args.split(/\s+/).filter((part) => !part.startsWith('--'));
  return parts.slice(0, -1);
};

/** Whether .dockerignore keeps `path` out of the build context (Docker's pattern rules, `!` exceptions included). */
function dockerIgnored(path: string, patterns: string[]): boolean {
  const toRegex = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/^\//, '')
        .replace(/[.+^$()|[\]{}]/g, '\\$&')
        .replace(/\*\*\//g, '%GLOBSTAR%')
        .replace(/\*\*/g, '.*')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace(/%GLOBSTAR%/g, '(.*/)?')}(/.*)?$`,
    );
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (toRegex(negated ? pattern.slice(1) : pattern).test(path)) ignored = !negated;
  }
  return ignored;
}

const dockerfile = parseDockerfile(read('deploy/docker/Dockerfile'));
const stage = (name: string) => dockerfile.stages.find((candidate) => candidate.name === name)!;
const dockerignore = read('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

describe('deploy/docker/Dockerfile', () => {
  it('has the build stages and the api, worker and web targets', () => {
    expect(dockerfile.stages.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['manifests', 'deps', 'build', 'web-build', 'prod-deps', 'runtime', 'api', 'worker', 'web']),
    );
  });

  it('builds on pinned base images', () => {
    const names = new Set(dockerfile.stages.map(({ name }) => name));
    for (const { base } of dockerfile.stages) {
      if (names.has(base)) continue;
      const image = base.replace(/^\$\{(\w+)\}$/, (_, arg: string) => dockerfile.args[arg]);
      expect(image).toMatch(/^[\w./-]+:(?!latest$)[\w.-]*\d[\w.-]*$/);
    }
  });

  it('copies only paths that exist and that .dockerignore lets into the context', () => {
    for (const { name, instructions } of dockerfile.stages) {
      for (const instruction of instructions) {
        if (instruction.keyword !== 'COPY' || instruction.args.includes('--from=')) continue;
        for (const source of copySources(instruction)) {
          expect({ stage: name, source, exists: existsSync(join(root, source)) }).toEqual({ stage: name, source, exists: true });
          expect({ stage: name, source, ignored: dockerIgnored(source, dockerignore) }).toEqual({ stage: name, source, ignored: false });
        }
      }
    }
  });

  it('installs with the manifest of every workspace (npm ci needs the whole workspace tree)', () => {
    const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
    const expected = workspaces.flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
            .filter((entry) => entry.isDirectory() && existsSync(join(root, pattern.slice(0, -2), entry.name, 'package.json')))
            .map((entry) => `${pattern.slice(0, -2)}/${entry.name}/package.json`)
        : [`${pattern}/package.json`],
    );
    const copied = stage('manifests')
      .instructions.filter(({ keyword }) => keyword === 'COPY')
      .flatMap(copySources)
      .filter((source) => source.endsWith('/package.json'));
    expect(copied.sort()).toEqual(expected.sort());
  });

  it('gives the root postinstall (Prisma client generation) what it needs before npm ci', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const script = /^node (\S+)$/.exec(scripts.postinstall)?.[1];
    const deps = stage('deps').instructions;
    const install = deps.findIndex(({ keyword, args }) => keyword === 'RUN' && /\bnpm ci\b/.test(args));
    const copiedBefore = deps.slice(0, install).flatMap((instruction) => (instruction.keyword === 'COPY' ? copySources(instruction) : []));
    expect(copiedBefore).toEqual(expect.arrayContaining([script, 'prisma/schema.prisma', 'prisma/prisma.config.ts']));
    const configured = /schema:\s*'\.\/([^']+)'/.exec(read('prisma/prisma.config.ts'))?.[1];
    expect(configured).toBe('schema.prisma');
  });

  it('compiles every project of tsconfig.build.json, and the web app', () => {
    const { references } = JSON.parse(read('tsconfig.build.json')) as { references: { path: string }[] };
    const build = stage('build').instructions;
    const copied = build.filter(({ keyword }) => keyword === 'COPY').flatMap(copySources);
    for (const { path } of references) expect(copied.some((source) => path === source || path.startsWith(`${source}/`))).toBe(true);
    expect(build.some(({ keyword, args }) => keyword === 'RUN' && args.includes('tsc -b tsconfig.build.json'))).toBe(true);
    expect(stage('web-build').instructions.some(({ args }) => args.includes('npm run build -w web'))).toBe(true);
    const web = stage('web').instructions.find(({ keyword, args }) => keyword === 'COPY' && args.includes('--from=web-build'));
    expect(web?.args).toMatch(/\/app\/web\/dist\/browser \/usr\/share\/nginx\/html$/);
  });

  it("has nginx send the API's security headers with the web app, and pass the API's own on /graphql", () => {
    // The headers the API's helmet middleware sets on a response of the web app.
    const apiHeaders: Record<string, string> = {};
    const response = {
      setHeader: (name: string, value: unknown) => (apiHeaders[name.toLowerCase()] = String(value)),
      removeHeader: () => {},
    };
    securityHeaders()({ method: 'GET', url: '/' } as never, response as never, () => {});
    const snippet = read('deploy/docker/security-headers.conf');
    const nginxHeaders = Object.fromEntries(
      [...snippet.matchAll(/^add_header ([\w-]+) "([^"]*)" always;$/gm)].map(([, name, value]) => [name.toLowerCase(), value]),
    );
    expect(Object.keys(apiHeaders)).toContain('content-security-policy');
    expect(nginxHeaders).toEqual(apiHeaders);

    // Every location that adds headers includes them (nginx does not inherit add_header into such a location).
    const conf = read('deploy/docker/nginx.conf');
    const locations = [...conf.matchAll(/^\s+location ([^{]+)\{([^}]*)\}/gm)].map(([, path, body]) => ({ path: path.trim(), body }));
    expect(locations.length).toBeGreaterThanOrEqual(4);
    for (const { path, body } of locations) {
      if (path === '/graphql') expect({ path, addsHeaders: /add_header|include/.test(body) }).toEqual({ path, addsHeaders: false });
      else if (/add_header/.test(body))
        expect({ path, body }).toEqual({ path, body: expect.stringContaining('include security-headers.conf;') });
    }
    expect(/^\s{8}add_header/m.test(conf)).toBe(false);
    const copy = stage('web').instructions.find(({ keyword, args }) => keyword === 'COPY' && args.includes('nginx.conf'));
    expect(copy?.args).toBe('deploy/docker/nginx.conf deploy/docker/security-headers.conf /etc/nginx/');
  });

  it('runs the api and worker as a non-root user in production mode, with their entry points', () => {
    const runtime = stage('runtime').instructions;
    expect(runtime).toContainEqual({ keyword: 'ENV', args: 'NODE_ENV=production' });
    expect(runtime.filter(({ keyword }) => keyword === 'USER').at(-1)?.args).toBe('node');
    expect(stage('prod-deps').instructions.find(({ keyword }) => keyword === 'RUN')?.args).toMatch(/npm ci --omit=dev/);
    for (const [target, entry] of [
      ['api', 'api/dist/main.js'],
      ['worker', 'worker/dist/main.js'],
    ]) {
      const instructions = stage(target).instructions;
      expect(stage(target).base).toBe('runtime');
      expect(instructions).toContainEqual({ keyword: 'CMD', args: `["node", "${entry}"]` });
      expect(existsSync(join(root, entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(true);
      expect(instructions.find(({ keyword }) => keyword === 'HEALTHCHECK')?.args).toContain(`"/app/healthcheck.mjs", "${target}"`);
    }
    expect(stage('api').instructions).toContainEqual({ keyword: 'ENV', args: 'API_HOST=0.0.0.0 API_PORT=3000' });
    expect(
      stage('web')
        .instructions.filter(({ keyword }) => keyword === 'USER')
        .at(-1)?.args,
    ).toBe('nginx');
  });

  it('keeps installed, generated, local and secret files out of the build context', () => {
    for (const path of [
      'node_modules',
      'api/node_modules',
      'api/dist',
      'prisma/dist',
      '.data',
      '.tools',
      '.git',
      '.env',
      'prisma/tsconfig.tsbuildinfo',
      'prisma/src/generated/prisma/client.ts',
    ]) {
      expect({ path, ignored: dockerIgnored(path, dockerignore) }).toEqual({ path, ignored: true });
    }
    for (const path of [
      'api/src/main.ts',
      'prisma/migrations',
      'deploy/docker/nginx.conf',
      'deploy/local/prisma-generate.mjs',
      'web/src/index.html',
    ]) {
      expect({ path, ignored: dockerIgnored(path, dockerignore) }).toEqual({ path, ignored: false });
    }
  });
});

// ---- deploy/k8s -------------------------------------------------------------------------------

interface K8sContainer {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number }; tcpSocket?: { port: string | number } };
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { cpu?: string; memory?: string } };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}
interface PodSpec {
  containers: K8sContainer[];
  enableServiceLinks?: boolean;
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Env;
  stringData?: Env;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    ports?: { port: number; targetPort: string | number }[];
    // HorizontalPodAutoscaler (autoscaling/v2), KEDA ScaledObject, PodDisruptionBudget
    scaleTargetRef?: { apiVersion?: string; kind?: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: { type: string; resource?: { name: string; target: { type: string; averageUtilization?: number } } }[];
    minReplicaCount?: number;
    maxReplicaCount?: number;
    cooldownPeriod?: number;
    pollingInterval?: number;
    triggers?: { type: string; metadata: Record<string, string> }[];
    minAvailable?: number | string;
    maxUnavailable?: number | string;
  };
}

const k8sDir = 'deploy/k8s';
const loadManifests = (file: string): K8sObject[] =>
  parseAllDocuments(read(join(k8sDir, file))).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as K8sObject;
  });
const kustomization = parse(read(join(k8sDir, 'kustomization.yaml'))) as {
  resources: string[];
  namespace: string;
  images: { name: string; newName: string; newTag: string }[];
};
const objects = kustomization.resources.flatMap(loadManifests);
const find = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name)!;
const secretExample = loadManifests('secret.example.yaml')[0];

/** The environment a container gets from its envFrom and env (Secrets from the example). */
function containerEnv(container: K8sContainer): Env {
  const env: Env = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, find('ConfigMap', source.configMapRef.name).data);
    if (source.secretRef) {
      expect(secretExample.metadata.name).toBe(source.secretRef.name);
      Object.assign(env, secretExample.stringData);
    }
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (valueFrom?.secretKeyRef) {
      expect(secretExample.metadata.name).toBe(valueFrom.secretKeyRef.name);
      env[name] = secretExample.stringData![valueFrom.secretKeyRef.key];
    } else {
      env[name] = value ?? '';
    }
  }
  return env;
}

describe('deploy/k8s', () => {
  it('parses, and every kustomization resource is a named Kubernetes object', () => {
    for (const file of readdirSync(join(root, k8sDir))) expect(file).toMatch(/\.yaml$/);
    for (const object of [...objects, secretExample]) {
      expect(object.apiVersion).toMatch(/^(v1|apps\/v1|batch\/v1|policy\/v1|autoscaling\/v2|keda\.sh\/v1alpha1)$/);
      expect(object.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    expect(kustomization.namespace).toBe(find('Namespace', kustomization.namespace).metadata.name);
    expect(kustomization.resources).not.toContain('secret.example.yaml'); // placeholders never reach a cluster
    expect(Object.values(secretExample.stringData!).every((value) => value.includes('CHANGE-ME'))).toBe(true);
  });

  it('selects its own pods, and Services point at named container ports', () => {
    const workloads = objects.filter(({ kind }) => kind === 'Deployment' || kind === 'Job');
    for (const workload of workloads) {
      const labels = workload.spec!.template!.metadata!.labels!;
      if (workload.kind === 'Deployment') expect(labels).toMatchObject(workload.spec!.selector!.matchLabels!);
      const pod = workload.spec!.template!.spec;
      expect(pod.enableServiceLinks).toBe(false); // the Service `api` would inject API_PORT=tcp://...
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      for (const container of pod.containers) {
        expect(kustomization.images.map(({ name }) => name)).toContain(container.image);
        expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      }
    }
    for (const service of objects.filter(({ kind }) => kind === 'Service')) {
      const selected = workloads.filter(
        (workload) =>
          workload.kind === 'Deployment' &&
          Object.entries(service.spec!.selector!).every(([key, value]) => workload.spec!.template!.metadata!.labels![key] === value),
      );
      expect(selected).toHaveLength(1);
      const portNames = selected[0].spec!.template!.spec.containers.flatMap((container) => (container.ports ?? []).map(({ name }) => name));
      for (const { targetPort } of service.spec!.ports!) expect(portNames).toContain(targetPort);
    }
  });

  it('names the API Service and port as the web image proxies to them (api:3000)', () => {
    expect(find('Service', 'api').spec!.ports![0].port).toBe(3000);
    expect(read('deploy/docker/nginx.conf')).toMatch(/server api:3000;/);
    const api = find('Deployment', 'api').spec!.template!.spec.containers[0];
    expect(api.readinessProbe?.httpGet?.path).toMatch(/^\/graphql\?query=/);
    expect(decodeURIComponent(api.readinessProbe!.httpGet!.path)).toContain('{health{ok}}');
  });

  it.each([
    ['api', apiEnv, loadApiConfig],
    ['worker', workerEnv, loadWorkerConfig],
  ] as const)('gives the %s Deployment every variable it requires, and an environment its config accepts', (name, shape, load) => {
    const container = find('Deployment', name).spec!.template!.spec.containers[0];
    expect(container.image).toBe(`reelrank-${name}`);
    const env = containerEnv(container);
    for (const key of requiredKeys(shape as unknown as EnvShape)) expect(Object.keys(env)).toContain(key);
    const config = load(env) as Record<string, unknown>;
    expect(config.NODE_ENV).toBe('production');
    if (name === 'api') expect(config).toMatchObject({ API_HOST: '0.0.0.0', API_PORT: 3000 });
  });

  it('gives the api and worker Deployments the same task queues', () => {
    const [api, worker] = ['api', 'worker'].map((name) => containerEnv(find('Deployment', name).spec!.template!.spec.containers[0]));
    expect(taskQueuesOf(loadWorkerConfig(worker))).toEqual(taskQueuesOf(loadApiConfig(api)));
    expect(worker).toMatchObject({ PIPELINE_TASK_QUEUE: 'reelrank-main', TRAINING_TASK_QUEUE: 'reelrank-training' });
  });

  const deployments = () => objects.filter(({ kind }) => kind === 'Deployment');
  const workerContainer = () => find('Deployment', 'worker').spec!.template!.spec.containers[0];
  const workerConfig = () => loadWorkerConfig(containerEnv(workerContainer()));
  /** Bytes of a Kubernetes memory quantity (binary suffixes, as these manifests use). */
  const bytes = (quantity: string) => {
    const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi)?$/.exec(quantity);
    if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
    return Number(match[1]) * 1024 ** ['', 'Ki', 'Mi', 'Gi'].indexOf(match[2] ?? '');
  };

  it('probes the worker on the port and paths its metrics server really serves', async () => {
    const container = workerContainer();
    const port = container.ports!.find(({ name }) => name === container.livenessProbe?.httpGet?.port)!;
    expect(container.readinessProbe?.httpGet?.port).toBe(port.name);
    const config = workerConfig();
    expect({ host: config.WORKER_METRICS_HOST, port: config.WORKER_METRICS_PORT }).toEqual({ host: '0.0.0.0', port: port.containerPort });
    expect(find('Deployment', 'worker').spec!.template!.metadata).toMatchObject({
      annotations: { 'prometheus.io/port': String(port.containerPort) },
    });
    // The worker's server answers the probes' paths: alive, and ready once every check passes.
    const health = new WorkerHealth();
    const server = new WorkerMetricsServer({ host: '127.0.0.1', port: 0 }, new WorkerMetrics(), health);
    await server.listen();
    try {
      const status = async (path: string) => (await fetch(`${server.origin}${path}`)).status;
      const { livenessProbe, readinessProbe } = container;
      expect(await status(livenessProbe!.httpGet!.path)).toBe(200);
      expect(await status(readinessProbe!.httpGet!.path)).toBe(503); // nothing registered yet: starting
      health.register('temporal', async () => undefined);
      expect(await status(readinessProbe!.httpGet!.path)).toBe(200);
    } finally {
      await server.beforeApplicationShutdown();
    }
  });

  it('stops a worker only after its shutdown grace, with time left to drain', () => {
    const pod = find('Deployment', 'worker').spec!.template!.spec;
    const grace = workerConfig().WORKER_SHUTDOWN_GRACE_SECONDS;
    expect(grace).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(grace + 15);
  });

  it("scales the worker with KEDA's Temporal scaler on the training task queue's activity backlog", () => {
    const scaled = objects.filter(({ kind }) => kind === 'ScaledObject');
    expect(scaled.map(({ apiVersion, metadata }) => [apiVersion, metadata.name])).toEqual([['keda.sh/v1alpha1', 'worker']]);
    const { scaleTargetRef, minReplicaCount, maxReplicaCount, cooldownPeriod, pollingInterval, triggers } = scaled[0].spec!;
    // scaleTargetRef defaults to apps/v1 Deployment.
    expect(scaleTargetRef).toEqual({ name: 'worker' });
    expect(find('Deployment', 'worker')).toBeDefined();
    expect(minReplicaCount).toBeGreaterThanOrEqual(1); // the main task queue always needs a poller
    expect(maxReplicaCount).toBeGreaterThan(minReplicaCount!);
    expect(cooldownPeriod).toBeGreaterThan(0);
    expect(pollingInterval).toBeGreaterThan(0);
    expect(triggers).toHaveLength(1);
    const [{ type, metadata }] = triggers!;
    expect(type).toBe('temporal');
    // The trigger's parameters (keda.sh/docs/2.17/scalers/temporal), the queue the code trains on, the worker's Temporal.
    const parameters = [
      'endpoint',
      'endpointFromEnv',
      'namespace',
      'activationTargetQueueSize',
      'targetQueueSize',
      'taskQueue',
      'queueTypes',
    ];
    for (const key of Object.keys(metadata)) expect(parameters).toContain(key);
    const config = workerConfig();
    expect(metadata.taskQueue).toBe(TASK_QUEUES.training);
    expect(metadata.taskQueue).toBe(config.TRAINING_TASK_QUEUE);
    expect(metadata.endpoint).toBe(config.TEMPORAL_ADDRESS);
    expect(metadata.namespace).toBe(config.TEMPORAL_NAMESPACE);
    expect(metadata.queueTypes.split(',')).toEqual(['activity']); // tuning units and evaluations wait as activity tasks
    // One more replica per TRAINING_CONCURRENCY activities waiting beyond what the replicas run.
    expect(metadata.targetQueueSize).toBe(String(config.TRAINING_CONCURRENCY));
    expect(metadata.activationTargetQueueSize).toMatch(/^\d+$/);
  });

  it('scales the api Deployment on CPU with an autoscaling/v2 HorizontalPodAutoscaler', () => {
    const hpas = objects.filter(({ kind }) => kind === 'HorizontalPodAutoscaler');
    expect(hpas.map(({ apiVersion, metadata }) => [apiVersion, metadata.name])).toEqual([['autoscaling/v2', 'api']]);
    const { scaleTargetRef, minReplicas, maxReplicas, metrics } = hpas[0].spec!;
    expect(scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' });
    expect(find('Deployment', 'api')).toBeDefined();
    expect(minReplicas).toBeGreaterThanOrEqual(2);
    expect(maxReplicas).toBeGreaterThan(minReplicas!);
    expect(metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } },
    ]);
    // Utilization is relative to the request.
    expect(find('Deployment', 'api').spec!.template!.spec.containers[0].resources?.requests?.cpu).toBeDefined();
  });

  it('leaves the replicas of autoscaled Deployments to their autoscaler', () => {
    for (const name of ['api', 'worker'])
      expect({ name, replicas: find('Deployment', name).spec!.replicas }).toEqual({ name, replicas: undefined });
  });

  it('gives every Deployment one PodDisruptionBudget that selects its pods and lets a drain proceed', () => {
    const budgets = objects.filter(({ kind }) => kind === 'PodDisruptionBudget');
    for (const budget of budgets) expect(budget.apiVersion).toBe('policy/v1');
    for (const deployment of deployments()) {
      const labels = deployment.spec!.template!.metadata!.labels!;
      const mine = budgets.filter(({ spec }) =>
        Object.entries(spec!.selector!.matchLabels!).every(([key, value]) => labels[key] === value),
      );
      expect({ deployment: deployment.metadata.name, budgets: mine.length }).toEqual({ deployment: deployment.metadata.name, budgets: 1 });
      const { minAvailable, maxUnavailable } = mine[0].spec!;
      expect([minAvailable, maxUnavailable].filter((value) => value !== undefined)).toHaveLength(1);
      // A drain can always evict one pod: fewer required than the fewest replicas the Deployment runs.
      const hpa = objects.find(
        ({ kind, spec }) => kind === 'HorizontalPodAutoscaler' && spec!.scaleTargetRef!.name === deployment.metadata.name,
      );
      const fewest = hpa?.spec!.minReplicas ?? deployment.spec!.replicas ?? 1;
      if (minAvailable !== undefined) expect(Number(minAvailable)).toBeLessThan(fewest);
      else expect(Number(maxUnavailable)).toBeGreaterThanOrEqual(1);
    }
    expect(budgets).toHaveLength(deployments().length);
  });

  it('sets CPU and memory requests and a memory limit on every container, the worker sized for 32M ratings', () => {
    for (const deployment of deployments()) {
      for (const { name, resources } of deployment.spec!.template!.spec.containers) {
        expect({ name, resources }).toEqual({
          name,
          resources: { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } },
        });
        expect(bytes(resources!.limits!.memory!)).toBeGreaterThanOrEqual(bytes(resources!.requests!.memory!));
      }
    }
    // The complete 32M bench:pipeline run measured the worker's peak RSS at 3,566,064 kB (VmHWM): the request
    // covers it and the limit leaves at least 15 % above it.
    const measuredPeakBytes = 3_566_064 * 1024;
    const { requests, limits } = workerContainer().resources!;
    expect(bytes(requests!.memory!)).toBeGreaterThanOrEqual(measuredPeakBytes);
    expect(bytes(limits!.memory!)).toBeGreaterThanOrEqual(measuredPeakBytes * 1.15);
  });

  it('runs the migrations with the api image and the database URL from the Secret', () => {
    const job = find('Job', 'migrate');
    const container = job.spec!.template!.spec.containers[0];
    expect(container.image).toBe('reelrank-api');
    expect(container.command).toEqual(['node', 'prisma/dist/migrate-cli.js']);
    expect(containerEnv(container).DATABASE_URL).toMatch(/^postgresql:\/\//);
  });
});

// ---- the official Compose Specification schema (shipped by dclint, a Compose linter) -------------

it('docker-compose.yml validates against the Compose Specification schema', () => {
  const schemaPath = join(require.resolve('dclint/package.json'), '..', 'schemas', 'compose.schema.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
  const { $schema: _ignored, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  expect(validate(compose) ? [] : validate.errors).toEqual([]);
  // The schema is strict enough to notice a misspelt key.
  expect(validate({ ...compose, servicez: {} })).toBe(false);
});
