import { booleanFlag, parseEnv, port, taskQueueEnv, url } from '@reelrank/config';
import { MINIO, TEMPORAL_CLI } from '@reelrank/stack';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

export const repoRoot = resolve(__dirname, '..', '..');

/** What a MovieLens folder must hold to seed the catalog. */
const MOVIELENS_FILES = ['ratings.csv', 'movies.csv'];

/**
 * Settings of `npm start`. Every service runs embedded by default; setting DATABASE_URL,
 * TEMPORAL_ADDRESS or S3_ENDPOINT uses that external service instead.
 */
const localEnv = {
  DATA_DIR: z.string().min(1).default('.data'),
  TOOLS_DIR: z.string().min(1).default('.tools'),
  /** Where the official release downloads of the Temporal CLI and MinIO are fetched from (a mirror, a test server). */
  TEMPORAL_CLI_RELEASE_URL: url(['http', 'https']).default(TEMPORAL_CLI.release.baseUrl),
  MINIO_RELEASE_URL: url(['http', 'https']).default(MINIO.release.baseUrl),
  POSTGRES_PORT: port(5433),
  POSTGRES_USER: z.string().min(1).default('reelrank'),
  POSTGRES_PASSWORD: z.string().min(1).default('reelrank-local'),
  POSTGRES_DB: z.string().regex(/^\w+$/, { message: 'must be a plain database name' }).default('reelrank'),
  DATABASE_URL: z.string().optional(),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_ADDRESS: z.string().optional(),
  MINIO_PORT: port(9000),
  MINIO_CONSOLE_PORT: port(9001),
  S3_ENDPOINT: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().min(3).default('reelrank'),
  S3_SECRET_ACCESS_KEY: z.string().min(8, { message: 'must have at least 8 characters (MinIO)' }).default('reelrank-local-secret'),
  S3_BUCKET: z.string().min(3).default('reelrank'),
  API_PORT: port(3000),
  /** The worker's Prometheus /metrics (the API's is at API_PORT). */
  WORKER_METRICS_PORT: port(9464),
  /** The worker's task queues, passed to the api and worker (and used by the system check and the seed). */
  ...taskQueueEnv,
  /** A local MovieLens folder to seed an empty catalog with (default: ../shared, else the GroupLens download). */
  MOVIELENS_DIR: z
    .string()
    .refine((dir) => MOVIELENS_FILES.every((file) => existsSync(resolve(dir, file))), {
      message: `must be a folder holding ${MOVIELENS_FILES.join(' and ')}`,
    })
    .optional(),
  /** Skip seeding an empty catalog with ml-latest-small. */
  SKIP_SEED: booleanFlag(false),
  /** Skip building the web app (API and GraphQL only). */
  SKIP_WEB: booleanFlag(false),
};

export type LocalConfig = ReturnType<typeof loadLocalConfig>;

export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env) {
  const dotEnv = join(repoRoot, '.env');
  if (env === process.env && existsSync(dotEnv)) process.loadEnvFile(dotEnv);
  const config = parseEnv('npm start', localEnv, env);
  const inRepo = (dir: string) => (isAbsolute(dir) ? dir : join(repoRoot, dir));
  return { ...config, DATA_DIR: inRepo(config.DATA_DIR), TOOLS_DIR: inRepo(config.TOOLS_DIR) };
}
