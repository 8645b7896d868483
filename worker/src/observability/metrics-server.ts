import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkerMetrics } from './worker-metrics';

export interface MetricsServerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The Temporal SDK's Prometheus endpoint (see installTemporalRuntime); unset when the Runtime exports no metrics. */
  temporalMetricsUrl?: string;
}

export const METRICS_SERVER_OPTIONS = Symbol('MetricsServerOptions');

const SDK_SCRAPE_TIMEOUT_MS = 3000;

/**
 * `/metrics` of the worker on WORKER_METRICS_HOST:WORKER_METRICS_PORT: its own metrics (process, import,
 * retrain) followed by the Temporal SDK's, so Prometheus scrapes one endpoint. Listens once the app is
 * bootstrapped (the in-process test workers call `listen` themselves).
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    @Inject(METRICS_SERVER_OPTIONS) private readonly options: MetricsServerOptions,
    private readonly metrics: WorkerMetrics,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.listen();
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?', 1)[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.text().then(
        (text) => res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, resolve);
    });
    this.server = server;
    this.logger.log(`Metrics on ${this.url}`);
  }

  /** Where `/metrics` is served (after `listen`). */
  get url(): string {
    const { address, port } = this.server?.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}/metrics`;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  private async text(): Promise<string> {
    const own = await this.metrics.registry.metrics();
    const { temporalMetricsUrl } = this.options;
    if (!temporalMetricsUrl) return own;
    try {
      const response = await fetch(temporalMetricsUrl, { signal: AbortSignal.timeout(SDK_SCRAPE_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return `${own}\n${await response.text()}`;
    } catch (error) {
      this.logger.warn(`Temporal SDK metrics unavailable at ${temporalMetricsUrl}: ${(error as Error).message}`);
      return own;
    }
  }
}
