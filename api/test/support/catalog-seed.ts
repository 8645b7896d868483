import { Client } from 'pg';

/** A small MovieLens-like catalog (ids are real MovieLens movieIds). */
export const MOVIES = {
  toyStory: { id: 1, title: 'Toy Story', year: 1995, genres: ['Adventure', 'Animation', 'Children', 'Comedy'] },
  jumanji: { id: 2, title: 'Jumanji', year: 1995, genres: ['Adventure', 'Children'] },
  fatherOfTheBride: { id: 5, title: 'Father of the Bride Part II', year: 1995, genres: ['Comedy'] },
  pulpFiction: { id: 296, title: 'Pulp Fiction', year: 1994, genres: ['Comedy', 'Crime', 'Drama'] },
  shawshank: { id: 318, title: 'Shawshank Redemption, The', year: 1994, genres: ['Crime', 'Drama'] },
  godfather: { id: 858, title: 'Godfather, The', year: 1972, genres: ['Crime', 'Drama'] },
  matrix: { id: 2571, title: 'Matrix, The', year: 1999, genres: ['Action', 'Sci-Fi'] },
  toyStory2: { id: 3114, title: 'Toy Story 2', year: 1999, genres: ['Adventure', 'Animation', 'Children', 'Comedy'] },
  obscure: { id: 99001, title: 'An Obscure Short', year: null, genres: [] as string[] },
} as const;

export const MOVIE_COUNT = Object.keys(MOVIES).length;
export const MOVIELENS_USERS = [1, 2, 3, 4, 5];

/** [userId, movieId, rating] */
const RATINGS: [number, number, number][] = [
  // Shawshank: 5 ratings, mean 4.8 -> damped (24 + 35) / 15 = 3.9333
  [1, 318, 5],
  [2, 318, 5],
  [3, 318, 4.5],
  [4, 318, 5],
  [5, 318, 4.5],
  // Toy Story: 5 ratings, mean 4.0 -> 3.6667
  [1, 1, 4],
  [2, 1, 4.5],
  [3, 1, 3.5],
  [4, 1, 4],
  [5, 1, 4],
  // Godfather: 3 ratings, mean 5 -> (15 + 35) / 13 = 3.8462
  [1, 858, 5],
  [2, 858, 5],
  [3, 858, 5],
  // Pulp Fiction: 4 ratings, mean 4 -> 3.6429
  [1, 296, 4],
  [2, 296, 4],
  [3, 296, 4],
  [4, 296, 4],
  // Matrix: 4 ratings, mean 4.5 -> 3.7857
  [2, 2571, 4.5],
  [3, 2571, 4.5],
  [4, 2571, 4.5],
  [5, 2571, 4.5],
  // Jumanji: 2 ratings, mean 2.5 -> 3.3333
  [1, 2, 2],
  [2, 2, 3],
  // Toy Story 2: 1 rating of 5 -> 3.6364
  [5, 3114, 5],
  // Father of the Bride: 1 rating of 1 -> 3.2727
  [4, 5, 1],
];

/** [userId, movieId, tag] */
const TAGS: [number, number, string][] = [
  [1, 1, 'Pixar'],
  [2, 1, 'pixar'],
  [3, 1, 'pixar'],
  [1, 1, 'toys'],
  [1, 3114, 'Pixar'],
  [2, 318, 'prison'],
  [3, 318, 'prison'],
  [2, 318, 'Morgan Freeman'],
  [1, 2571, 'dystopia'],
  [2, 2571, 'cyberpunk'],
  [3, 2571, 'dystopia'],
  [4, 858, 'mafia'],
];

/** Seeds the catalog, MovieLens users (no password), ratings, tags, links, TMDB details, then the stats. */
export async function seedCatalog(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const movies = Object.values(MOVIES);
    const genres = [...new Set(movies.flatMap((movie) => movie.genres))].sort();
    await client.query('INSERT INTO genres (name) SELECT unnest($1::text[])', [genres]);
    for (const movie of movies) {
      await client.query('INSERT INTO movies (id, title, year) VALUES ($1, $2, $3)', [movie.id, movie.title, movie.year]);
      await client.query('INSERT INTO movie_genres (movie_id, genre_id) SELECT $1, id FROM genres WHERE name = ANY($2::text[])', [
        movie.id,
        movie.genres,
      ]);
    }
    await client.query(
      `INSERT INTO links (movie_id, imdb_id, tmdb_id) VALUES (1, 'tt0114709', 862), (318, 'tt0111161', 278), (2, 'tt0113497', NULL)`,
    );
    await client.query(`INSERT INTO users (id, source) SELECT unnest($1::int[]), 'MOVIELENS'`, [MOVIELENS_USERS]);
    for (const [userId, movieId, rating] of RATINGS) {
      await client.query('INSERT INTO ratings (user_id, movie_id, rating) VALUES ($1, $2, $3)', [userId, movieId, rating]);
    }
    for (const [userId, movieId, tag] of TAGS) {
      await client.query('INSERT INTO tags (user_id, movie_id, tag) VALUES ($1, $2, $3)', [userId, movieId, tag]);
    }
    await client.query(
      `INSERT INTO movie_details (movie_id, tmdb_id, status, overview, tagline, runtime, release_date, original_language,
         poster_path, backdrop_path, vote_average, vote_count, genres, keywords, directors, "cast", fetched_at)
       VALUES (1, 862, 'ENRICHED', 'Led by Woody, Andy''s toys live happily in his room.', 'The adventure takes off!', 81,
         '1995-10-30', 'en', '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg', '/3Rfvhy1Nl6sSGJwyjb0QiZzZYlB.jpg', 8.0, 17000,
         '{Animation,Adventure,Family,Comedy}', '{toy,friendship}', '{"John Lasseter"}',
         '[{"id": 31, "name": "Tom Hanks", "character": "Woody (voice)", "profilePath": "/xndWFsBlClOJFRdhSt4NBwiPq2o.jpg", "order": 0},
           {"id": 12898, "name": "Tim Allen", "character": "Buzz Lightyear (voice)", "profilePath": null, "order": 1}]',
         now()),
       (318, 278, 'NOT_FOUND', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{}', NULL, now())`,
    );
    await client.query('SELECT refresh_movie_rating_stats()');
  } finally {
    await client.end();
  }
}
