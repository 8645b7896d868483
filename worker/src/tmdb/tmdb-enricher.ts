import type { EnrichMovieFailure, EnrichMoviesHeartbeat, EnrichMoviesResult, EnrichTmdbCounters, MovieToEnrich } from '@reelrank/workflows';
import type { ActivityContext } from '../temporal/activity-context';
import { TmdbRequestError, TmdbResponseError } from './tmdb-client';
import type { MovieLookup, TmdbMovieSource } from './tmdb-movie-source';

export interface BatchDependencies {
  source: Pick<TmdbMovieSource, 'get'>;
  /** Writes the movie's details row; errors here (database down) fail the attempt, which Temporal retries. */
  store(movie: MovieToEnrich, lookup: MovieLookup): Promise<void>;
  concurrency: number;
  log?: (message: string) => void;
}

const MAX_FAILURES_REPORTED = 10;

export const zeroCounters = (): EnrichTmdbCounters => ({ enriched: 0, notFound: 0, failed: 0, cached: 0, fetched: 0 });

/**
 * Enriches a batch with bounded concurrency. A movie whose TMDB request fails for good (after the client's
 * retries) counts as `failed` and the batch goes on; any other error (401, database, cancellation) stops the
 * batch and is thrown after the running lookups settle. Progress is heartbeated after every movie; a retried
 * attempt skips the movies the previous one finished and keeps its counters.
 */
export async function enrichBatch(
  movies: MovieToEnrich[],
  deps: BatchDependencies,
  context: ActivityContext<EnrichMoviesHeartbeat>,
): Promise<EnrichMoviesResult> {
  const resumed = context.resumeDetails(readHeartbeat);
  const done = new Set(resumed?.doneMovieIds ?? []);
  const counters = resumed?.counters ?? zeroCounters();
  const failures: EnrichMovieFailure[] = resumed?.failures ?? [];
  const pending = movies.filter((movie) => !done.has(movie.movieId));
  if (resumed) deps.log?.(`resuming a batch of ${movies.length}: ${done.size} done by the previous attempt, ${pending.length} to go`);

  const details = (): EnrichMoviesHeartbeat => ({ doneMovieIds: [...done], counters: { ...counters }, failures: [...failures] });
  const stop = new AbortController();
  const signal = AbortSignal.any([context.signal, stop.signal]);
  let fatal: { error: unknown } | undefined;

  const enrichOne = async (movie: MovieToEnrich) => {
    let lookup: MovieLookup;
    try {
      lookup = await deps.source.get(movie.tmdbId, signal);
    } catch (error) {
      if (!(error instanceof TmdbRequestError || error instanceof TmdbResponseError)) throw error;
      counters.failed++;
      if (failures.length < MAX_FAILURES_REPORTED) failures.push({ ...movie, error: error.message });
      deps.log?.(`movie ${movie.movieId} (TMDB ${movie.tmdbId}) failed: ${error.message}`);
      done.add(movie.movieId);
      context.heartbeat(details());
      return;
    }
    await deps.store(movie, lookup);
    counters[lookup.status === 'found' ? 'enriched' : 'notFound']++;
    counters[lookup.source === 'api' ? 'fetched' : 'cached']++;
    done.add(movie.movieId);
    context.heartbeat(details());
  };

  const queue = [...pending];
  const lane = async () => {
    for (let movie = queue.shift(); movie && !fatal; movie = queue.shift()) {
      try {
        await enrichOne(movie);
      } catch (error) {
        if (!fatal) {
          fatal = { error };
          stop.abort(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, deps.concurrency), pending.length) }, lane));
  if (fatal) throw fatal.error;
  return { ...counters, failures };
}

/** The heartbeat details of a previous attempt, or undefined when absent or not ours. */
function readHeartbeat(value: unknown): EnrichMoviesHeartbeat | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { doneMovieIds, counters, failures } = value as Partial<EnrichMoviesHeartbeat>;
  const numbers = (list: unknown): list is number[] => Array.isArray(list) && list.every((item) => Number.isInteger(item));
  if (!numbers(doneMovieIds) || typeof counters !== 'object' || counters === null) return undefined;
  const zero = zeroCounters();
  const restored = Object.fromEntries(
    Object.keys(zero).map((key) => {
      const count = (counters as unknown as Record<string, unknown>)[key];
      return [key, Number.isInteger(count) ? (count as number) : 0];
    }),
  ) as unknown as EnrichTmdbCounters;
  return { doneMovieIds, counters: restored, failures: Array.isArray(failures) ? failures.slice(0, MAX_FAILURES_REPORTED) : [] };
}
