import type { S3Client } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient, Pool } from 'pg';
import { ML_LATEST_SMALL } from '@reelrank/testing';
import { MovieLensImporter, type MovieLensImporterOptions } from '../../src/import/movielens-importer';

/** MovieLensImporter on a database (its own pool; call close()). */
export function testImporter(databaseUrl: string, s3: S3Client, bucket: string, options: Partial<MovieLensImporterOptions> = {}) {
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  const importer = new MovieLensImporter({ pool, s3, bucket, ...options });
  return { importer, pool, close: () => pool.end() };
}

/** Row counts of the final tables. */
export async function tableCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query(`SELECT
      (SELECT count(*) FROM movies)::int AS movies, (SELECT count(*) FROM genres)::int AS genres,
      (SELECT count(*) FROM movie_genres)::int AS movie_genres, (SELECT count(*) FROM links)::int AS links,
      (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tags)::int AS tags,
      (SELECT count(*) FROM ratings)::int AS ratings`);
  return rows[0];
}

/**
 * md5 of every final table's content in key order (audit timestamps set by now() excluded), so two
 * databases can be compared exactly.
 */
export async function tableChecksums(pool: Pool): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    movies: `SELECT md5(string_agg(concat_ws('|', id, title, year), E'\\n' ORDER BY id)) FROM movies`,
    genres: `SELECT md5(string_agg(concat_ws('|', id, name), E'\\n' ORDER BY id)) FROM genres`,
    movie_genres: `SELECT md5(string_agg(concat_ws('|', movie_id, genre_id), E'\\n' ORDER BY movie_id, genre_id)) FROM movie_genres`,
    links: `SELECT md5(string_agg(concat_ws('|', movie_id, imdb_id, tmdb_id), E'\\n' ORDER BY movie_id)) FROM links`,
    users: `SELECT md5(string_agg(concat_ws('|', id, email, password_hash, role, source), E'\\n' ORDER BY id)) FROM users`,
    tags: `SELECT md5(string_agg(concat_ws('|', id, user_id, movie_id, tag, extract(epoch FROM created_at)), E'\\n' ORDER BY id)) FROM tags`,
    ratings: `SELECT md5(string_agg(concat_ws('|', user_id, movie_id, rating, extract(epoch FROM rated_at)), E'\\n' ORDER BY user_id, movie_id)) FROM ratings`,
    users_id_seq: `SELECT md5(last_value::text) FROM users_id_seq`,
    movie_rating_stats: `SELECT md5(string_agg(concat_ws('|', movie_id, rating_count, rating_sum, bayesian_rating), E'\\n' ORDER BY movie_id)) FROM movie_rating_stats`,
  };
  const result: Record<string, string> = {};
  for (const [name, sql] of Object.entries(tables)) result[name] = (await pool.query(sql)).rows[0].md5 ?? 'empty';
  return result;
}

export interface SeededCatalog {
  users: number;
  movies: number;
  ratings: number;
}

/**
 * A small but real catalog: the first `users` users of ml-latest-small's ratings.csv, every movie they rated
 * (titles from movies.csv) and their ratings with the original timestamps, inserted with SQL.
 */
export async function seedMovieLensSubset(databaseUrl: string, users = 100): Promise<SeededCatalog> {
  const ratings = parse(readFileSync(join(ML_LATEST_SMALL, 'ratings.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const subset = ratings.filter((r) => Number(r.userId) <= users);
  const movieIds = new Set(subset.map((r) => Number(r.movieId)));
  const movies = (parse(readFileSync(join(ML_LATEST_SMALL, 'movies.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).filter(
    (m) => movieIds.has(Number(m.movieId)),
  );
  const userIds = [...new Set(subset.map((r) => Number(r.userId)))];
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO movies (id, title) SELECT * FROM unnest($1::int[], $2::text[])', [
      movies.map((m) => Number(m.movieId)),
      movies.map((m) => m.title),
    ]);
    await client.query(`INSERT INTO users (id, source) SELECT id, 'MOVIELENS' FROM unnest($1::int[]) AS id`, [userIds]);
    await client.query(
      `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
       SELECT u, m, r, to_timestamp(t) FROM unnest($1::int[], $2::int[], $3::real[], $4::bigint[]) AS x(u, m, r, t)`,
      [
        subset.map((r) => Number(r.userId)),
        subset.map((r) => Number(r.movieId)),
        subset.map((r) => Number(r.rating)),
        subset.map((r) => Number(r.timestamp)),
      ],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return { users: userIds.length, movies: movies.length, ratings: subset.length };
}
