/**
 * The environment `npm start` gives the api and the worker, and the check of every setting of the three processes
 * before anything starts.
 */
import { ConfigError } from '@reelrank/config';
import { randomBytes } from 'node:crypto';
import { loadApiConfig } from '../../api/src/config/api-config';
import { loadWorkerConfig } from '../../worker/src/config/worker-config';
import { webDistDir } from './build';
import { loadLocalConfig, type LocalConfig } from './local-config';

/** Where the apps find PostgreSQL, Temporal and S3. */
export interface ServiceAddresses {
  databaseUrl: string;
  temporalAddress: string;
  s3Endpoint: string;
}

/** The environment of the worker and (with `apiEnvironment`) of the api; the apps also inherit `npm start`'s own. */
export function appEnvironment(config: LocalConfig, services: ServiceAddresses, jwtSecret: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: services.databaseUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL ?? `http://localhost:${config.TEMPORAL_UI_PORT}`,
    S3_ENDPOINT: services.s3Endpoint,
    S3_ACCESS_KEY_ID: config.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: config.S3_SECRET_ACCESS_KEY,
    S3_BUCKET: config.S3_BUCKET,
    API_PORT: String(config.API_PORT),
    WORKER_METRICS_PORT: String(config.WORKER_METRICS_PORT),
    PIPELINE_TASK_QUEUE: config.PIPELINE_TASK_QUEUE,
    TRAINING_TASK_QUEUE: config.TRAINING_TASK_QUEUE,
    JWT_SECRET: jwtSecret,
  };
}

/** The api also serves the built web app, unless SKIP_WEB. */
export function apiEnvironment(config: LocalConfig, appEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...appEnv, ...(config.SKIP_WEB ? {} : { WEB_DIST_DIR: webDistDir }) };
}

/**
 * Validates the settings of `npm start` and those the api and worker will get, as `npm start` will give them,
 * without starting anything. Each problem comes once, naming its variable and, in brackets, the processes it stops.
 */
export function checkSettings(env: NodeJS.ProcessEnv = process.env): { config?: LocalConfig; problems: string[] } {
  const stopped = new Map<string, string[]>();
  const attempt = <T>(process: string, load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const problem of error.problems) stopped.set(problem, [...(stopped.get(problem) ?? []), process]);
      return undefined;
    }
  };
  const config = attempt('npm start', () => loadLocalConfig(env));
  // With bad settings of its own, `npm start` would give the apps its defaults: check the rest of theirs against those.
  const planned = config ?? loadLocalConfig({});
  const services: ServiceAddresses = {
    databaseUrl:
      planned.DATABASE_URL ??
      `postgresql://${encodeURIComponent(planned.POSTGRES_USER)}:${encodeURIComponent(planned.POSTGRES_PASSWORD)}@127.0.0.1:${planned.POSTGRES_PORT}/${planned.POSTGRES_DB}`,
    temporalAddress: planned.TEMPORAL_ADDRESS ?? `127.0.0.1:${planned.TEMPORAL_PORT}`,
    s3Endpoint: planned.S3_ENDPOINT ?? `http://127.0.0.1:${planned.MINIO_PORT}`,
  };
  // Unset, JWT_SECRET is generated on first start: valid by construction.
  const jwtSecret = env.JWT_SECRET ?? randomBytes(48).toString('base64url');
  const appEnv = appEnvironment(planned, services, jwtSecret);
  attempt('api', () => loadApiConfig({ ...env, ...apiEnvironment(planned, appEnv) }));
  attempt('worker', () => loadWorkerConfig({ ...env, ...appEnv }));
  return { config, problems: [...stopped].map(([problem, processes]) => `${problem} [${processes.join(', ')}]`) };
}
