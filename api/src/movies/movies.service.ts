import { Injectable } from '@nestjs/common';
import { MovieDetailsStatus, Prisma } from '@reelrank/prisma';
import { PrismaService } from '../prisma/prisma.service';
import { decodeCursor, encodeCursor, type CursorPosition } from '../graphql/cursor';
import { badUserInput } from '../graphql/errors';
import { type ConnectionShape, type Edge, toConnection } from '../graphql/pagination';
import { MovieSort, type MovieFilter, type MoviesArgs } from './dto/movies.args';
import type { Rating } from '../ratings/models/rating.model';
import type { Movie, MovieDetails, MovieTag } from './models/movie.model';

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
  /** The key reads movie_rating_stats. */
  stats?: boolean;
}

/**
 * Sort keys. A key printed into a cursor must compare equal to the same row's key on the next page, so that
 * pagination never skips or repeats a row: RELEVANCE is numeric (exact); RATING is the stored float8
 * bayesian_rating, which PostgreSQL prints exactly (the shortest text that reads back as the same double, its
 * default since version 12). Every movie has a movie_rating_stats row, and each key but RELEVANCE has an
 * index with the id as tie-breaker, so an unfiltered page reads its rows in order (YEAR's index puts unknown
 * years first: they are read apart, see walkedPage).
 */
