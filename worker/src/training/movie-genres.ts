import type { Pool } from 'pg';

/** Every movie's genre names (movie_genres), by movie id: the product's ranking uses them for its genre factor. */
export async function loadMovieGenres(pool: Pool): Promise<Map<number, string[]>> {
  const { rows } = await pool.query<{ movie_id: number; genres: string[] }>(
    'SELECT mg.movie_id, array_agg(g.name ORDER BY g.name) AS genres FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id GROUP BY mg.movie_id',
  );
  return new Map(rows.map((row) => [row.movie_id, row.genres]));
}
