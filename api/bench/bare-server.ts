// The bare baseline of `npm run bench:api`: a plain Node `http` server with a `pg` pool (10 connections, like
// the API's Prisma pg adapter) that answers the benchmark's requests with the same data the GraphQL API returns,
// in the same JSON shape, with hand-written SQL as prepared statements (generic plans, as the API's): the practical
// limit of serving those rows from this PostgreSQL.
// Per request it verifies the same HS256 access token and parses the same JSON variables; it has no GraphQL,
// no framework, no DataLoaders, no model in memory.
//
//   POST /recommendations  { first }             the active model's precomputed list of the caller (TopPicks data)
//   POST /movies           { filter, sort, first } a first catalog page with totalCount (MovieList data), the API's SQL
//   POST /rate             { movieId, rating }     the API's rating upsert transaction (RateMovie data)
//   POST /refresh          { first }             the caller's ratings (the fold-in input) and the list rows
//
// Run by api.bench.ts as a child process: env DATABASE_URL, JWT_SECRET, PORT; prints "listening <port>".
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, type PoolClient, type QueryConfig } from 'pg';
import { verifyAccessToken } from './jwt';

const TAG_MATCH_WEIGHT = 0.6;
const TMDB_POSTER = 'https://image.tmdb.org/t/p/w500';

/** Sort keys (the API's MovieSort): `stats` when the key is a movie_rating_stats column. */
const SORT_KEYS: Record<string, { key: string; direction: 'ASC' | 'DESC'; stats?: boolean }> = {
  POPULARITY: { key: 's.rating_count', direction: 'DESC', stats: true },
  RATING: { key: 's.bayesian_rating', direction: 'DESC', stats: true },
  TITLE: { key: 'm.title', direction: 'ASC' },
  YEAR: { key: 'coalesce(m.year, 0)', direction: 'DESC' },
  RELEVANCE: { key: 'h.relevance', direction: 'DESC' },
};

/** Filtered pages are read in index order when at least one movie in WALK_SHARE matches (as the API). */
const WALK_SHARE = 20;

