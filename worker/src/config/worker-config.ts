import { databaseEnv, loggingEnv, nodeEnv, parseEnv, s3Env, taskQueueEnv, temporalEnv, tracingEnv, url } from '@reelrank/config';
import { z } from 'zod';

/** A number from `min` to `max` (a whole one when `integer`), with a message saying so. */
const bounded = (min: number, max: number, fallback: number, integer = true) => {
  const message = { message: `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}` };
  const number = z.coerce.number(message).min(min, message).max(max, message);
  return (integer ? number.int(message) : number).default(fallback);
};

export const workerEnv = {
  ...nodeEnv,
  ...loggingEnv,
  ...databaseEnv,
  ...temporalEnv,
  ...taskQueueEnv,
  ...s3Env,
  ...tracingEnv,
  /** Where the worker serves Prometheus `/metrics` (its own and the Temporal SDK's); port 0 takes any free port. */
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_METRICS_PORT: bounded(0, 65535, 9464),
  WORKER_MAX_CONCURRENT_ACTIVITIES: bounded(1, 1000, 20),
  /**
   * Seconds a stopping worker (SIGTERM) lets its running activities finish before it cancels them; a cancelled
   * activity is retried on another worker and resumes from its heartbeat details and S3 markers.
   */
  WORKER_SHUTDOWN_GRACE_SECONDS: bounded(0, 3600, 0),
  /** TMDB v3 API key or v4 read-access token; without either, enrichment is skipped. */
  TMDB_API_KEY: z.string().min(1).optional(),
  TMDB_READ_ACCESS_TOKEN: z.string().min(1).optional(),
  TMDB_BASE_URL: url(['http', 'https']).default('https://api.themoviedb.org'),
  TMDB_REQUESTS_PER_SECOND: z.coerce
    .number({ message: 'must be a number above 0, at most 1000' })
    .positive({ message: 'must be a number above 0, at most 1000' })
    .max(1000, { message: 'must be a number above 0, at most 1000' })
    .default(40),
  TMDB_CONCURRENCY: bounded(1, 64, 8),
  /** ALS worker threads for training (0: all cores, at most 8). */
  TRAINING_THREADS: bounded(0, 64, 0),
  /** Activities run at once on the training task queue (each uses the shared ALS threads). */
  TRAINING_CONCURRENCY: bounded(1, 32, 2),
  /** Engagement trigger: new ratings that start a retrain, and seconds without new ratings before it starts. */
  RETRAIN_MIN_NEW_RATINGS: bounded(1, 100_000_000, 50),
  RETRAIN_QUIET_SECONDS: bounded(0, 86_400, 30, false),
};

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

/** Validates the worker's environment; throws a one-line ConfigError naming every bad variable. */
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) => parseEnv('worker', workerEnv, env);

export const WORKER_CONFIG = Symbol('WorkerConfig');
