/**
 * The engine's new-user protocol (libs/recommender new-user.ts) as the retrain runs it: for one explicit +
 * implicit parameter set, both models are trained per group on the worker's ALS pool, and three rankings are
 * scored on the group's new users:
 *
 * - product: the "for you" list the product serves (recommendForTaste with the catalog's genres, exactly as
 *   publish.ts builds the precomputed lists);
 * - popularity: the most-rated training movies not in the profile;
 * - explicitByPrediction: the explicit model's predicted ratings (recommend()).
 *
 * The groups and the metrics are the engine's own (newUserGroups, newUserMetrics, blockbusters), so the figures
 * equal `recommender rank-eval --protocol new-user`'s for the same rankers; the loop is the worker's so that it
 * yields to the event loop between users (heartbeats keep flowing) and honours cancellation. The groups, each
 * group's training ratings and the blockbusters are computed on the pool's threads.
 */
import {
  itemGenres,
  NEW_USER_DEFAULTS,
  newUserMetrics,
  offThread,
  recommend,
  recommendForTaste,
  trainExplicit,
  trainImplicit,
  type AlsWorkerPool,
  type ExplicitParams,
  type ImplicitParams,
  type NewUserCase,
  type NewUserPlan,
  type ProfileRanker,
  type Ratings,
  type SweepProgress,
} from '@reelrank/recommender';
import type { NewUserEvaluation, NewUserFigures, NewUserProtocol } from '@reelrank/workflows';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export const NEW_USER_RANKINGS = ['product', 'popularity', 'explicitByPrediction'] as const;
export type NewUserRanking = (typeof NEW_USER_RANKINGS)[number];

/** Where the evaluation is (heartbeat details). */
export interface NewUserProgress {
  group: number;
  groups: number;
  step: 'training' | 'ranking' | 'done';
  /** While training: the model and its sweep. */
  model?: string;
  sweep?: number;
  sweeps?: number;
  /** While ranking: new users of the group done so far. */
  users?: number;
}

/** Users ranked between two yields to the event loop. */
const USERS_PER_YIELD = 16;

/** The popularity baseline: the most-rated movies of `train` (ties: lower movie id), none of the profile's. */
export function popularityRanker(train: Ratings): ProfileRanker {
  const counts = new Float64Array(train.itemIds.length);
  for (let r = 0; r < train.items.length; r++) counts[train.items[r]]++;
  const order: number[] = [];
  counts.forEach((count, item) => {
    if (count > 0) order.push(item);
  });
  order.sort((a, b) => counts[b] - counts[a] || train.itemIds[a] - train.itemIds[b]);
  const ranked = order.map((item) => train.itemIds[item]);
  return (profile, k) => {
    const rated = new Set(profile.map((rating) => rating.itemId));
    const picks: number[] = [];
    for (const id of ranked) {
      if (picks.length >= k) break;
      if (!rated.has(id)) picks.push(id);
    }
    return picks;
  };
}

/** The protocol's settings for this run. */
export function newUserProtocol(k: number, seed: number): NewUserProtocol {
  const { groups, profileSize, minRatings, likedMin, dislikedMax } = NEW_USER_DEFAULTS;
  return { k, seed, groups, profileSize, minRatings, likedMin, dislikedMax };
}

/**
 * Runs the protocol on `ratings` (with `timestamps`). `onProgress` is called on every sweep, at every group's
 * start and end and between users; it may throw to cancel. A snapshot with too few users with enough ratings
 * gives a result with `skipped` and no figures.
 */
export async function evaluateNewUsers(options: {
  ratings: Ratings;
  params: NewUserEvaluation['params'];
  k: number;
  seed: number;
  /** Genres by movie id (movie_genres); movies without any get no genre factor. */
  genresOf: ReadonlyMap<number, readonly string[]>;
  pool?: AlsWorkerPool;
  onProgress?: (progress: NewUserProgress) => void;
}): Promise<NewUserEvaluation> {
  const started = performance.now();
  const { ratings, params, k, seed, genresOf } = options;
  const protocol = newUserProtocol(k, seed);
  const onProgress = options.onProgress ?? (() => undefined);
  let moviesWithGenres = 0;
  for (const id of ratings.itemIds) if (genresOf.get(id)?.length) moviesWithGenres++;
  const result = (figures: Record<NewUserRanking, NewUserFigures> | null, skipped: string | null, eligibleUsers: number) => ({
    ...protocol,
    params,
    product: figures?.product ?? null,
    popularity: figures?.popularity ?? null,
    explicitByPrediction: figures?.explicitByPrediction ?? null,
    skipped,
    eligibleUsers,
    moviesWithGenres,
    seconds: (performance.now() - started) / 1000,
  });

  const pool = options.pool;
  let plan: NewUserPlan;
  try {
    plan = await offThread(pool, 'newUserPlan', ratings, protocol);
  } catch (error) {
    // The engine's RatingsError (too few eligible users), also when it comes from a pool thread.
    if ((error as Error).name === 'RatingsError') return result(null, (error as Error).message, 0);
    throw error;
  }
  const groups = plan.cases;
  const cases: NewUserCase[] = [];
  const lists: Record<NewUserRanking, number[][]> = { product: [], popularity: [], explicitByPrediction: [] };
  for (const [index, group] of groups.entries()) {
    const at = { group: index + 1, groups: groups.length };
    onProgress({ ...at, step: 'training' });
    const onSweep = (sweep: SweepProgress) =>
      onProgress({ ...at, step: 'training', model: sweep.kind, sweep: sweep.sweep, sweeps: sweep.sweeps });
    const train = await offThread(pool, 'groupTrainingRatings', ratings, { groupOf: plan.groupOf, heldOut: plan.heldOut }, index);
    const explicit = await trainExplicit(train, params.explicit as ExplicitParams, { pool, onSweep });
    const implicit = await trainImplicit(train, params.implicit as ImplicitParams, { pool, onSweep });
    const models = { explicit, implicit, genres: itemGenres(implicit.itemIds, implicit.itemCounts, genresOf) };
    const rankers: Record<NewUserRanking, ProfileRanker> = {
      product: (profile, size) => recommendForTaste(models, profile, { k: size }).map((pick) => pick.itemId),
      popularity: popularityRanker(train),
      explicitByPrediction: (profile, size) => recommend(explicit, profile, { k: size }).map((pick) => pick.itemId),
    };
    for (const [done, c] of group.entries()) {
      for (const name of NEW_USER_RANKINGS) lists[name].push(rankers[name](c.profile, k));
      cases.push(c);
      if (done % USERS_PER_YIELD === USERS_PER_YIELD - 1) {
        onProgress({ ...at, step: 'ranking', users: done + 1 });
        await yieldToEventLoop();
      }
    }
    onProgress({ ...at, step: 'done', users: group.length });
  }
  const [hits, catalogue] = await Promise.all([offThread(pool, 'blockbusters', ratings), offThread(pool, 'ratedItemCount', ratings)]);
  const figures = Object.fromEntries(
    NEW_USER_RANKINGS.map((name) => [name, { ...newUserMetrics(cases, lists[name], k, catalogue, hits) }]),
  ) as Record<NewUserRanking, NewUserFigures>;
  return result(figures, null, cases.length);
}
