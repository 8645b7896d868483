import { type DynamicModule, Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { LoggingConfig } from '@reelrank/config';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiMetrics } from './api-metrics';
import { GraphqlExceptionFilter } from './graphql-exception.filter';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { loggingParams } from './logging';
import { MetricsController } from './metrics.controller';

export interface ObservabilityOptions {
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** Structured logs (nestjs-pino) with request ids, and Prometheus metrics at `/metrics`. */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  constructor(private readonly metrics: ApiMetrics) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetricsMiddleware(this.metrics)).forRoutes('{*path}');
  }

  static forRoot(config: LoggingConfig, options: ObservabilityOptions = {}): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggingParams(config, options.logDestination))],
      controllers: [MetricsController],
      providers: [ApiMetrics, { provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
      exports: [ApiMetrics],
    };
  }
}
