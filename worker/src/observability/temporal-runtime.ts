import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { createServer } from 'node:net';
import type { Logger } from 'pino';

/**
 * Temporal SDK metrics the Grafana dashboard charts, as installTemporalRuntime names them (seconds, `_total`
 * counters); the worker's medium test finds each in its /metrics, deploy.spec.ts checks the dashboard uses no other.
 */
export const TEMPORAL_SDK_METRICS = [
  'temporal_worker_task_slots_available',
  'temporal_worker_task_slots_used',
  'temporal_num_pollers',
  'temporal_activity_execution_latency_seconds',
  'temporal_activity_schedule_to_start_latency_seconds',
  'temporal_workflow_task_schedule_to_start_latency_seconds',
  'temporal_workflow_completed_total',
] as const;

/**
 * Installs the process's Temporal Runtime: the SDK's logs (its own, workflow and activity context logs, and
 * the native core's warnings) go to `logger`; its metrics (task slots, pollers, latencies…) are served in
 * Prometheus format on a free loopback port, whose `/metrics` URL is returned for WorkerMetricsServer to
 * serve with the worker's own. Call before any connection or worker is created.
 */
export async function installTemporalRuntime(logger: Logger): Promise<string> {
  const port = await freeLoopbackPort();
  Runtime.install({
    logger: temporalLogger(logger.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      metrics: {
        prometheus: { bindAddress: `127.0.0.1:${port}`, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true },
      },
    },
  });
  return `http://127.0.0.1:${port}/metrics`;
}

/** The SDK's logger interface onto pino; the SDK's metadata (workflowId, runId, activityType…) become fields. */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[pinoLevel(level)](meta ?? {}, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

const pinoLevel = (level: LogLevel) => level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
