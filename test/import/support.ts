import type { S3Client } from '@aws-sdk/client-s3';
import { Pool } from 'pg';
import { MovieLensImporter, type MovieLensImporterOptions } from '../../worker/src/import/movielens-importer';

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
