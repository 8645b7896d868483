import { Injectable } from '@nestjs/common';
import { MovieDetailsStatus, Prisma } from '@reelrank/database';
import { PrismaService } from '@reelrank/server';
import { decodeCursor, encodeCursor, type CursorPosition } from '../graphql/cursor';
import { badUserInput } from '../graphql/errors';
import { type ConnectionShape, type Edge, toConnection } from '../graphql/pagination';
import { MovieSort, type MovieFilter, type MoviesArgs } from './dto/movies.args';
import type { Rating } from '../ratings/models/rating.model';
import type { Movie, MovieDetails, MovieTag } from './models/movie.model';
import { RATING_PRIOR } from './rating-prior';

export interface MovieStats {
  ratingCount: number;
  ratingSum: number;
}

export interface MovieLinks {
  imdbId: string | null;
  tmdbId: number | null;
}

/** A movie with what its card shows besides it: stats, and whether it has ENRICHED details. */
export interface MovieCard {
  movie: Movie;
  stats: MovieStats;
  enriched: boolean;
}

/** A page of movies plus what the page query already knows of them, for priming the request's loaders. */
export interface MoviePage {
  connection: ConnectionShape<Movie>;
  /** The page's movies with their stats, details flag and, when the caller was given, the caller's rating (null: none). */
  cards: (MovieCard & { myRating?: Rating | null })[];
}

/** Weight of a tag match relative to a title match in RELEVANCE (title scores are in 0..1). */
const TAG_MATCH_WEIGHT = 0.6;
const TMDB_IMAGES = 'https://image.tmdb.org/t/p';

interface SortSpec {
  /** SQL of the sort key, over `m` (movies), `s` (movie_rating_stats) and `h` (search matches). */
  key: Prisma.Sql;
  direction: 'ASC' | 'DESC';
  /** SQL type to cast a cursor's key text back to. */
  type: 'integer' | 'float8' | 'numeric' | 'text';
}

/**
 * Sort keys. A key printed into a cursor must compare equal to the same row's key on the next page, so that
 * pagination never skips or repeats a row: RELEVANCE is numeric (exact), RATING is float8, which PostgreSQL
 * prints exactly (the shortest text that reads back as the same double, its default since version 12) and
 * computes for every movie a dozen times faster than the same quotient in numeric.
 */
const SORTS: Record<MovieSort, SortSpec> = {
  [MovieSort.POPULARITY]: { key: Prisma.sql`coalesce(s.rating_count, 0)`, direction: 'DESC', type: 'integer' },
  [MovieSort.RATING]: {
    key: Prisma.sql`((coalesce(s.rating_sum, 0) + ${Prisma.raw(String(RATING_PRIOR.mean * RATING_PRIOR.weight))}) / (coalesce(s.rating_count, 0) + ${Prisma.raw(String(RATING_PRIOR.weight))}))`,
    direction: 'DESC',
    type: 'float8',
  },
  [MovieSort.TITLE]: { key: Prisma.sql`m.title`, direction: 'ASC', type: 'text' },
  [MovieSort.YEAR]: { key: Prisma.sql`coalesce(m.year, 0)`, direction: 'DESC', type: 'integer' },
  [MovieSort.RELEVANCE]: { key: Prisma.sql`h.relevance`, direction: 'DESC', type: 'numeric' },
};

interface MovieRow {
  id: number;
  title: string;
  year: number | null;
  ratingCount: number;
  ratingSum: number;
  sortKey: string;
  /** count(*) OVER (): every match, when the page query counts them. */
  totalCount?: number;
  enriched: boolean;
  /** The caller's rating, when the page query reads it. */
  myRating?: number | null;
  myRatedAt?: Date | null;
}

export interface MovieListOptions {
  /** The client selects totalCount: a first page counts the matches in the same query. */
  withTotal?: boolean;
  /** The caller (a valid token), whose ratings of the page are read with it. */
  userId?: number | null;
}

