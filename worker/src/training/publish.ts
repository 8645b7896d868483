/**
 * Precomputed serving tables of a model version: top-N recommendations per user (the engine's taste ranking
 * of the user's snapshot ratings, the same function the API's fold-in uses: rated and skipped movies left
 * out, predicted rating from the explicit model, "because you rated" a liked movie from the implicit model's
 * explanation) and top-K similar movies (cosine of the implicit item factors weighted by genre overlap).
 * Written with COPY in one transaction that first deletes the version's rows, so a retried attempt replaces them.
 */
import { inTransaction } from '@reelrank/prisma';
import {
  itemGenres,
  offThreadInOrder,
  sharedCopy,
  similarBlocks,
  similarityInput,
  type AlsWorkerPool,
  type ExplicitModel,
  type ImplicitModel,
  type ItemGenres,
  type JobArgs,
  type RatedItems,
} from '@reelrank/recommender';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadMovieGenres } from './movie-genres';
import type { LoadedSnapshot } from './snapshot';

export interface PublishOptions {
  version: string;
  topN: number;
  similarK: number;
  similarMinRatings: number;
}

export interface PublishCounts {
  users: number;
  recommendations: number;
  moviesWithSimilar: number;
  similarRows: number;
}

/** "Because you rated X" names a movie the user rated at least this well (as the API's fold-in does). */
const EXPLANATION_MIN_RATING = 3.5;

const real = (value: number) => (Number.isFinite(value) ? String(Math.fround(value)) : 'NaN');

