import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Distinct GraphQL operation names that get their own label; later new names count as `other`. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** Seconds: from a cached field (milliseconds) to a slow retrain trigger or export. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type GraphqlOutcome = 'ok' | 'client_error' | 'server_error';

/** The API's Prometheus metrics (its own registry, so several apps in one test process do not collide). */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  /** Per operation: `operation` (its name, `anonymous`, `unknown` before it is resolved, or `other`), `type`, `outcome`. */
  readonly graphqlDuration = new Histogram({
    name: 'reelrank_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name, type and outcome, with their latency',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** Every HTTP request: `route` is /graphql, /metrics, /api (the REST routes) or static (the web app). */
  readonly httpDuration = new Histogram({
    name: 'reelrank_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status code, with their latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly operationNames = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (!this.operationNames.has(name)) {
      if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
      this.operationNames.add(name);
    }
    return name;
  }
}
