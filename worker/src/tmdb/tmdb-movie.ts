import { z } from 'zod';

/**
 * The parts of TMDB's `GET /3/movie/{id}?append_to_response=credits,keywords` answer that Reelrank
 * stores. Lenient on purpose: every field but `id` may be missing or null (TMDB omits fields for sparse
 * entries and the API evolves); unknown fields are dropped.
 */
const named = z.object({ id: z.number().int(), name: z.string() });

const castMemberSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  character: z.string().nullish(),
  profile_path: z.string().nullish(),
  order: z.number().int().nullish(),
});

const crewMemberSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  job: z.string().nullish(),
  department: z.string().nullish(),
});

export const tmdbMovieSchema = z.object({
  id: z.number().int(),
  imdb_id: z.string().nullish(),
  title: z.string().nullish(),
  original_title: z.string().nullish(),
  original_language: z.string().nullish(),
  overview: z.string().nullish(),
  tagline: z.string().nullish(),
  runtime: z.number().nullish(),
  release_date: z.string().nullish(),
  poster_path: z.string().nullish(),
  backdrop_path: z.string().nullish(),
  vote_average: z.number().nullish(),
  vote_count: z.number().int().nullish(),
  popularity: z.number().nullish(),
  genres: z.array(named).nullish(),
  credits: z
    .object({
      cast: z.array(castMemberSchema).nullish(),
      crew: z.array(crewMemberSchema).nullish(),
    })
    .nullish(),
  keywords: z.object({ keywords: z.array(named).nullish() }).nullish(),
});

export type TmdbMovie = z.infer<typeof tmdbMovieSchema>;

/** TMDB's error body, e.g. `{"status_code": 34, "status_message": "...", "success": false}` (`success` is missing in older answers). */
export const tmdbErrorSchema = z.object({
  status_code: z.number().int(),
  status_message: z.string().optional(),
  success: z.boolean().optional(),
});

export type TmdbErrorBody = z.infer<typeof tmdbErrorSchema>;

export interface TmdbCastMember {
  /** TMDB person id. */
  id: number;
  name: string;
  character: string | null;
  profilePath: string | null;
  order: number;
}

/** What Reelrank stores of a movie (the data columns of movie_details). */
export interface TmdbMovieDetails {
  overview: string | null;
  tagline: string | null;
  /** Minutes; null when TMDB does not know (it sends 0 or null). */
  runtime: number | null;
  /** YYYY-MM-DD, or null when missing or not a valid date. */
  releaseDate: string | null;
  originalLanguage: string | null;
  posterPath: string | null;
  backdropPath: string | null;
  voteAverage: number | null;
  voteCount: number | null;
  popularity: number | null;
  genres: string[];
  keywords: string[];
  directors: string[];
  cast: TmdbCastMember[];
}

/** How many billed cast members are kept. */
export const TOP_BILLED_CAST = 10;

export function toMovieDetails(movie: TmdbMovie): TmdbMovieDetails {
  const cast = (movie.credits?.cast ?? [])
    .map((member, index) => ({ member, index }))
    // Billing order first; TMDB's list order breaks ties and places members without an order last.
    .sort((a, b) => (a.member.order ?? Number.MAX_SAFE_INTEGER) - (b.member.order ?? Number.MAX_SAFE_INTEGER) || a.index - b.index)
    .slice(0, TOP_BILLED_CAST)
    .map(({ member, index }) => ({
      id: member.id,
      name: member.name,
      character: text(member.character),
      profilePath: text(member.profile_path),
      order: member.order ?? index,
    }));
  const directors = unique((movie.credits?.crew ?? []).filter((member) => member.job === 'Director').map((member) => member.name));
  return {
    overview: text(movie.overview),
    tagline: text(movie.tagline),
    runtime: movie.runtime && movie.runtime > 0 ? Math.round(movie.runtime) : null,
    releaseDate: isoDate(movie.release_date),
    originalLanguage: text(movie.original_language),
    posterPath: text(movie.poster_path),
    backdropPath: text(movie.backdrop_path),
    voteAverage: movie.vote_average ?? null,
    voteCount: movie.vote_count ?? null,
    popularity: movie.popularity ?? null,
    genres: unique((movie.genres ?? []).map((genre) => genre.name)),
    keywords: unique((movie.keywords?.keywords ?? []).map((keyword) => keyword.name)),
    directors,
    cast,
  };
}

/** Blank strings are "unknown" in TMDB answers. */
function text(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

function isoDate(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : value;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.trim() !== ''))];
}
