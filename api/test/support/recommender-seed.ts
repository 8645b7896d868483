import {
  explainRecommendation,
  mulberry32,
  predictRating,
  ratingsFromTriplets,
  recommendForProfile,
  similarItems,
  trainedUserProfile,
  trainExplicit,
  trainImplicit,
  type ExplicitParams,
  type ImplicitParams,
  type RatingInput,
} from '@reelrank/recommender';
import { activateModelVersion, inTransaction } from '@reelrank/prisma';
import { ModelStore, ObjectStorage, type StoredModels } from '@reelrank/storage';
import { withClient } from '@reelrank/testing';
import { ensureBuckets } from '../../../libs/stack/src';
import type { TestApi } from './test-api';

/**
 * A catalog with taste clusters, so that ALS learns something visible: three groups of ten movies
 * (animation, crime, sci-fi), each liked (4-5★) by its own third of 36 MovieLens users and disliked
 * (1.5-2.5★) by a few others. Within a group, lower numbers are rated by more users (more popular).
 * Movie 999 has no ratings at all (unknown to any model).
 */
export const CLUSTERS = [
  { name: 'animation', firstId: 101, title: 'Cartoon Tale', genres: ['Animation', 'Children'] },
  { name: 'crime', firstId: 201, title: 'Crime Story', genres: ['Crime', 'Drama'] },
  { name: 'scifi', firstId: 301, title: 'Star Mission', genres: ['Action', 'Sci-Fi'] },
] as const;
export const MOVIES_PER_CLUSTER = 10;
export const UNRATED_MOVIE = { id: 999, title: 'Unrated Curiosity', year: 2001, genres: ['Documentary'] };
export const USER_COUNT = 36;

export interface SeedMovie {
  id: number;
  title: string;
  year: number;
  genres: string[];
  cluster: number;
}

export const SEED_MOVIES: SeedMovie[] = CLUSTERS.flatMap((cluster, c) =>
  Array.from({ length: MOVIES_PER_CLUSTER }, (_, j) => ({
    id: cluster.firstId + j,
    title: `${cluster.title} ${j + 1}`,
    year: 1990 + j,
    genres: [...cluster.genres],
    cluster: c,
  })),
);

export const clusterOfMovie = (movieId: number) => SEED_MOVIES.find((movie) => movie.id === movieId)?.cluster ?? -1;
export const clusterOfUser = (userId: number) => (userId - 1) % CLUSTERS.length;
export const titleOf = (movieId: number) =>
  movieId === UNRATED_MOVIE.id ? UNRATED_MOVIE.title : SEED_MOVIES.find((movie) => movie.id === movieId)!.title;

/** [userId, movieId, rating], deterministic. */
export function seedRatings(): [number, number, number][] {
  const random = mulberry32(2024);
  const ratings: [number, number, number][] = [];
  for (let user = 1; user <= USER_COUNT; user++) {
    for (const movie of SEED_MOVIES) {
      const j = movie.id % 100; // 1..10
      if (movie.cluster === clusterOfUser(user)) {
        if (j <= 3 || random() < 0.75 - 0.06 * j) ratings.push([user, movie.id, 4 + Math.floor(random() * 3) / 2]);
      } else if (random() < 0.08) {
        ratings.push([user, movie.id, 1.5 + Math.floor(random() * 3) / 2]);
      }
    }
  }
  return ratings;
}

export const ratingsOfUser = (ratings: [number, number, number][], userId: number): RatingInput[] =>
  ratings.filter(([user]) => user === userId).map(([, itemId, rating]) => ({ itemId, rating }));

/** Seeds movies, genres, the MovieLens users and their ratings; returns the ratings. */
export async function seedRecommenderCatalog(api: TestApi): Promise<[number, number, number][]> {
  const movies = [...SEED_MOVIES, UNRATED_MOVIE];
  const genres = [...new Set(movies.flatMap((movie) => movie.genres))].sort();
  await api.sql('INSERT INTO genres (name) SELECT unnest($1::text[])', [genres]);
  await api.sql('INSERT INTO movies (id, title, year) SELECT * FROM unnest($1::int[], $2::text[], $3::int[])', [
    movies.map((movie) => movie.id),
    movies.map((movie) => movie.title),
    movies.map((movie) => movie.year),
  ]);
  const pairs = movies.flatMap((movie) => movie.genres.map((genre) => [movie.id, genre] as const));
  await api.sql(
    `INSERT INTO movie_genres (movie_id, genre_id)
     SELECT p.movie_id, g.id FROM unnest($1::int[], $2::text[]) AS p(movie_id, genre) JOIN genres g ON g.name = p.genre`,
    [pairs.map(([id]) => id), pairs.map(([, genre]) => genre)],
  );
  const users = Array.from({ length: USER_COUNT }, (_, i) => i + 1);
  await api.sql(`INSERT INTO users (id, source) SELECT unnest($1::int[]), 'MOVIELENS'`, [users]);
  const ratings = seedRatings();
  await api.sql('INSERT INTO ratings (user_id, movie_id, rating) SELECT * FROM unnest($1::int[], $2::int[], $3::real[])', [
    ratings.map(([user]) => user),
    ratings.map(([, movie]) => movie),
    ratings.map(([, , rating]) => rating),
  ]);
  await api.sql('SELECT refresh_movie_rating_stats()');
  return ratings;
}

