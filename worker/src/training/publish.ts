/**
 * Precomputed serving tables of a model version: top-N recommendations per user (the engine's taste ranking
 * of the user's snapshot ratings, the same function the API's fold-in uses: rated and skipped movies left
 * out, predicted rating from the explicit model, "because you rated" a liked movie from the implicit model's
 * explanation) and top-K similar movies (cosine of the implicit item factors weighted by genre overlap).
 * Written with COPY in one transaction that first deletes the version's rows, so a retried attempt replaces them.
 */
import { inTransaction } from '@reelrank/prisma';
import { itemGenres, similarItems, TasteProfile, type ExplicitModel, type ImplicitModel, type RatingInput } from '@reelrank/recommender';
import { pipeline } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
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

/**
 * Computes and writes both tables. `onProgress` is called between users (the computation yields to the event
 * loop there, so heartbeats keep flowing).
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
  const n = settings.topN;
  const genres = itemGenres(implicit.itemIds, implicit.itemCounts, await loadMovieGenres(options.pool));
  // "Haven't seen it" marks as of now: the API leaves them out too, but a list without them keeps its full length.
  const skips = await options.pool.query<{ user_id: number; movie_ids: number[] }>(
    'SELECT user_id, array_agg(movie_id) AS movie_ids FROM movie_skips GROUP BY user_id',
  );
  const skipped = new Map(skips.rows.map((row) => [row.user_id, row.movie_ids]));
  const counts: PublishCounts = { users: 0, recommendations: 0, moviesWithSimilar: 0, similarRows: 0 };
  const version = settings.version;

  async function* recommendationRows(): AsyncGenerator<string> {
    for (let u = 0; u < implicit.userIds.length; u++) {
      const userId = implicit.userIds[u];
      const from = byUser.indptr[u];
      const to = byUser.indptr[u + 1];
      const rated: RatingInput[] = [];
      for (let p = from; p < to; p++) rated.push({ itemId: implicit.itemIds[byUser.indices[p]], rating: byUser.values[p] });
      const taste = new TasteProfile({ explicit, implicit, genres }, rated);
      let chunk = '';
      let rank = 0;
      for (const pick of taste.top(n, skipped.get(userId))) {
        if (pick.source !== 'model') break;
        const because = taste.because(pick.itemId, EXPLANATION_MIN_RATING);
        rank++;
        chunk += `${version}\t${userId}\t${rank}\t${pick.itemId}\t${real(pick.score)}\t${real(pick.predictedRating)}\t${because ? because.itemId : '\\N'}\n`;
      }
      if (rank > 0) counts.users++;
      counts.recommendations += rank;
      if (chunk) yield chunk;
      if (u % 4 === 3) {
        options.onProgress?.({ users: u + 1, movies: 0 });
        await yieldToEventLoop();
      }
    }
  }

  async function* similarRows(): AsyncGenerator<string> {
    for (let i = 0; i < implicit.itemIds.length; i++) {
      if (implicit.itemCounts[i] < settings.similarMinRatings) continue;
      const movieId = implicit.itemIds[i];
      const similar = similarItems(implicit, movieId, { k: settings.similarK, minRatings: settings.similarMinRatings, genres });
      if (similar.length === 0) continue;
      counts.moviesWithSimilar++;
      counts.similarRows += similar.length;
      yield similar.map((s, r) => `${version}\t${movieId}\t${r + 1}\t${s.itemId}\t${real(s.similarity)}\n`).join('');
      if (counts.moviesWithSimilar % 64 === 0) {
        options.onProgress?.({ users: implicit.userIds.length, movies: i + 1 });
        await yieldToEventLoop();
      }
    }
  }

  await inTransaction(options.pool, async (client) => {
    await client.query('DELETE FROM user_recommendations WHERE model_version = $1', [version]);
    await client.query('DELETE FROM similar_movies WHERE model_version = $1', [version]);
    await pipeline(
      recommendationRows(),
      client.query(
        copyFrom(
          'COPY user_recommendations (model_version, user_id, rank, movie_id, score, predicted_rating, because_movie_id) FROM STDIN',
        ),
      ),
    );
    await pipeline(
      similarRows(),
      client.query(copyFrom('COPY similar_movies (model_version, movie_id, rank, similar_movie_id, score) FROM STDIN')),
    );
    // Statistics of the new lists from the start (the first model's lists land in empty tables).
    await client.query('ANALYZE user_recommendations, similar_movies');
  });
  return counts;
}
