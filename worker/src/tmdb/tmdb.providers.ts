import { Logger, type Provider } from '@nestjs/common';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { TmdbClient } from './tmdb-client';

/** The worker's TMDB client, from its environment (TMDB_*). Tests override the `TmdbClient` provider. */
export function createTmdbClient(config: WorkerConfig): TmdbClient {
  const logger = new Logger('TmdbClient');
  return new TmdbClient({
    baseUrl: config.TMDB_BASE_URL,
    apiKey: config.TMDB_API_KEY,
    readAccessToken: config.TMDB_READ_ACCESS_TOKEN,
    requestsPerSecond: config.TMDB_REQUESTS_PER_SECOND,
    concurrency: config.TMDB_CONCURRENCY,
    onRetry: ({ tmdbId, attempt, delayMs, reason }) =>
      logger.debug(`movie ${tmdbId}: attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`),
  });
}

export const tmdbClientProvider: Provider = { provide: TmdbClient, useFactory: createTmdbClient, inject: [WORKER_CONFIG] };
