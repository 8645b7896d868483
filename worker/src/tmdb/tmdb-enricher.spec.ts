import type { EnrichMoviesHeartbeat, MovieToEnrich } from '@reelrank/workflows';
import { TmdbAuthError, TmdbRequestError } from './tmdb-client';
import { NO_ACTIVITY, type ActivityContext } from '../temporal/activity-context';
import { enrichBatch } from './tmdb-enricher';
import type { MovieLookup } from './tmdb-movie-source';

const movies: MovieToEnrich[] = [
  { movieId: 1, tmdbId: 862 },
  { movieId: 2, tmdbId: 8844 },
  { movieId: 3, tmdbId: 404 },
  { movieId: 4, tmdbId: 500 },
  { movieId: 5, tmdbId: 15602 },
];

/** 862 comes from the cache, 404 is not found, 500 fails for good, the rest are fetched. */
function fakeSource(calls: number[] = []) {
  return {
    get: async (tmdbId: number): Promise<MovieLookup> => {
      calls.push(tmdbId);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (tmdbId === 500) throw new TmdbRequestError('TMDB request for movie 500 failed after 6 attempts: HTTP 500', 500, 500, 6);
      const fetchedAt = new Date('2026-11-25T00:00:00Z');
      if (tmdbId === 404) return { status: 'not_found', source: 'api', fetchedAt };
      return { status: 'found', movie: { id: tmdbId }, source: tmdbId === 862 ? 'cache' : 'api', fetchedAt };
    },
  };
}

/** An activity context recording the heartbeats, resuming from `resumeFrom` (an earlier attempt's details). */
function context(resumeFrom?: unknown) {
  const beats: EnrichMoviesHeartbeat[] = [];
  const activity: ActivityContext<EnrichMoviesHeartbeat> = {
    ...NO_ACTIVITY,
    resumeDetails: (read) => (resumeFrom === undefined ? undefined : read(resumeFrom)),
    heartbeat: (details) => void beats.push(details!),
  };
  return { beats, context: activity };
}

describe('enrichBatch', () => {
  it('stores every movie, counts outcomes and sources, and goes on past a movie TMDB keeps failing', async () => {
    const stored: number[] = [];
    const { beats, context: ctx } = context();
    const result = await enrichBatch(
      movies,
      { source: fakeSource(), store: async (movie) => void stored.push(movie.movieId), concurrency: 2 },
      ctx,
    );
    expect(result).toEqual({
      enriched: 3,
      notFound: 1,
      failed: 1,
      cached: 1,
      fetched: 3,
      failures: [{ movieId: 4, tmdbId: 500, error: 'TMDB request for movie 500 failed after 6 attempts: HTTP 500' }],
    });
    expect(stored.sort((a, b) => a - b)).toEqual([1, 2, 3, 5]);
    expect(beats).toHaveLength(5); // one heartbeat per movie
    expect(beats[4].doneMovieIds.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('resumes from the heartbeat details of the previous attempt', async () => {
    const calls: number[] = [];
    const { context: ctx } = context({
      doneMovieIds: [1, 2],
      counters: { enriched: 2, notFound: 0, failed: 0, cached: 1, fetched: 1 },
      failures: [],
    });
    const result = await enrichBatch(movies, { source: fakeSource(calls), store: async () => {}, concurrency: 3 }, ctx);
    expect(calls.sort((a, b) => a - b)).toEqual([404, 500, 15602]);
    expect(result).toMatchObject({ enriched: 3, notFound: 1, failed: 1, cached: 1, fetched: 3 });
  });

  it('ignores heartbeat details that are not its own', async () => {
    const calls: number[] = [];
    const { context: ctx } = context('something else');
    await enrichBatch(movies, { source: fakeSource(calls), store: async () => {}, concurrency: 3 }, ctx);
    expect(calls).toHaveLength(5);
  });

  it('stops at a 401 and throws it once the running lookups settle', async () => {
    const calls: number[] = [];
    const source = {
      get: async (tmdbId: number, signal?: AbortSignal): Promise<MovieLookup> => {
        calls.push(tmdbId);
        if (tmdbId === 8844) throw new TmdbAuthError(7);
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, 50);
          signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)));
        });
        return { status: 'not_found', source: 'api', fetchedAt: new Date() };
      },
    };
    const { context: ctx } = context();
    await expect(enrichBatch(movies, { source, store: async () => {}, concurrency: 2 }, ctx)).rejects.toThrow(TmdbAuthError);
    expect(calls).toEqual([862, 8844]);
  });

  it('fails the attempt when storing fails (the retry resumes)', async () => {
    const { beats, context: ctx } = context();
    const store = async (movie: MovieToEnrich) => {
      if (movie.movieId === 3) throw new Error('database is down');
    };
    await expect(enrichBatch(movies, { source: fakeSource(), store, concurrency: 1 }, ctx)).rejects.toThrow('database is down');
    expect(beats.at(-1)!.doneMovieIds).toEqual([1, 2]);
  });
});
