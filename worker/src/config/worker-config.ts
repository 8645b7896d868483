import { databaseEnv, nodeEnv, parseEnv, s3Env, temporalEnv } from '@reelrank/common';
import { z } from 'zod';

export const workerEnv = {
  ...nodeEnv,
  ...databaseEnv,
  ...temporalEnv,
  ...s3Env,
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(20),
};

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

/** Validates the worker's environment; throws a one-line ConfigError naming every bad variable. */
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) => parseEnv('worker', workerEnv, env);

export const WORKER_CONFIG = Symbol('WorkerConfig');
