import { z } from 'zod';

/** Raised at boot when the environment is missing or has a bad value; its message is one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';

  /** `problems`: one per bad variable (or combination of variables), each naming it. */
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`Invalid environment for ${service}: ${problems.join('; ')}`);
  }
}

/** Variables whose values never appear in error messages. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|API_KEY|DATABASE_URL/;

/**
 * Validates `env` against `shape` and returns the typed result, or throws a ConfigError
 * naming the service, every bad variable and what was wrong with it.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  service: string,
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.');
    const value = env[variable];
    if (value === undefined) return `${variable}: is required (unset)`;
    const shown = SECRET_NAME.test(variable) ? `a value of ${value.length} characters` : JSON.stringify(value);
    return `${variable}: ${issue.message} (got ${shown})`;
  });
  throw new ConfigError(service, problems);
}

const portMessage = { message: 'must be a port number from 1 to 65535' };
export const port = (fallback: number) =>
  z.coerce.number(portMessage).int(portMessage).min(1, portMessage).max(65535, portMessage).default(fallback);

export const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a ${protocols.join(' or ')} URL` },
  );

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' });
const isTrue = (value: string) => ['true', '1', 'yes'].includes(value);

export const booleanFlag = (fallback: boolean) => flag.default(fallback ? 'true' : 'false').transform(isTrue);

/** A boolean flag whose default depends on other settings: undefined when unset. */
export const optionalBooleanFlag = flag.optional().transform((value) => (value === undefined ? undefined : isTrue(value)));

export const hostPort = z.string().regex(/^[\w.-]+:\d{1,5}$/, { message: 'must be host:port' });

export const databaseEnv = {
  DATABASE_URL: url(['postgres', 'postgresql']),
};

export const temporalEnv = {
  TEMPORAL_ADDRESS: hostPort.default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_URL: url(['http', 'https']).default('http://localhost:8233'),
};

export const s3Env = {
  S3_ENDPOINT: url(['http', 'https']).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1),
  S3_SECRET_ACCESS_KEY: z.string().min(1),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a valid S3 bucket name' })
    .default('reelrank'),
  S3_FORCE_PATH_STYLE: booleanFlag(true),
};

export const nodeEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
};

/**
 * The worker's two task queues, the same variables for the api (which starts workflows on them) and the worker
 * (which polls them). The defaults are TASK_QUEUES of @reelrank/workflows, which workflows fall back to.
 */
export const taskQueueEnv = {
  /** Pipelines, imports, enrichments, the engagement coordinator and system checks. */
  PIPELINE_TASK_QUEUE: z.string().min(1).default('reelrank-main'),
  /** Retrains: CPU-heavy ALS activities, a few at a time. */
  TRAINING_TASK_QUEUE: z.string().min(1).default('reelrank-training'),
};

/** The configured queue of each task-queue role of the run registry (`main`, `training`). */
export const taskQueuesOf = (config: { PIPELINE_TASK_QUEUE: string; TRAINING_TASK_QUEUE: string }) => ({
  main: config.PIPELINE_TASK_QUEUE,
  training: config.TRAINING_TASK_QUEUE,
});

/**
 * OpenTelemetry tracing, by the standard OTel variables: spans go over OTLP/HTTP to
 * `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`; unset, nothing is traced. Each app names its own default
 * service (reelrank-api, reelrank-worker).
 */
export const tracingEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};
