import type { MovieDetailsStatus } from '@reelrank/prisma';
import type { MovieToEnrich } from '@reelrank/workflows';
import type { Pool } from 'pg';
import { toMovieDetails } from './tmdb-movie';
import type { MovieLookup } from './tmdb-movie-source';

/** A movie_details row as written: a NOT_FOUND row has no data and empty lists. */
export interface MovieDetailsRow {
  movie_id: number;
  tmdb_id: number;
  status: MovieDetailsStatus;
  overview: string | null;
  tagline: string | null;
  runtime: number | null;
  /** YYYY-MM-DD (a date column). */
  release_date: string | null;
  original_language: string | null;
  poster_path: string | null;
  backdrop_path: string | null;
  vote_average: number | null;
  vote_count: number | null;
  popularity: number | null;
  genres: string[];
  keywords: string[];
  directors: string[];
  /** JSON text of the top-billed cast (jsonb), null for NOT_FOUND. */
  cast: string | null;
  fetched_at: Date;
}

export function movieDetailsRow(movie: MovieToEnrich, lookup: MovieLookup): MovieDetailsRow {
  const row = { movie_id: movie.movieId, tmdb_id: movie.tmdbId, fetched_at: lookup.fetchedAt };
  if (lookup.status !== 'found') {
    return {
      ...row,
      status: 'NOT_FOUND',
      overview: null,
      tagline: null,
      runtime: null,
      release_date: null,
      original_language: null,
      poster_path: null,
      backdrop_path: null,
      vote_average: null,
      vote_count: null,
      popularity: null,
      genres: [],
      keywords: [],
      directors: [],
      cast: null,
    };
  }
  const details = toMovieDetails(lookup.movie);
  return {
    ...row,
    status: 'ENRICHED',
    overview: details.overview,
    tagline: details.tagline,
    runtime: details.runtime,
    release_date: details.releaseDate,
    original_language: details.originalLanguage,
    poster_path: details.posterPath,
    backdrop_path: details.backdropPath,
    vote_average: details.voteAverage,
    vote_count: details.voteCount,
    popularity: details.popularity,
    genres: details.genres,
    keywords: details.keywords,
    directors: details.directors,
    cast: JSON.stringify(details.cast),
  };
}

/** Every column of movie_details, in the order of the upsert's parameters. */
export const MOVIE_DETAILS_COLUMNS = [
  'movie_id',
  'tmdb_id',
  'status',
  'overview',
  'tagline',
  'runtime',
  'release_date',
  'original_language',
  'poster_path',
  'backdrop_path',
  'vote_average',
  'vote_count',
  'popularity',
  'genres',
  'keywords',
  'directors',
  'cast',
  'fetched_at',
] as const satisfies readonly (keyof MovieDetailsRow)[];

const UPSERT_MOVIE_DETAILS = `INSERT INTO movie_details (${MOVIE_DETAILS_COLUMNS.map((column) => `"${column}"`).join(', ')})
  VALUES (${MOVIE_DETAILS_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (movie_id) DO UPDATE SET ${MOVIE_DETAILS_COLUMNS.slice(1)
    .map((column) => `"${column}" = excluded."${column}"`)
    .join(', ')}`;

/** Inserts or replaces the movie's movie_details row. */
export async function storeMovieDetails(pool: Pool, movie: MovieToEnrich, lookup: MovieLookup): Promise<void> {
  const row = movieDetailsRow(movie, lookup);
  await pool.query(
    UPSERT_MOVIE_DETAILS,
    MOVIE_DETAILS_COLUMNS.map((column) => row[column]),
  );
}
