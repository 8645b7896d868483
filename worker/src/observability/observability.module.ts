import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config/worker-config';
import { METRICS_SERVER_OPTIONS, type MetricsServerOptions, WorkerMetricsServer } from './metrics-server';
import { WorkerHealth } from './worker-health';
import { WorkerMetrics } from './worker-metrics';

export interface WorkerObservabilityOptions {
  /** The process's pino logger (createLogger); Nest's own logger when unset (tests). */
  logger?: Logger;
  /** The Temporal SDK's Prometheus endpoint, from installTemporalRuntime. */
  temporalMetricsUrl?: string;
}

/** JSON logs through nestjs-pino; Prometheus metrics at the worker's `/metrics`, liveness and readiness at `/healthz` and `/readyz`. */
@Global()
@Module({})
export class WorkerObservabilityModule {
  static forRoot(config: WorkerConfig, options: WorkerObservabilityOptions = {}): DynamicModule {
    const server: MetricsServerOptions = {
      host: config.WORKER_METRICS_HOST,
      port: config.WORKER_METRICS_PORT,
      temporalMetricsUrl: options.temporalMetricsUrl,
    };
    return {
      module: WorkerObservabilityModule,
      imports: [LoggerModule.forRoot(options.logger ? { pinoHttp: { logger: options.logger } } : {})],
      providers: [WorkerMetrics, WorkerHealth, WorkerMetricsServer, { provide: METRICS_SERVER_OPTIONS, useValue: server }],
      exports: [WorkerMetrics, WorkerHealth, WorkerMetricsServer],
    };
  }
}