const SORTS: Record<MovieSort, SortSpec> = {
  [MovieSort.POPULARITY]: { key: Prisma.sql`s.rating_count`, direction: 'DESC', type: 'integer', stats: true },
  [MovieSort.RATING]: { key: Prisma.sql`s.bayesian_rating`, direction: 'DESC', type: 'float8', stats: true },
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
  /** Every match, when the page query counts them. */
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

/** The conditions of a filter and search, by what they read. */
interface Matches {
  /** The search's matches with their relevance (`h`), as a common table expression, if searching. */
  search?: Prisma.Sql;
  /** On movies `m` (years). */
  movie: Prisma.Sql[];
  /** On movie_rating_stats `s` (minimum ratings). */
  stats: Prisma.Sql[];
  /** On the movie's id (genres): one per genre name. */
  genre: ((id: Prisma.Sql) => Prisma.Sql)[];
  /** The ids of each genre name (lower case), as SQL, in the order of `genre`. */
  genreIds: Prisma.Sql[];
}

/** A page query: its CTEs, its rows (id, key) in order and the number of matches. */
interface Page {
  with: Prisma.Sql;
  rows: Prisma.Sql;
  total: Prisma.Sql;
}

/** Filtered pages are read in index order when at least one movie in WALK_SHARE matches (see matchedPage). */
const WALK_SHARE = 20;

@Injectable()
export class MoviesService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One page of the catalog; see MovieFilter and MovieSort for the semantics. One query returns the page with
   * what a movie card shows (stats, whether TMDB details exist, the caller's rating) and, on a first page whose
   * totalCount is selected, the number of matches. A later page counts in a second query, only when totalCount
   * is selected.
   *
   * Without a filter or search the page is read in the order of its sort key's index (a few dozen index
   * entries). Otherwise the matches are collected once (see matchedPage). The statements are prepared with
   * generic plans (PrismaService), so their shape, not the planner's view of the values, decides the plan.
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
    const spec = SORTS[sort];
    const position = args.after ? decodeCursor(args.after, cursorKind, spec.type) : undefined;
    const matches = this.matches(filter, search);
    const counted = Boolean(options.withTotal) && !position;
    const userId = options.userId ?? null;
    const direction = Prisma.raw(spec.direction);
    // A literal, not a parameter: the statement is prepared, and a generic plan must know the page is small
    // (with LIMIT $n it planned the page's joins as hash joins over whole tables). At most 101 variants.
    const limit = Prisma.raw(String(args.first + 1));

    const filtered = Boolean(matches.search) || matches.movie.length + matches.stats.length + matches.genre.length > 0;
    const page = filtered ? matchedPage(matches, sort, spec, position, limit) : walkedPage(sort, spec, position, limit);

    // The page's movies, stats, details flag and the caller's rating, probed for its rows only (OFFSET 0 keeps the
    // planner from joining whole tables, or all of the caller's ratings, instead).
    const rows = await this.prisma.$queryRaw<MovieRow[]>`
      ${page.with}
      SELECT page.id, c.title, c.year, c.rating_count AS "ratingCount", c.rating_sum::float8 AS "ratingSum", page.key::text AS "sortKey",
             ${counted ? Prisma.sql`${page.total} AS "totalCount",` : Prisma.empty}
             c.enriched ${userId === null ? Prisma.empty : Prisma.sql`, c.my_rating::float8 AS "myRating", c.my_rated_at AS "myRatedAt"`}
      FROM (${page.rows}) page
      CROSS JOIN LATERAL (
        SELECT m.title, m.year, s.rating_count, s.rating_sum,
               EXISTS (SELECT 1 FROM movie_details d WHERE d.movie_id = m.id AND d.status = 'ENRICHED') AS enriched
               ${userId === null ? Prisma.empty : Prisma.sql`, r.rating AS my_rating, r.rated_at AS my_rated_at`}
        FROM movies m JOIN movie_rating_stats s ON s.movie_id = m.id
        ${userId === null ? Prisma.empty : Prisma.sql`LEFT JOIN ratings r ON r.user_id = ${userId} AND r.movie_id = m.id`}
        WHERE m.id = page.id OFFSET 0
      ) c
      ORDER BY page.key ${direction}, page.id ASC`;

    // No row on a first page: nothing matches.
    const total = counted
      ? (rows[0]?.totalCount ?? 0)
      : async () => {
          const [{ count }] = await this.prisma.$queryRaw<{ count: number }[]>`
            ${matches.search ? Prisma.sql`WITH ${matches.search}` : Prisma.empty}
            SELECT count(*)::integer AS count ${matchesFrom(matches)}`;
          return count;
        };
    const toEdge = (row: MovieRow): Edge<Movie> => ({
      cursor: encodeCursor(cursorKind, { key: row.sortKey, id: row.id }),
      node: { id: row.id, title: row.title, year: row.year },
    });
    return {
      connection: toConnection(rows, args.first, toEdge, total),
      cards: rows.slice(0, args.first).map((row) => ({
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

  /**
   * The conditions of a filter and search. A search collects its matches `h` through the trigram indexes first.
   */
  private matches(filter: MovieFilter, search: string | null): Matches {
    const matches: Matches = { movie: [], stats: [], genre: [], genreIds: [] };
    if (filter.yearFrom != null) matches.movie.push(Prisma.sql`m.year >= ${filter.yearFrom}`);
    if (filter.yearTo != null) matches.movie.push(Prisma.sql`m.year <= ${filter.yearTo}`);
    if (filter.minRatings) matches.stats.push(Prisma.sql`s.rating_count >= ${filter.minRatings}`);
    // One semi-join per genre (a probe of the movie's few genres, or a hash of the genre's movies), not a grouping
    // of every movie_genres row. The genre's ids are looked up once (an InitPlan), not joined on every probe.
    for (const genre of new Set((filter.genres ?? []).map((name) => name.trim().toLowerCase()))) {
      const ids = Prisma.sql`ARRAY(SELECT g.id FROM genres g WHERE lower(g.name) = ${genre})`;
      matches.genreIds.push(ids);
      matches.genre.push(
        (id) => Prisma.sql`EXISTS (SELECT 1 FROM movie_genres mg WHERE mg.movie_id = ${id} AND mg.genre_id = ANY (${ids}))`,
      );
    }
    if (!search) return matches;
    // Both arms use `<%` (word_similarity >= pg_trgm.word_similarity_threshold, default 0.6), which the GIN
    // trigram indexes movies_title_trgm_idx and tags_tag_trgm_idx serve. A title scores the mean of
    // 2 × word similarity (the query matches a word run of the title) and 1 × whole-title similarity
    // (prefers titles without extra words); a tag scores TAG_MATCH_WEIGHT × its word similarity.
    matches.search = Prisma.sql`
      h AS MATERIALIZED (
        SELECT movie_id, round(max(score)::numeric, 6) AS relevance FROM (
          SELECT id AS movie_id, (2 * word_similarity(${search}::text, title) + similarity(${search}::text, title)) / 3 AS score
          FROM movies WHERE ${search}::text <% title
          UNION ALL
          SELECT movie_id, ${Prisma.raw(String(TAG_MATCH_WEIGHT))} * word_similarity(${search}::text, tag)
          FROM tags WHERE ${search}::text <% tag
        ) hits
        GROUP BY movie_id
      )`;
    return matches;
  }
}

/**
 * FROM and WHERE of the matches: the search's `h`, movies `m` and movie_rating_stats `s`, each only when a
 * condition reads it; the id is `id` (and `h.relevance` when searching).
 */
function matchesFrom(matches: Matches): Prisma.Sql {
  const tables: Prisma.Sql[] = [];
  let id: Prisma.Sql;
  if (matches.search) {
    tables.push(Prisma.sql`h`);
    id = Prisma.sql`h.movie_id`;
    if (matches.movie.length) tables.push(Prisma.sql`JOIN movies m ON m.id = h.movie_id`);
    if (matches.stats.length) tables.push(Prisma.sql`JOIN movie_rating_stats s ON s.movie_id = h.movie_id`);
  } else if (!matches.movie.length && !matches.stats.length && matches.genre.length) {
    // Genres only: the movies of the first genre (its index holds them), the others probed.
    tables.push(Prisma.sql`(SELECT DISTINCT mg.movie_id FROM movie_genres mg WHERE mg.genre_id = ANY (${matches.genreIds[0]})) g`);
    id = Prisma.sql`g.movie_id`;
    return Prisma.sql`FROM ${tables[0]} WHERE ${and(matches.genre.slice(1).map((genre) => genre(id)))}`;
  } else if (matches.movie.length || !matches.stats.length) {
    tables.push(Prisma.sql`movies m`);
    id = Prisma.sql`m.id`;
    if (matches.stats.length) tables.push(Prisma.sql`JOIN movie_rating_stats s ON s.movie_id = m.id`);
  } else {
    tables.push(Prisma.sql`movie_rating_stats s`);
    id = Prisma.sql`s.movie_id`;
  }
  return Prisma.sql`FROM ${Prisma.join(tables, ' ')} WHERE ${and([...matches.movie, ...matches.stats, ...matches.genre.map((genre) => genre(id))])}`;
}

/**
 * A page of the matches of a filter or search. The matches are collected once, as ids, and counted. Few
 * matches (under 1/WALK_SHARE of the catalog) are ordered by their keys, looked up for them; many are read
 * in the order of the sort key's index, checking the conditions row by row: with one match in WALK_SHARE
 * movies or more, some WALK_SHARE × the page size rows. A search is always ordered from its matches (they
 * are all scored anyway).
 */
function matchedPage(matches: Matches, sort: MovieSort, spec: SortSpec, position: CursorPosition | undefined, limit: Prisma.Sql): Page {
  const direction = Prisma.raw(spec.direction);
  const total = Prisma.sql`(SELECT count(*)::integer FROM matches)`;
  const walk = !matches.search;
  const many = Prisma.sql`${total} * ${Prisma.raw(String(WALK_SHARE))} >= (SELECT reltuples FROM pg_class WHERE oid = 'movies'::regclass)`;
  // The key of each match, by probes (OFFSET 0 keeps the planner from joining whole tables instead).
  const key = spec.stats ? spec.key : sort === MovieSort.RELEVANCE ? Prisma.sql`x.relevance` : spec.key;
  const lookup = spec.stats
    ? Prisma.sql`CROSS JOIN LATERAL (SELECT s.rating_count, s.bayesian_rating FROM movie_rating_stats s WHERE s.movie_id = x.id OFFSET 0) s`
    : sort === MovieSort.RELEVANCE
      ? Prisma.empty
      : Prisma.sql`CROSS JOIN LATERAL (SELECT m.title, m.year FROM movies m WHERE m.id = x.id OFFSET 0) m`;
  const ordered = Prisma.sql`
    SELECT x.id, ${key} AS key FROM matches x ${lookup}
    WHERE ${and([...(walk ? [Prisma.sql`NOT (${many})`] : []), ...(position ? [keyset(key, Prisma.sql`x.id`, spec, position)] : [])])}
    ORDER BY key ${direction}, x.id LIMIT ${limit}`;
  const walked = walk ? walkedPage(sort, spec, position, limit, { matches, gate: many }) : undefined;
  return {
    with: Prisma.sql`WITH ${matches.search ? Prisma.sql`${matches.search},` : Prisma.empty} matches AS MATERIALIZED (
      SELECT ${matches.search ? Prisma.sql`h.movie_id AS id, h.relevance` : Prisma.sql`${matchesId(matches)} AS id`} ${matchesFrom(matches)}
    )`,
    rows: walked ? Prisma.sql`(${walked.rows}) UNION ALL (${ordered})` : ordered,
    total,
  };
}

/** The id column of matchesFrom without a search. */
function matchesId(matches: Matches): Prisma.Sql {
  if (!matches.movie.length && !matches.stats.length && matches.genre.length) return Prisma.sql`g.movie_id`;
  return matches.movie.length || !matches.stats.length ? Prisma.sql`m.id` : Prisma.sql`s.movie_id`;
}

/**
 * A page in the order of the sort key's index: (id, key) of the `limit` rows after `position`, of all movies
 * or, with `filtered`, of those meeting its conditions, read only when `gate` holds. The other table's row
 * is probed by id for each row read, in a LATERAL subquery: OFFSET 0 keeps it a probe, so that the plan reads
 * the index in order whatever the planner guesses of the conditions, which are checked on its result (inside
 * it, a condition on the probed table could pick one of that table's sort-key indexes over its primary key).
 * The YEAR index holds unknown years first where the order wants them last (as year 0): known and unknown
 * years are read apart, each in index order, and merged.
 */
function walkedPage(
  sort: MovieSort,
  spec: SortSpec,
  position: CursorPosition | undefined,
  limit: Prisma.Sql,
  filtered?: { matches: Matches; gate: Prisma.Sql },
): Page {
  const direction = Prisma.raw(spec.direction);
  const matches: Matches = filtered?.matches ?? { movie: [], stats: [], genre: [], genreIds: [] };
  const gate = filtered ? [filtered.gate] : [];
  const after = (key: Prisma.Sql, id: Prisma.Sql) => (position ? [keyset(key, id, spec, position)] : []);
  let rows: Prisma.Sql;
  if (spec.stats) {
    // movie_rating_stats in key order; the movie (year, genres) probed per row.
    const id = Prisma.sql`s.movie_id`;
    const probe = matches.movie.length || matches.genre.length;
    rows = Prisma.sql`
      SELECT s.movie_id AS id, ${spec.key} AS key FROM movie_rating_stats s
      ${probe ? Prisma.sql`CROSS JOIN LATERAL (SELECT m.year FROM movies m WHERE ${and([Prisma.sql`m.id = s.movie_id`, ...matches.genre.map((genre) => genre(Prisma.sql`m.id`))])} OFFSET 0) m` : Prisma.empty}
      WHERE ${and([...gate, ...matches.stats, ...matches.movie, ...after(spec.key, id)])}
      ORDER BY ${spec.key} ${direction}, s.movie_id LIMIT ${limit}`;
  } else {
    // movies in key order; the stats (minimum ratings) and genres probed per row.
    const id = Prisma.sql`m.id`;
    const genres = matches.genre.map((genre) => genre(id));
    const lateral = matches.stats.length
      ? Prisma.sql`CROSS JOIN LATERAL (SELECT s.rating_count FROM movie_rating_stats s WHERE ${and([Prisma.sql`s.movie_id = m.id`, ...genres])} OFFSET 0) s`
      : genres.length
        ? Prisma.sql`CROSS JOIN LATERAL (SELECT 1 WHERE ${and(genres)} OFFSET 0) g`
        : Prisma.empty;
    const where = (key: Prisma.Sql, ...more: Prisma.Sql[]) =>
      and([...gate, ...matches.movie, ...matches.stats, ...more, ...after(key, id)]);
    rows =
      sort === MovieSort.YEAR
        ? Prisma.sql`
            SELECT id, key FROM (
              (SELECT m.id, m.year AS key FROM movies m ${lateral} WHERE ${where(Prisma.sql`m.year`, Prisma.sql`m.year IS NOT NULL`)}
               ORDER BY m.year DESC, m.id LIMIT ${limit})
              UNION ALL
              (SELECT m.id, 0 AS key FROM movies m ${lateral} WHERE ${where(Prisma.sql`0`, Prisma.sql`m.year IS NULL`)}
               ORDER BY m.id LIMIT ${limit})
            ) years
            ORDER BY key DESC, id LIMIT ${limit}`
        : Prisma.sql`
            SELECT m.id, ${spec.key} AS key FROM movies m ${lateral} WHERE ${where(spec.key)}
            ORDER BY ${spec.key} ${direction}, m.id LIMIT ${limit}`;
  }
  return { with: Prisma.empty, rows, total: Prisma.sql`(SELECT count(*)::integer FROM movies)` };
}

/**
 * Rows after `position` in the order (key direction, id ASC). The redundant bound on the key alone lets an
 * index on (key, id) start at the cursor.
 */
function keyset(key: Prisma.Sql, id: Prisma.Sql, spec: SortSpec, position: CursorPosition): Prisma.Sql {
  if (position.key === null) throw badUserInput('after', 'is not a valid cursor for this list and order');
  const value = Prisma.sql`${position.key}::${Prisma.raw(spec.type)}`;
  return spec.direction === 'DESC'
    ? Prisma.sql`${key} <= ${value} AND (${key} < ${value} OR ${id} > ${position.id})`
    : Prisma.sql`${key} >= ${value} AND (${key} > ${value} OR ${id} > ${position.id})`;
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