@Injectable()
export class MoviesService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One page of the catalog; see MovieFilter and MovieSort for the semantics. One query returns the page with
   * what a movie card shows (stats, whether TMDB details exist, the caller's rating) and, on a first page whose
   * totalCount is selected, the number of matches (count(*) OVER (), from the same pass over them). A later
   * page counts in a second query, only when totalCount is selected.
   */
  async list(args: MoviesArgs, options: MovieListOptions = {}): Promise<MoviePage> {
    const filter = args.filter ?? {};
    const search = normalizeSearch(filter.search);
    const sort = args.sort ?? (search ? MovieSort.RELEVANCE : MovieSort.POPULARITY);
    if (sort === MovieSort.RELEVANCE && !search) throw badUserInput('sort', 'RELEVANCE needs filter.search');
    if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
      throw badUserInput('filter.yearTo', 'must not be before filter.yearFrom');
    }
    const cursorKind = `movies:${sort}`;
    const position = args.after ? decodeCursor(args.after, cursorKind) : undefined;
    const spec = SORTS[sort];
    const from = this.fromClause(search);
    const conditions = this.conditions(filter);
    const counted = Boolean(options.withTotal) && !position;
    const userId = options.userId ?? null;
    const direction = Prisma.raw(spec.direction);

    // The inner query orders and cuts the matches; the outer one adds the rest for the page's rows only
    // (printing every match's sort key as text cost as much as sorting them).
    const rows = await this.prisma.$queryRaw<MovieRow[]>`
      ${from.with}
      SELECT page.id, page.title, page.year, page."ratingCount", page."ratingSum", page.key::text AS "sortKey",
             ${counted ? Prisma.sql`page."totalCount",` : Prisma.empty}
             EXISTS (SELECT 1 FROM movie_details d WHERE d.movie_id = page.id AND d.status = 'ENRICHED') AS enriched
             ${userId === null ? Prisma.empty : Prisma.sql`, r.rating::float8 AS "myRating", r.rated_at AS "myRatedAt"`}
      FROM (
        SELECT m.id, m.title, m.year,
               coalesce(s.rating_count, 0)::integer AS "ratingCount",
               coalesce(s.rating_sum, 0)::float8 AS "ratingSum",
               ${spec.key} AS key
               ${counted ? Prisma.sql`, count(*) OVER ()::integer AS "totalCount"` : Prisma.empty}
        ${from.tables}
        WHERE ${and([...conditions, ...(position ? [keyset(spec, position)] : [])])}
        ORDER BY ${spec.key} ${direction}, m.id ASC
        LIMIT ${args.first + 1}
      ) page
      ${userId === null ? Prisma.empty : Prisma.sql`LEFT JOIN ratings r ON r.user_id = ${userId} AND r.movie_id = page.id`}
      ORDER BY page.key ${direction}, page.id ASC`;

    const total = counted
      ? (rows[0]?.totalCount ?? 0)
      : async () => {
          const [{ count }] = await this.prisma.$queryRaw<{ count: number }[]>`
            ${from.with}
            SELECT count(*)::integer AS count ${from.tables} WHERE ${and(conditions)}`;
          return count;
        };
    const toEdge = (row: MovieRow): Edge<Movie> => ({
      cursor: encodeCursor(cursorKind, { key: row.sortKey, id: row.id }),
      node: { id: row.id, title: row.title, year: row.year },
    });
    const page = rows.slice(0, args.first);
    return {
      connection: toConnection(rows, args.first, toEdge, total),
      cards: page.map((row) => ({
        movie: { id: row.id, title: row.title, year: row.year },
        stats: { ratingCount: row.ratingCount, ratingSum: row.ratingSum },
        enriched: row.enriched,
        ...(userId === null
          ? {}
          : { myRating: row.myRating == null ? null : { movieId: row.id, rating: row.myRating, ratedAt: row.myRatedAt! } }),
      })),
    };
  }

  /** Batch lookups for the request's DataLoaders: one query per batch. */
  async findByIds(ids: readonly number[]): Promise<Map<number, Movie>> {
    const rows = await this.prisma.movie.findMany({ where: { id: { in: [...ids] } }, select: { id: true, title: true, year: true } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Movies with their stats and whether they have ENRICHED details (what a movie card shows besides them), in one query. */
  async cardsByIds(ids: readonly number[]): Promise<Map<number, MovieCard>> {
    const rows = await this.prisma.$queryRaw<(Movie & MovieStats & { enriched: boolean })[]>`
      SELECT m.id, m.title, m.year, coalesce(s.rating_count, 0)::integer AS "ratingCount",
             coalesce(s.rating_sum, 0)::float8 AS "ratingSum", d.movie_id IS NOT NULL AS enriched
      FROM movies m
      LEFT JOIN movie_rating_stats s ON s.movie_id = m.id
      LEFT JOIN movie_details d ON d.movie_id = m.id AND d.status = 'ENRICHED'
      WHERE m.id = ANY(${[...ids]}::integer[])`;
    return new Map(
      rows.map((row) => [
        row.id,
        {
          movie: { id: row.id, title: row.title, year: row.year },
          stats: { ratingCount: row.ratingCount, ratingSum: row.ratingSum },
          enriched: row.enriched,
        },
      ]),
    );
  }

  async statsByIds(ids: readonly number[]): Promise<Map<number, MovieStats>> {
    const rows = await this.prisma.movieRatingStats.findMany({ where: { movieId: { in: [...ids] } } });
    return new Map(rows.map((row) => [row.movieId, { ratingCount: row.ratingCount, ratingSum: row.ratingSum }]));
  }

  async linksByIds(ids: readonly number[]): Promise<Map<number, MovieLinks>> {
    const rows = await this.prisma.link.findMany({ where: { movieId: { in: [...ids] } } });
    return new Map(rows.map((row) => [row.movieId, { imdbId: row.imdbId, tmdbId: row.tmdbId }]));
  }

  /** TMDB details of ENRICHED movies (a NOT_FOUND row has no data, so it reads as no details). */
  async detailsByIds(ids: readonly number[]): Promise<Map<number, MovieDetails>> {
    const rows = await this.prisma.movieDetails.findMany({
      where: { movieId: { in: [...ids] }, status: MovieDetailsStatus.ENRICHED },
    });
    return new Map(
      rows.map((row) => [
        row.movieId,
        {
          overview: row.overview,
          tagline: row.tagline,
          runtime: row.runtime,
          releaseDate: row.releaseDate ? row.releaseDate.toISOString().slice(0, 10) : null,
          originalLanguage: row.originalLanguage,
          posterUrl: imageUrl('w500', row.posterPath),
          backdropUrl: imageUrl('w1280', row.backdropPath),
          voteAverage: row.voteAverage,
          voteCount: row.voteCount,
          genres: row.genres,
          keywords: row.keywords,
          directors: row.directors,
          cast: castMembers(row.cast),
          fetchedAt: row.fetchedAt,
        },
      ]),
    );
  }

  /** The `limit` most frequent tags of each movie, grouped case-insensitively. */
  async topTags(ids: readonly number[], limit: number): Promise<Map<number, MovieTag[]>> {
    const result = new Map<number, MovieTag[]>();
    if (limit <= 0) return result;
    const rows = await this.prisma.$queryRaw<{ movieId: number; tag: string; count: number }[]>`
      SELECT movie_id AS "movieId", tag, count FROM (
        SELECT movie_id, mode() WITHIN GROUP (ORDER BY tag) AS tag, count(*)::integer AS count,
               row_number() OVER (PARTITION BY movie_id ORDER BY count(*) DESC, lower(btrim(tag))) AS rank
        FROM tags
        WHERE movie_id = ANY(${[...ids]}::integer[])
        GROUP BY movie_id, lower(btrim(tag))
      ) ranked
      WHERE rank <= ${limit}
      ORDER BY movie_id, rank`;
    for (const row of rows) {
      const tags = result.get(row.movieId) ?? [];
      tags.push({ tag: row.tag, count: row.count });
      result.set(row.movieId, tags);
    }
    return result;
  }

  /** FROM clause (and WITH for a search): movies, their stats and, when searching, the matches `h`. */
  private fromClause(search: string | null): { with: Prisma.Sql; tables: Prisma.Sql } {
    if (!search) {
      return { with: Prisma.empty, tables: Prisma.sql`FROM movies m LEFT JOIN movie_rating_stats s ON s.movie_id = m.id` };
    }
    // Both arms use `<%` (word_similarity >= pg_trgm.word_similarity_threshold, default 0.6), which the GIN
    // trigram indexes movies_title_trgm_idx and tags_tag_trgm_idx serve. A title scores the mean of
    // 2 × word similarity (the query matches a word run of the title) and 1 × whole-title similarity
    // (prefers titles without extra words); a tag scores TAG_MATCH_WEIGHT × its word similarity.
    return {
      with: Prisma.sql`
        WITH h AS (
          SELECT movie_id, round(max(score)::numeric, 6) AS relevance FROM (
            SELECT id AS movie_id, (2 * word_similarity(${search}::text, title) + similarity(${search}::text, title)) / 3 AS score
            FROM movies WHERE ${search}::text <% title
            UNION ALL
            SELECT movie_id, ${Prisma.raw(String(TAG_MATCH_WEIGHT))} * word_similarity(${search}::text, tag)
            FROM tags WHERE ${search}::text <% tag
          ) hits
          GROUP BY movie_id
        )`,
      tables: Prisma.sql`FROM movies m JOIN h ON h.movie_id = m.id LEFT JOIN movie_rating_stats s ON s.movie_id = m.id`,
    };
  }

  private conditions(filter: MovieFilter): Prisma.Sql[] {
    const conditions: Prisma.Sql[] = [];
    if (filter.yearFrom != null) conditions.push(Prisma.sql`m.year >= ${filter.yearFrom}`);
    if (filter.yearTo != null) conditions.push(Prisma.sql`m.year <= ${filter.yearTo}`);
    if (filter.minRatings) conditions.push(Prisma.sql`coalesce(s.rating_count, 0) >= ${filter.minRatings}`);
    // One semi-join per genre (each a probe of the movie's few genres), not a grouping of every movie_genres row.
    for (const genre of new Set((filter.genres ?? []).map((name) => name.trim().toLowerCase()))) {
      conditions.push(Prisma.sql`EXISTS (
        SELECT 1 FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id WHERE mg.movie_id = m.id AND lower(g.name) = ${genre})`);
    }
    return conditions;
  }
}

/** Rows after `position` in the order (key direction, id ASC). */
function keyset(spec: SortSpec, position: CursorPosition): Prisma.Sql {
  if (position.key === null) throw badUserInput('after', 'is not a valid cursor for this list and order');
  const value = Prisma.sql`${position.key}::${Prisma.raw(spec.type)}`;
  const beyond = spec.direction === 'DESC' ? Prisma.sql`${spec.key} < ${value}` : Prisma.sql`${spec.key} > ${value}`;
  return Prisma.sql`(${beyond} OR (${spec.key} = ${value} AND m.id > ${position.id}))`;
}

function and(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

/** Trimmed, single-spaced search text; null when blank. */
function normalizeSearch(search: string | null | undefined): string | null {
  const text = search?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

function imageUrl(size: string, path: string | null): string | null {
  return path ? `${TMDB_IMAGES}/${size}${path.startsWith('/') ? '' : '/'}${path}` : null;
}

/** The cast JSON written by enrichment: [{ id, name, character, profilePath, order }], tolerating gaps. */
function castMembers(cast: Prisma.JsonValue | null): MovieDetails['cast'] {
  if (!Array.isArray(cast)) return [];
  return cast.flatMap((entry) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry) || typeof entry.name !== 'string') return [];
    return [
      {
        name: entry.name,
        character: typeof entry.character === 'string' ? entry.character : null,
        profileUrl: typeof entry.profilePath === 'string' ? imageUrl('w185', entry.profilePath) : null,
      },
    ];
  });
}