function sameIds(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Users per job: at 87k movies a user takes milliseconds, so a chunk's fixed cost (index maps, YᵀY) is a few per cent. */
const USERS_PER_CHUNK = 256;
/** Movies per "more like this" block. */
const MOVIES_PER_BLOCK = 256;

export interface ServingModels {
  explicit: ExplicitModel;
  implicit: ImplicitModel;
  genres: ItemGenres;
}

/**
 * user_recommendations rows (tab-separated, COPY text), one chunk of users at a time: each chunk's lists are
 * computed by `tasteLists` on a pool thread (inline without a pool), each user from one fold-in of their
 * snapshot ratings, while the next chunks are under way. `onUsers` is called after each chunk.
 */
export async function* recommendationRows(
  models: ServingModels,
  rated: RatedItems,
  skipped: ReadonlyMap<number, readonly number[]>,
  settings: Pick<PublishOptions, 'version' | 'topN'>,
  pool: AlsWorkerPool | undefined,
  onUsers: (users: number, recommendations: number, done: number) => void,
): AsyncGenerator<string> {
  const { userIds } = models.implicit;
  const shared = sharedCopy(models);
  const chunks = Array.from({ length: Math.ceil(userIds.length / USERS_PER_CHUNK) }, (_, c) => c * USERS_PER_CHUNK);
  const calls = chunks.map((start): JobArgs<'tasteLists'> => {
    const end = Math.min(userIds.length, start + USERS_PER_CHUNK);
    const skips = Array.from(userIds.subarray(start, end), (id) => skipped.get(id) ?? null);
    return [shared, rated, start, end, settings.topN, skips, EXPLANATION_MIN_RATING];
  });
  let chunk = 0;
  for await (const lists of offThreadInOrder(pool, 'tasteLists', calls)) {
    const start = chunks[chunk++];
    let text = '';
    let users = 0;
    for (let u = 0, p = 0; u < lists.counts.length; u++) {
      const userId = userIds[start + u];
      for (let rank = 1; rank <= lists.counts[u]; rank++, p++) {
        const because = lists.because[p] < 0 ? '\\N' : lists.because[p];
        text += `${settings.version}\t${userId}\t${rank}\t${lists.items[p]}\t${real(lists.scores[p])}\t${real(lists.predicted[p])}\t${because}\n`;
      }
      if (lists.counts[u] > 0) users++;
    }
    onUsers(users, lists.items.length, start + lists.counts.length);
    if (text) yield text;
  }
}

/**
 * similar_movies rows (COPY text) of every movie with at least `similarMinRatings` ratings, in blocks of movies
 * ranked on the pool's threads. `onMovies` is called after each block with the movies listed and their rows.
 */
export async function* similarRows(
  models: ServingModels,
  settings: Pick<PublishOptions, 'version' | 'similarK' | 'similarMinRatings'>,
  pool: AlsWorkerPool | undefined,
  onMovies: (movies: number, rows: number, done: number) => void,
): AsyncGenerator<string> {
  const { implicit } = models;
  const k = settings.similarK;
  const sources = Int32Array.from(implicit.itemCounts.keys()).filter((i) => implicit.itemCounts[i] >= settings.similarMinRatings);
  const input = similarityInput(implicit, models.genres);
  const blocks = similarBlocks(input, sources, { k, minRatings: settings.similarMinRatings, pool, blockSize: MOVIES_PER_BLOCK });
  for await (const {
    sources: block,
    block: { neighbours, similarities },
  } of blocks) {
    let text = '';
    let movies = 0;
    let rows = 0;
    block.forEach((item, s) => {
      const movieId = implicit.itemIds[item];
      let rank = 0;
      for (; rank < k && neighbours[s * k + rank] >= 0; rank++) {
        text += `${settings.version}\t${movieId}\t${rank + 1}\t${implicit.itemIds[neighbours[s * k + rank]]}\t${real(similarities[s * k + rank])}\n`;
      }
      if (rank > 0) movies++;
      rows += rank;
    });
    onMovies(movies, rows, block[block.length - 1] + 1);
    if (text) yield text;
  }
}

/**
 * Computes and writes both tables, the lists on the snapshot's training pool threads. `onProgress` is called
 * after each chunk of users and each block of movies (the event loop stays free, so heartbeats keep flowing).
 */
export async function publishServingTables(options: {
  pool: Pool;
  snapshot: LoadedSnapshot;
  explicit: ExplicitModel;
  implicit: ImplicitModel;
  settings: PublishOptions;
  onProgress?: (done: { users: number; movies: number }) => void;
}): Promise<PublishCounts> {
  const { snapshot, explicit, implicit, settings } = options;
  const ratings = snapshot.ratings;
  if (!sameIds(implicit.userIds, ratings.userIds) || !sameIds(implicit.itemIds, ratings.itemIds)) {
    throw new Error(`the stored models of ${settings.version} were not trained on this snapshot (different users or movies)`);
  }
  const byUser = await snapshot.byUser();
  const genres = itemGenres(implicit.itemIds, implicit.itemCounts, await loadMovieGenres(options.pool));
  // "Haven't seen it" marks as of now: the API leaves them out too, but a list without them keeps its full length.
  const skips = await options.pool.query<{ user_id: number; movie_ids: number[] }>(
    'SELECT user_id, array_agg(movie_id) AS movie_ids FROM movie_skips GROUP BY user_id',
  );
  const skipped = new Map(skips.rows.map((row) => [row.user_id, row.movie_ids]));
  const counts: PublishCounts = { users: 0, recommendations: 0, moviesWithSimilar: 0, similarRows: 0 };
  const version = settings.version;
  const models = { explicit, implicit, genres };
  const threads = snapshot.threads();
  const recommendations = recommendationRows(models, byUser, skipped, settings, threads, (users, rows, done) => {
    counts.users += users;
    counts.recommendations += rows;
    options.onProgress?.({ users: done, movies: 0 });
  });
  const similar = similarRows(models, settings, threads, (movies, rows, done) => {
    counts.moviesWithSimilar += movies;
    counts.similarRows += rows;
    options.onProgress?.({ users: implicit.userIds.length, movies: done });
  });

  await inTransaction(options.pool, async (client) => {
    await client.query('DELETE FROM user_recommendations WHERE model_version = $1', [version]);
    await client.query('DELETE FROM similar_movies WHERE model_version = $1', [version]);
    await pipeline(
      recommendations,
      client.query(
        copyFrom(
          'COPY user_recommendations (model_version, user_id, rank, movie_id, score, predicted_rating, because_movie_id) FROM STDIN',
        ),
      ),
    );
    await pipeline(
      similar,
      client.query(copyFrom('COPY similar_movies (model_version, movie_id, rank, similar_movie_id, score) FROM STDIN')),
    );
    // Statistics of the new lists from the start (the first model's lists land in empty tables).
    await client.query('ANALYZE user_recommendations, similar_movies');
  });
  return counts;
}