interface MovieFilter {
  search?: string | null;
  genres?: string[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  minRatings?: number | null;
}

interface CardRow {
  id: number;
  title: string;
  year: number | null;
  rating_count: number;
  rating_sum: number;
  my_rating: number | null;
  /** An ENRICHED movie_details row exists (the API's `details` is null otherwise). */
  enriched: boolean | null;
  poster_path: string | null;
}

/** The MovieCard fragment of the web app. */
const card = (row: CardRow) => ({
  id: row.id,
  title: row.title,
  year: row.year,
  averageRating: row.rating_count > 0 ? row.rating_sum / row.rating_count : null,
  ratingCount: row.rating_count,
  myRating: row.my_rating,
  details: row.enriched
    ? { posterUrl: row.poster_path ? `${TMDB_POSTER}${row.poster_path.startsWith('/') ? '' : '/'}${row.poster_path}` : null }
    : null,
});

/** A named (prepared) statement: parsed once per connection, its plan cached by PostgreSQL. */
const prepared = (text: string, values: unknown[]): QueryConfig => ({
  name: `bare_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`,
  text,
  values,
});

const stars = (rating: number) => `${Number(rating.toFixed(1))}★`;

/** The precomputed list of the active model, rated movies left out, with everything a movie card shows. */
const RECOMMENDATIONS_SQL = `
  SELECT ur.movie_id AS id, m.title, m.year, coalesce(s.rating_count, 0)::integer AS rating_count,
         coalesce(s.rating_sum, 0)::float8 AS rating_sum, NULL::float8 AS my_rating,
         d.movie_id IS NOT NULL AS enriched, d.poster_path,
         ur.predicted_rating::float8 AS predicted_rating, bm.title AS because_title, br.rating::float8 AS because_rating
  FROM active_model a
  JOIN user_recommendations ur ON ur.model_version = a.version AND ur.user_id = $1
  JOIN movies m ON m.id = ur.movie_id
  LEFT JOIN movie_rating_stats s ON s.movie_id = ur.movie_id
  LEFT JOIN movie_details d ON d.movie_id = ur.movie_id AND d.status = 'ENRICHED'
  LEFT JOIN movies bm ON bm.id = ur.because_movie_id
  LEFT JOIN ratings br ON br.user_id = $1 AND br.movie_id = ur.because_movie_id
  WHERE a.id = 1 AND NOT EXISTS (SELECT 1 FROM ratings x WHERE x.user_id = $1 AND x.movie_id = ur.movie_id)
  ORDER BY ur.rank
  LIMIT $2`;

async function recommendations(pool: Pool, userId: number, first: number) {
  const { rows } = await pool.query(prepared(RECOMMENDATIONS_SQL, [userId, first]));
  return { recommendations: rows.map(recommendation) };
}

function recommendation(row: CardRow & { predicted_rating: number | null; because_title: string | null; because_rating: number | null }) {
  return {
    source: 'PRECOMPUTED',
    predictedRating: row.predicted_rating,
    explanation:
      row.because_title === null
        ? null
        : {
            text:
              row.because_rating === null
                ? `Because you liked ${row.because_title}`
                : `Because you rated ${row.because_title} ${stars(row.because_rating)}`,
          },
    movie: card(row),
  };
}

/**
 * The API's catalog page SQL (MoviesService.list, a first page with totalCount): without a filter, the sort
 * key's index in order; with one, the matches collected once and counted, then ordered from their keys (few)
 * or read in index order with per-row probes (many); the page's cards probed per row.
 */
async function movies(pool: Pool, userId: number, args: { filter?: MovieFilter | null; sort?: string | null; first: number }) {
  const filter = args.filter ?? {};
  const search = filter.search?.replace(/\s+/g, ' ').trim() || null;
  const sort = args.sort ?? (search ? 'RELEVANCE' : 'POPULARITY');
  const spec = SORT_KEYS[sort];
  if (!spec || (sort === 'RELEVANCE' && !search)) throw new Error(`bad sort ${sort}`);
  const params: unknown[] = [];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const and = (conditions: string[]) => (conditions.length ? conditions.join(' AND ') : 'TRUE');
  const limit = String(args.first + 1);
  const movieConditions: string[] = [];
  const statsConditions: string[] = [];
  const genreIds: string[] = [];
  let h = '';
  if (search) {
    const text = param(search);
    h = `h AS MATERIALIZED (
        SELECT movie_id, round(max(score)::numeric, 6) AS relevance FROM (
          SELECT id AS movie_id, (2 * word_similarity(${text}::text, title) + similarity(${text}::text, title)) / 3 AS score
          FROM movies WHERE ${text}::text <% title
          UNION ALL
          SELECT movie_id, ${TAG_MATCH_WEIGHT} * word_similarity(${text}::text, tag)
          FROM tags WHERE ${text}::text <% tag
        ) hits
        GROUP BY movie_id
      )`;
  }
  if (filter.yearFrom != null) movieConditions.push(`m.year >= ${param(filter.yearFrom)}`);
  if (filter.yearTo != null) movieConditions.push(`m.year <= ${param(filter.yearTo)}`);
  if (filter.minRatings) statsConditions.push(`s.rating_count >= ${param(filter.minRatings)}`);
  for (const genre of new Set((filter.genres ?? []).map((name) => name.trim().toLowerCase()))) {
    genreIds.push(`ARRAY(SELECT g.id FROM genres g WHERE lower(g.name) = ${param(genre)})`);
  }
  const genres = (id: string, from = 0) =>
    genreIds.slice(from).map((ids) => `EXISTS (SELECT 1 FROM movie_genres mg WHERE mg.movie_id = ${id} AND mg.genre_id = ANY (${ids}))`);
  const direction = spec.direction;

  let withClause = '';
  let pageRows: string;
  let total: string;
  if (!search && !movieConditions.length && !statsConditions.length && !genreIds.length) {
    pageRows = walk([]);
    total = '(SELECT count(*)::integer FROM movies)';
  } else {
    let from: string;
    let id: string;
    if (search) {
      id = 'h.movie_id';
      from = `h${movieConditions.length ? ' JOIN movies m ON m.id = h.movie_id' : ''}${statsConditions.length ? ' JOIN movie_rating_stats s ON s.movie_id = h.movie_id' : ''}
        WHERE ${and([...movieConditions, ...statsConditions, ...genres(id)])}`;
    } else if (!movieConditions.length && !statsConditions.length) {
      id = 'g.movie_id';
      from = `(SELECT DISTINCT mg.movie_id FROM movie_genres mg WHERE mg.genre_id = ANY (${genreIds[0]})) g WHERE ${and(genres(id, 1))}`;
    } else if (movieConditions.length) {
      id = 'm.id';
      from = `movies m${statsConditions.length ? ' JOIN movie_rating_stats s ON s.movie_id = m.id' : ''}
        WHERE ${and([...movieConditions, ...statsConditions, ...genres(id)])}`;
    } else {
      id = 's.movie_id';
      from = `movie_rating_stats s WHERE ${and([...statsConditions, ...genres(id)])}`;
    }
    withClause = `WITH ${h ? `${h},` : ''} matches AS MATERIALIZED (SELECT ${id} AS id${search ? ', h.relevance' : ''} FROM ${from})`;
    total = '(SELECT count(*)::integer FROM matches)';
    const many = `${total} * ${WALK_SHARE} >= (SELECT reltuples FROM pg_class WHERE oid = 'movies'::regclass)`;
    const key = sort === 'RELEVANCE' ? 'x.relevance' : spec.key;
    const lookup = spec.stats
      ? 'CROSS JOIN LATERAL (SELECT s.rating_count, s.bayesian_rating FROM movie_rating_stats s WHERE s.movie_id = x.id OFFSET 0) s'
      : sort === 'RELEVANCE'
        ? ''
        : 'CROSS JOIN LATERAL (SELECT m.title, m.year FROM movies m WHERE m.id = x.id OFFSET 0) m';
    const ordered = `SELECT x.id, ${key} AS key FROM matches x ${lookup} WHERE ${search ? 'TRUE' : `NOT (${many})`}
      ORDER BY key ${direction}, x.id LIMIT ${limit}`;
    pageRows = search ? ordered : `(${walk([many])}) UNION ALL (${ordered})`;
  }

  /** The sort key's index in order, the other table probed per row (the API's walkedPage). */
  function walk(gate: string[]): string {
    if (spec.stats) {
      const probe = movieConditions.length || genreIds.length;
      return `SELECT s.movie_id AS id, ${spec.key} AS key FROM movie_rating_stats s
        ${probe ? `CROSS JOIN LATERAL (SELECT m.year FROM movies m WHERE ${and(['m.id = s.movie_id', ...genres('m.id')])} OFFSET 0) m` : ''}
        WHERE ${and([...gate, ...statsConditions, ...movieConditions])}
        ORDER BY ${spec.key} ${direction}, s.movie_id LIMIT ${limit}`;
    }
    const lateral = statsConditions.length
      ? `CROSS JOIN LATERAL (SELECT s.rating_count FROM movie_rating_stats s WHERE ${and(['s.movie_id = m.id', ...genres('m.id')])} OFFSET 0) s`
      : genreIds.length
        ? `CROSS JOIN LATERAL (SELECT 1 WHERE ${and(genres('m.id'))} OFFSET 0) g`
        : '';
    const where = (...more: string[]) => and([...gate, ...movieConditions, ...statsConditions, ...more]);
    if (sort === 'YEAR') {
      return `SELECT id, key FROM (
          (SELECT m.id, m.year AS key FROM movies m ${lateral} WHERE ${where('m.year IS NOT NULL')} ORDER BY m.year DESC, m.id LIMIT ${limit})
          UNION ALL
          (SELECT m.id, 0 AS key FROM movies m ${lateral} WHERE ${where('m.year IS NULL')} ORDER BY m.id LIMIT ${limit})
        ) years
        ORDER BY key DESC, id LIMIT ${limit}`;
    }
    return `SELECT m.id, ${spec.key} AS key FROM movies m ${lateral} WHERE ${where()} ORDER BY ${spec.key} ${direction}, m.id LIMIT ${limit}`;
  }

  const pageSql = `
    ${withClause}
    SELECT page.id, c.title, c.year, c.rating_count, c.rating_sum::float8 AS rating_sum, page.key::text AS sort_key, ${total} AS total_count,
           c.my_rating::float8 AS my_rating, c.enriched, c.poster_path
    FROM (${pageRows}) page
    CROSS JOIN LATERAL (
      SELECT m.title, m.year, s.rating_count, s.rating_sum, d.movie_id IS NOT NULL AS enriched, d.poster_path, r.rating AS my_rating
      FROM movies m JOIN movie_rating_stats s ON s.movie_id = m.id
      LEFT JOIN movie_details d ON d.movie_id = m.id AND d.status = 'ENRICHED'
      LEFT JOIN ratings r ON r.user_id = ${param(userId)} AND r.movie_id = m.id
      WHERE m.id = page.id OFFSET 0
    ) c
    ORDER BY page.key ${direction}, page.id`;
  const page = await pool.query(prepared(pageSql, params));
  const kind = `movies:${sort}`;
  const rows = page.rows as (CardRow & { sort_key: string; total_count: number })[];
  const edges = rows.slice(0, args.first).map((row) => ({
    cursor: Buffer.from(JSON.stringify([kind, row.sort_key, row.id]), 'utf8').toString('base64url'),
    node: card(row),
  }));
  return {
    movies: {
      totalCount: rows[0]?.total_count ?? 0,
      edges,
      pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > args.first },
    },
  };
}

