import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { z } from 'zod';

/** Log settings of the api and the worker. */
export const loggingEnv = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json`: one JSON object per line (stdout, files, collectors); `pretty`: coloured lines for a terminal. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
};

export interface LoggingConfig {
  LOG_LEVEL: z.infer<typeof loggingEnv.LOG_LEVEL>;
  LOG_FORMAT: z.infer<typeof loggingEnv.LOG_FORMAT>;
}

/**
 * The process's pino logger: JSON lines with `service`, an ISO time and the level's name, on stdout unless
 * `destination` is given (tests capture lines this way); pretty only when LOG_FORMAT=pretty.
 */
export function createLogger(service: string, config: LoggingConfig, destination?: DestinationStream): Logger {
  const stream = destination ?? (config.LOG_FORMAT === 'pretty' ? pretty({ sync: true }) : pino.destination({ sync: true }));
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { service },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: stdSerializers.err },
    },
    stream,
  );
}
