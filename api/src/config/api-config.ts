import {
  booleanFlag,
  ConfigError,
  optionalBooleanFlag,
  databaseEnv,
  loggingEnv,
  nodeEnv,
  parseEnv,
  port,
  s3Env,
  taskQueueEnv,
  temporalEnv,
  tracingEnv,
} from '@reelrank/config';
import { DEFAULT_RETRAIN_CRON } from '@reelrank/workflows';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { normalizeEmail } from '../auth/email-address';

/** A five-field cron expression (minute hour day-of-month month day-of-week), as Temporal schedules take it. */
const cronExpression = z
  .string()
  .trim()
  .superRefine((cron, context) => {
    const fields = cron.split(/\s+/).length;
    if (fields !== 5) {
      context.addIssue({ code: 'custom', message: `must be a cron expression of five fields, e.g. "0 3 * * *" (got ${fields})` });
      return;
    }
    try {
      CronExpressionParser.parse(cron);
    } catch (error) {
      context.addIssue({ code: 'custom', message: `is not a valid cron expression: ${(error as Error).message}` });
    }
  });

/** An IANA time zone name, e.g. Europe/Paris. */
const timeZone = z
  .string()
  .trim()
  .refine(
    (name) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: name });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone, e.g. UTC or Europe/Paris' },
  );

export const apiEnv = {
  ...nodeEnv,
  ...loggingEnv,
  ...databaseEnv,
  ...temporalEnv,
  ...taskQueueEnv,
  ...s3Env,
  ...tracingEnv,
  API_PORT: port(3000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** Serve GraphiQL at /graphql in browsers; default on except in production. */
  GRAPHIQL: optionalBooleanFlag,
  /** Answer introspection queries; default on except in production, where GRAPHIQL=true turns it on too. */
  GRAPHQL_INTROSPECTION: optionalBooleanFlag,
  /** A built web app (web/dist/browser) to serve at / beside /graphql; unset when a web server fronts the API. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** HMAC key (HS256) of the access tokens; at least 32 characters, e.g. `openssl rand -base64 48`. */
  JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }),
  /** Access token lifetime: seconds, or a number with unit s, m, h, d or w (e.g. 7d). */
  JWT_TTL: z
    .string()
    .regex(/^\d+[smhdw]?$/, { message: 'must be seconds or a number with unit s, m, h, d or w, e.g. 7d' })
    .default('7d'),
  /** With ADMIN_PASSWORD: the admin account created (or promoted) at startup. */
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).transform(normalizeEmail).optional(),
  ADMIN_PASSWORD: z.string().min(8, { message: 'must be at least 8 characters' }).max(128).optional(),
  /** Enables the demoLogIn mutation: sign in as any MovieLens user without a password. Never in production. */
  DEMO_LOGIN_ENABLED: booleanFlag(false),
  /** Mutations per minute per signed-in user (or per client IP when anonymous). */
  MUTATION_RATE_LIMIT: z.coerce.number({ message: 'must be a positive integer' }).int().min(1).default(60),
  /** signUp, logIn and demoLogIn calls per minute per client IP. */
  AUTH_RATE_LIMIT: z.coerce.number({ message: 'must be a positive integer' }).int().min(1).default(10),
  /** Root query fields (each alias counts) per second per signed-in user (or per client IP when anonymous). */
  QUERY_RATE_LIMIT: z.coerce.number({ message: 'must be a positive integer' }).int().min(1).default(20),
  /** Deepest GraphQL selection accepted. */
  GRAPHQL_MAX_DEPTH: z.coerce.number({ message: 'must be a positive integer' }).int().min(1).default(8),
  /** Highest estimated GraphQL query cost accepted (100 onboarding movie cards with their genres are about 1300). */
  GRAPHQL_MAX_COMPLEXITY: z.coerce.number({ message: 'must be a positive integer' }).int().min(1).default(2000),
  /** Most aliases in a GraphQL operation. */
  GRAPHQL_MAX_ALIASES: z.coerce.number({ message: 'must be a non-negative integer' }).int().min(0).default(15),
  /** Most directives in a GraphQL operation. */
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number({ message: 'must be a non-negative integer' }).int().min(0).default(50),
  /** Most tokens in a GraphQL document (GraphiQL's introspection query has about 200). */
  GRAPHQL_MAX_TOKENS: z.coerce.number({ message: 'must be a positive integer' }).int().min(1).default(1000),
  /** Trust X-Forwarded-For from one proxy hop (nginx, ingress) for client IPs in rate limits. */
  TRUST_PROXY: booleanFlag(false),
  /** Users with fewer ratings get cold-start (popular, well-rated) recommendations instead of personal ones. */
  RECOMMENDATIONS_MIN_RATINGS: z.coerce.number({ message: 'must be a positive integer' }).int().min(1).default(5),
  /** At most this often (seconds) the API re-reads active_model for the in-memory models; 0 checks on every use. */
  RECOMMENDATIONS_MODEL_CHECK_SECONDS: z.coerce.number({ message: 'must be a number of seconds >= 0' }).min(0).default(5),
  /** How long (seconds) a user's folded-in profile and picks stay cached; a rating change replaces them at once. */
  RECOMMENDATIONS_CACHE_SECONDS: z.coerce.number({ message: 'must be a number of seconds >= 0' }).min(0).default(300),
  /** Most users whose folded-in profiles are cached at once (least recently used are dropped). */
  RECOMMENDATIONS_CACHE_SIZE: z.coerce.number({ message: 'must be a non-negative integer' }).int().min(0).default(10000),
  /** Create (or update) the nightly retrain schedule at startup, retrying in the background while Temporal is down. */
  RETRAIN_SCHEDULE_ENABLED: booleanFlag(true),
  /** When the scheduled retrain runs (an existing schedule is updated at startup when it changed). */
  RETRAIN_SCHEDULE_CRON: cronExpression.default(DEFAULT_RETRAIN_CRON),
  /** The time zone of RETRAIN_SCHEDULE_CRON. */
  RETRAIN_SCHEDULE_TIMEZONE: timeZone.default('UTC'),
  /** Signal the engagement retrain coordinator after each rating (fire-and-forget). */
  RETRAIN_ENGAGEMENT_ENABLED: booleanFlag(true),
};

export type ApiConfig = ReturnType<typeof loadApiConfig>;

/** Validates the API's environment; throws a one-line ConfigError naming every bad variable. */
export const loadApiConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const config = parseEnv('api', apiEnv, env);
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    throw new ConfigError('api', ['ADMIN_EMAIL and ADMIN_PASSWORD must be set together']);
  }
  const production = config.NODE_ENV === 'production';
  const GRAPHIQL = config.GRAPHIQL ?? !production;
  const GRAPHQL_INTROSPECTION = config.GRAPHQL_INTROSPECTION ?? (!production || GRAPHIQL);
  if (GRAPHIQL && !GRAPHQL_INTROSPECTION) {
    throw new ConfigError('api', ['GRAPHIQL=true needs GRAPHQL_INTROSPECTION=true (GraphiQL reads the schema by introspection)']);
  }
  return { ...config, GRAPHIQL, GRAPHQL_INTROSPECTION };
};

export const API_CONFIG = Symbol('ApiConfig');