/** The API's rating write (RatingsService.rate): lock or create the stats row, upsert, update the stats; one transaction. */
async function rate(pool: Pool, userId: number, movieId: number, rating: number) {
  const client = await pool.connect();
  try {
    const saved = await inTransaction(client, async () => {
      const locked = await client.query(
        prepared(
          `INSERT INTO movie_rating_stats (movie_id) SELECT id FROM movies WHERE id = $1
           ON CONFLICT (movie_id) DO UPDATE SET movie_id = excluded.movie_id RETURNING movie_id`,
          [movieId],
        ),
      );
      if (!locked.rowCount) throw new Error(`No movie with id ${movieId}`);
      const { rows } = await client.query(
        prepared(
          `WITH old AS (
           SELECT rating FROM ratings WHERE user_id = $1 AND movie_id = $2
         ), saved AS (
           INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES ($1, $2, $3::real, now())
           ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
           RETURNING rating, rated_at
         ), stats AS (
           UPDATE movie_rating_stats
           SET rating_count = rating_count + delta.count,
               rating_sum = rating_sum + delta.sum,
               bayesian_rating = movie_bayesian_rating(rating_sum + delta.sum, rating_count + delta.count),
               updated_at = now()
           FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM old) THEN 0 ELSE 1 END AS count,
                        $3::real - coalesce((SELECT rating FROM old), 0) AS sum) delta
           WHERE movie_id = $2
           RETURNING rating_count, rating_sum
         )
         SELECT saved.rating::float8 AS rating, saved.rated_at, stats.rating_count, stats.rating_sum::float8 AS rating_sum
         FROM saved, stats`,
          [userId, movieId, rating],
        ),
      );
      return rows[0] as { rating: number; rated_at: Date; rating_count: number; rating_sum: number };
    });
    return {
      rateMovie: {
        rating: saved.rating,
        ratedAt: saved.rated_at.toISOString(),
        movie: {
          id: movieId,
          myRating: saved.rating,
          averageRating: saved.rating_count > 0 ? saved.rating_sum / saved.rating_count : null,
          ratingCount: saved.rating_count,
        },
      },
    };
  } finally {
    client.release();
  }
}

