import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiMetrics } from './api-metrics';

/** The `route` label: the API's few path families, everything else is the web app's static files. */
function routeOf(url: string): string {
  const path = url.split('?', 1)[0];
  if (path === '/graphql' || path === '/metrics') return path;
  if (path.startsWith('/api/')) return '/api';
  return 'static';
}

/** Times every HTTP request into `reelrank_http_request_duration_seconds`. */
export const httpMetricsMiddleware =
  (metrics: ApiMetrics) =>
  (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void => {
    const stop = metrics.httpDuration.startTimer({ method: req.method, route: routeOf(req.originalUrl ?? req.url ?? '/') });
    res.once('finish', () => stop({ status: String(res.statusCode) }));
    next();
  };
