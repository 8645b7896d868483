/**
 * Contracts of the TMDB enrichment activities (implemented by the worker's TmdbEnrichmentActivitiesService).
 * Payloads stay small: ids travel in pages of at most a few hundred, results are counters.
 */

/** A movie whose TMDB details are missing (or were fetched for another tmdbId than links has now). */
export interface MovieToEnrich {
  movieId: number;
  tmdbId: number;
}

export interface ListMoviesToEnrichInput {
  /** Cursor: only movies with a larger MovieLens id (0 to start). */
  afterMovieId: number;
  /** Page size, 1..1000. */
  limit: number;
}

export interface EnrichTmdbCounters {
  /** Movies stored with status ENRICHED. */
  enriched: number;
  /** Movies stored with status NOT_FOUND (TMDB answered 404). */
  notFound: number;
  /** Movies left without details because TMDB kept failing (5xx, 429, timeouts) after the client's retries; the next run retries them. */
  failed: number;
  /** Answers taken from the object-storage cache (or shared with another movie of the same tmdbId), without calling TMDB. */
  cached: number;
  /** Answers fetched from TMDB. */
  fetched: number;
}

export interface EnrichMoviesInput {
  movies: MovieToEnrich[];
}

export interface EnrichMovieFailure {
  movieId: number;
  tmdbId: number;
  error: string;
}

export interface EnrichMoviesResult extends EnrichTmdbCounters {
  /** Up to 10 failures of the batch, for the logs and the workflow result. */
  failures: EnrichMovieFailure[];
}

/** Heartbeat details of enrichMoviesFromTmdb: what a retried attempt skips and the counters so far. */
export interface EnrichMoviesHeartbeat {
  doneMovieIds: number[];
  counters: EnrichTmdbCounters;
  failures: EnrichMovieFailure[];
}

/** ApplicationFailure type of a 401 from TMDB; never retried. */
export const TMDB_AUTH_ERROR_TYPE = 'TmdbAuthError';

export interface TmdbEnrichmentActivities {
  /** Whether TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN is set (workflows cannot read the environment). */
  tmdbCredentialsConfigured(): Promise<boolean>;
  /** How many movies have a tmdbId and no (current) details. */
  countMoviesMissingTmdbDetails(): Promise<number>;
  /** The next page of such movies, ordered by movieId, after the cursor. */
  listMoviesMissingTmdbDetails(input: ListMoviesToEnrichInput): Promise<MovieToEnrich[]>;
  /**
   * Fetches each movie (object-storage cache first, then TMDB) and stores its MovieDetails row.
   * Heartbeats after every movie and resumes from the heartbeat details when retried.
   * A 401 fails with a non-retryable ApplicationFailure of type TMDB_AUTH_ERROR_TYPE.
   */
  enrichMoviesFromTmdb(input: EnrichMoviesInput): Promise<EnrichMoviesResult>;
}