async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** What a fold-in refresh reads from PostgreSQL: the caller's ratings, plus the rows of a list of movie cards. */
async function refresh(pool: Pool, userId: number, first: number) {
  const [ratings, list] = await Promise.all([
    pool.query(
      prepared(
        `SELECT movie_id AS "movieId", rating::float8 AS rating, (extract(epoch FROM rated_at) * 1000000)::bigint::text AS "ratedAt"
         FROM ratings WHERE user_id = $1`,
        [userId],
      ),
    ),
    pool.query(prepared(RECOMMENDATIONS_SQL, [userId, first])),
  ]);
  return { recommendations: list.rows.map(recommendation), ratings: ratings.rowCount };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { variables?: Record<string, unknown> };
  return body.variables ?? {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function main(): Promise<void> {
  const secret = process.env.JWT_SECRET;
  if (!process.env.DATABASE_URL || !secret) throw new Error('DATABASE_URL and JWT_SECRET are required');
  // Generic plans for the prepared statements, as the API's PrismaService uses them.
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: '-c plan_cache_mode=force_generic_plan' });
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
        const userId = token ? verifyAccessToken(secret, token) : null;
        if (userId === null) return send(res, 401, { errors: [{ message: 'Invalid or expired access token' }] });
        const variables = await readBody(req);
        const first = Number(variables.first ?? 20);
        let data: unknown;
        switch (req.url) {
          case '/recommendations':
            data = await recommendations(pool, userId, first);
            break;
          case '/movies':
            data = await movies(pool, userId, variables as { filter?: MovieFilter; sort?: string; first: number });
            break;
          case '/rate':
            data = await rate(pool, userId, Number(variables.movieId), Number(variables.rating));
            break;
          case '/refresh':
            data = await refresh(pool, userId, first);
            break;
          default:
            return send(res, 404, { errors: [{ message: `no route ${req.url}` }] });
        }
        send(res, 200, { data });
      } catch (error) {
        send(res, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
      }
    })();
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`listening ${(server.address() as AddressInfo).port}`);
  });
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`bare server failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
