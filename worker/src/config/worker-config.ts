import { databaseEnv, nodeEnv, parseEnv, s3Env, taskQueueEnv, temporalEnv, tracingEnv, url } from '@reelrank/config';
import { z } from 'zod';

export const workerEnv = {
  ...nodeEnv,
  ...databaseEnv,
  ...temporalEnv,
  ...taskQueueEnv,
  ...s3Env,
  ...tracingEnv,
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(20),
  /** TMDB v3 API key or v4 read-access token; without either, enrichment is skipped. */
  TMDB_API_KEY: z.string().min(1).optional(),
  TMDB_READ_ACCESS_TOKEN: z.string().min(1).optional(),
  TMDB_BASE_URL: url(['http', 'https']).default('https://api.themoviedb.org'),
  TMDB_REQUESTS_PER_SECOND: z.coerce.number().positive().max(1000).default(40),
  TMDB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** ALS worker threads for training (0: all cores, at most 8). */
  TRAINING_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  /** Activities run at once on the training task queue (each uses the shared ALS threads). */
  TRAINING_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Engagement trigger: new ratings that start a retrain, and seconds without new ratings before it starts. */
  RETRAIN_MIN_NEW_RATINGS: z.coerce.number().int().min(1).max(100_000_000).default(50),
  RETRAIN_QUIET_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
};

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

/** Validates the worker's environment; throws a one-line ConfigError naming every bad variable. */
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) => parseEnv('worker', workerEnv, env);

export const WORKER_CONFIG = Symbol('WorkerConfig');