export interface PublishOptions {
  version: string;
  /** Training data: [userId, movieId, rating]. */
  ratings: [number, number, number][];
  /** Ratings newer than this are not in the model (timestamptz text, to keep microseconds). */
  snapshotAt: string;
  explicit?: Partial<ExplicitParams>;
  implicit?: Partial<ImplicitParams>;
  /** Length of each precomputed list. */
  topN?: number;
  /** Movies left without similar_movies rows (the API falls back to the model). */
  withoutSimilarRows?: number[];
  activate?: boolean;
}

/**
 * What the retraining workflow will do, done by hand: trains both models with the engine, saves them
 * with ModelStore to the API's bucket, and writes the model_versions row, every user's precomputed
 * top-N (rated movies left out, predicted rating, "because" movie) and every movie's similar movies.
 * Returns the models as ModelStore loads them back (float32), i.e. exactly what the API serves.
 */
export async function publishModel(api: TestApi, options: PublishOptions): Promise<StoredModels> {
  const { version, ratings, topN = 10 } = options;
  const triplets = ratingsFromTriplets(
    ratings.map(([user]) => user),
    ratings.map(([, movie]) => movie),
    ratings.map(([, , rating]) => rating),
  );
  const explicit = await trainExplicit(triplets, { rank: 4, iterations: 10, lambda: 0.1, pseudoCount: 2, seed: 1, ...options.explicit });
  const implicit = await trainImplicit(triplets, { rank: 4, iterations: 10, lambda: 0.5, seed: 1, ...options.implicit });
  const storage = api.app.get(ObjectStorage);
  await ensureBuckets(storage.client, [storage.bucket]);
  const store = new ModelStore(storage);
  await store.save(version, { explicit, implicit }, { params: {}, metrics: {}, dataCounts: { ratings: ratings.length }, timings: {} });

  await api.sql(
    `INSERT INTO model_versions (version, status, workflow_id, storage_prefix, params, metrics, data_counts, timings, snapshot_at)
     VALUES ($1, 'READY', 'test', $2, '{}', '{}', '{}', '{}', $3::timestamptz)`,
    [version, `models/${version}/`, options.snapshotAt],
  );

  const recs: { user: number; rank: number; movie: number; score: number; predicted: number; because: number | null }[] = [];
  for (const user of new Set(ratings.map(([u]) => u))) {
    const rated = ratingsOfUser(ratings, user);
    const profile = trainedUserProfile(implicit, user)!;
    recommendForProfile(implicit, profile, { k: topN, exclude: rated.map((r) => r.itemId) }).forEach((pick, i) => {
      const because = explainRecommendation(implicit, rated, pick.itemId, rated.length).find((s) => s.rating >= 3.5 && s.contribution > 0);
      recs.push({
        user,
        rank: i + 1,
        movie: pick.itemId,
        score: pick.score,
        predicted: predictRating(explicit, user, pick.itemId),
        because: because?.itemId ?? null,
      });
    });
  }
  await api.sql(
    `INSERT INTO user_recommendations (model_version, user_id, rank, movie_id, score, predicted_rating, because_movie_id)
     SELECT $1, * FROM unnest($2::int[], $3::smallint[], $4::int[], $5::real[], $6::real[], $7::int[])`,
    [
      version,
      recs.map((r) => r.user),
      recs.map((r) => r.rank),
      recs.map((r) => r.movie),
      recs.map((r) => r.score),
      recs.map((r) => r.predicted),
      recs.map((r) => r.because),
    ],
  );

  const similar: { movie: number; rank: number; other: number; score: number }[] = [];
  for (const movieId of implicit.itemIds) {
    if (options.withoutSimilarRows?.includes(movieId)) continue;
    similarItems(implicit, movieId, { k: 10 }).forEach((item, i) =>
      similar.push({ movie: movieId, rank: i + 1, other: item.itemId, score: item.similarity }),
    );
  }
  await api.sql(
    `INSERT INTO similar_movies (model_version, movie_id, rank, similar_movie_id, score)
     SELECT $1, * FROM unnest($2::int[], $3::smallint[], $4::int[], $5::real[])`,
    [version, similar.map((s) => s.movie), similar.map((s) => s.rank), similar.map((s) => s.other), similar.map((s) => s.score)],
  );
  if (options.activate) await activateModel(api, version);
  return store.load(version);
}

/** Promotes (or rolls back to) `version` through the one writer of active_model, as the workflow's promotion does. */
export async function activateModel(api: TestApi, version: string): Promise<void> {
  await withClient(api.database.url, (client) => inTransaction(client, (tx) => activateModelVersion(tx, version)));
}

/** Polls `check` until it passes (or throws its last failure after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
