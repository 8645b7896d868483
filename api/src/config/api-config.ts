import { booleanFlag, databaseEnv, nodeEnv, parseEnv, port, s3Env, temporalEnv } from '@reelrank/common';
import { z } from 'zod';

export const apiEnv = {
  ...nodeEnv,
  ...databaseEnv,
  ...temporalEnv,
  ...s3Env,
  API_PORT: port(3000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  GRAPHIQL: booleanFlag(true),
  /** A built web app (web/dist/browser) to serve at / beside /graphql; unset when a web server fronts the API. */
  WEB_DIST_DIR: z.string().min(1).optional(),
};

export type ApiConfig = ReturnType<typeof loadApiConfig>;

/** Validates the API's environment; throws a one-line ConfigError naming every bad variable. */
export const loadApiConfig = (env: NodeJS.ProcessEnv = process.env) => parseEnv('api', apiEnv, env);

export const API_CONFIG = Symbol('ApiConfig');
