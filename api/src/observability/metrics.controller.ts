import { Controller, Get, Header } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';

/** Prometheus scrapes `/metrics` on the API's port (nginx and the ingress do not forward it). */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
