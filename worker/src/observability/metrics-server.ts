import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkerHealth } from './worker-health';
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
 * The worker's HTTP endpoints on WORKER_METRICS_HOST:WORKER_METRICS_PORT. `/metrics`: its own metrics (process,
 * import, retrain) followed by the Temporal SDK's, so Prometheus scrapes one endpoint. `/healthz` (liveness): 200
 * whenever the event loop is free to answer. `/readyz` (readiness): 200 when every WorkerHealth check passes,
 * else 503; both JSON with each check. Listens once the app is bootstrapped (the in-process test workers call
 * `listen` themselves).
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    @Inject(METRICS_SERVER_OPTIONS) private readonly options: MetricsServerOptions,
    private readonly metrics: WorkerMetrics,
    private readonly health: WorkerHealth,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.listen();
  }

  async listen(): Promise<void> {
    const json = (res: ServerResponse, status: number, body: object) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const server = createServer((req, res) => {
      const path = req.url?.split('?', 1)[0];
      if (req.method !== 'GET') res.writeHead(405).end();
      else if (path === '/metrics')
        this.text().then(
          (text) => res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(text),
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
      else if (path === '/healthz') json(res, 200, { alive: true, uptimeSeconds: Math.round(process.uptime()) });
      else if (path === '/readyz') this.health.readiness().then((readiness) => json(res, readiness.ready ? 200 : 503, readiness));
      else res.writeHead(404).end();
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
    return `${this.origin}/metrics`;
  }

  /** `http://host:port` of the endpoints (after `listen`). */
  get origin(): string {
    const { address, port } = this.server?.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
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
