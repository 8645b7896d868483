import { z } from 'zod';
import { ConfigError, databaseEnv, parseEnv, port, s3Env, taskQueueEnv, taskQueuesOf, temporalEnv, tracingEnv } from './env';

describe('parseEnv', () => {
  const shape = { ...databaseEnv, ...temporalEnv, ...s3Env, PORT: port(3000) };
  const valid = {
    DATABASE_URL: 'postgresql://app:secret@localhost:5433/reelrank',
    S3_ACCESS_KEY_ID: 'key',
    S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('applies defaults and coerces types', () => {
    const config = parseEnv('api', shape, valid);
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_ADDRESS).toBe('localhost:7233');
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    expect(config.S3_BUCKET).toBe('reelrank');
  });

  it('names every missing variable in one line', () => {
    const error = capture(() => parseEnv('api', shape, {}));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^Invalid environment for api: /);
    expect(error.message).toContain('DATABASE_URL: is required (unset)');
    expect(error.message).toContain('S3_ACCESS_KEY_ID: is required (unset)');
    expect(error.message).not.toContain('\n');
  });

  it('keeps each problem apart for callers that print one per line', () => {
    const error = capture(() => parseEnv('worker', shape, { ...valid, PORT: 'eighty', S3_BUCKET: 'Bad_Bucket' })) as ConfigError;
    expect(error.service).toBe('worker');
    expect(error.problems).toEqual([
      'S3_BUCKET: must be a valid S3 bucket name (got "Bad_Bucket")',
      'PORT: must be a port number from 1 to 65535 (got "eighty")',
    ]);
  });

  it.each([
    ['PORT', 'eighty', /PORT: must be a port number from 1 to 65535 \(got "eighty"\)/],
    ['PORT', '70000', /PORT: must be a port number from 1 to 65535 \(got "70000"\)/],
    ['PORT', '80.5', /PORT: must be a port number/],
    ['DATABASE_URL', 'mysql://localhost/x', /DATABASE_URL: must be a postgres or postgresql URL \(got a value of 19 characters\)/],
    ['TEMPORAL_ADDRESS', 'localhost', /TEMPORAL_ADDRESS: must be host:port/],
    ['S3_FORCE_PATH_STYLE', 'maybe', /S3_FORCE_PATH_STYLE: must be true or false/],
    ['S3_BUCKET', 'Bad_Bucket', /S3_BUCKET: must be a valid S3 bucket name/],
  ])('rejects %s=%s with an explanation', (variable, value, message) => {
    const error = capture(() => parseEnv('worker', shape, { ...valid, [variable]: value }));
    expect(error.message).toMatch(message);
  });

  it('never prints the value of a secret', () => {
    const error = capture(() =>
      parseEnv('api', { JWT_SECRET: z.string().min(32), ...databaseEnv }, { JWT_SECRET: 'hunter2', DATABASE_URL: 'mysql://u:pw@db/x' }),
    );
    expect(error.message).toContain('JWT_SECRET: Too small: expected string to have >=32 characters (got a value of 7 characters)');
    expect(error.message).toContain('DATABASE_URL: must be a postgres or postgresql URL (got a value of 17 characters)');
    expect(error.message).not.toMatch(/hunter2|pw@db/);
  });

  it('reads the task queues of both apps, by role', () => {
    expect(taskQueuesOf(parseEnv('api', taskQueueEnv, {}))).toEqual({ main: 'reelrank-main', training: 'reelrank-training' });
    expect(taskQueuesOf(parseEnv('worker', taskQueueEnv, { PIPELINE_TASK_QUEUE: 'a', TRAINING_TASK_QUEUE: 'b' }))).toEqual({
      main: 'a',
      training: 'b',
    });
    expect(capture(() => parseEnv('worker', taskQueueEnv, { TRAINING_TASK_QUEUE: '' })).message).toMatch(
      /^Invalid environment for worker: TRAINING_TASK_QUEUE: /,
    );
  });

  it('turns tracing on only with an http(s) OTLP endpoint', () => {
    expect(parseEnv('api', tracingEnv, {})).toEqual({});
    expect(parseEnv('api', tracingEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      'http://collector:4318',
    );
    expect(capture(() => parseEnv('api', tracingEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).message).toBe(
      'Invalid environment for api: OTEL_EXPORTER_OTLP_ENDPOINT: must be a http or https URL (got "collector:4318")',
    );
  });

  it('accepts extra shapes', () => {
    expect(parseEnv('x', { LEVEL: z.enum(['a', 'b']) }, { LEVEL: 'b' }).LEVEL).toBe('b');
  });
});

function capture(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
