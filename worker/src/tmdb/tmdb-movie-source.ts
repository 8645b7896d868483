import { parseTmdbMovie, type TmdbClient } from './tmdb-client';
import type { TmdbResponseCache } from './tmdb-cache';
import type { TmdbMovie } from './tmdb-movie';

/** A movie's TMDB answer and where it came from. */
export type MovieLookup = {
  /** `cache`: object storage, or the answer of a concurrent lookup of the same tmdbId; `api`: fetched now. */
  source: 'cache' | 'api';
  fetchedAt: Date;
} & ({ status: 'found'; movie: TmdbMovie } | { status: 'not_found' });

/**
 * Cache first, then TMDB (and the answer is cached before it is used). Concurrent lookups of one tmdbId
 * share one request: MovieLens maps two movies to TMDB 4912.
 */
export class TmdbMovieSource {
  private readonly inFlight = new Map<number, Promise<MovieLookup>>();

  constructor(
    private readonly client: TmdbClient,
    private readonly cache: TmdbResponseCache,
  ) {}

  async get(tmdbId: number, signal?: AbortSignal): Promise<MovieLookup> {
    const running = this.inFlight.get(tmdbId);
    if (running) return { ...(await running), source: 'cache' };
    const lookup = this.lookup(tmdbId, signal).finally(() => this.inFlight.delete(tmdbId));
    this.inFlight.set(tmdbId, lookup);
    return lookup;
  }

  private async lookup(tmdbId: number, signal: AbortSignal | undefined): Promise<MovieLookup> {
    const cached = await this.cache.get(tmdbId, signal);
    if (cached) {
      return cached.status === 'found'
        ? { status: 'found', movie: parseTmdbMovie(cached.body), source: 'cache', fetchedAt: cached.fetchedAt }
        : { status: 'not_found', source: 'cache', fetchedAt: cached.fetchedAt };
    }
    const response = await this.client.fetchMovie(tmdbId, { signal });
    const fetchedAt = new Date();
    // Cached before parsing: a body our schema rejects is not fetched again once the parser is fixed.
    await this.cache.put(response, fetchedAt, signal);
    return response.status === 'found'
      ? { status: 'found', movie: parseTmdbMovie(response.body), source: 'api', fetchedAt }
      : { status: 'not_found', source: 'api', fetchedAt };
  }
}
