import {
  evaluateNewUsers as engineEvaluateNewUsers,
  itemGenres,
  mulberry32,
  ratingsFromTriplets,
  recommend,
  recommendForTaste,
  trainExplicit,
  trainImplicit,
  type Ratings,
} from '@reelrank/recommender';
import type { NewUserEvaluation } from '@reelrank/workflows';
import { evaluateNewUsers, popularityRanker, type NewUserProgress } from './new-user-evaluation';

const explicit = { rank: 4, lambda: 0.1, pseudoCount: 5, biasLambda: 2, iterations: 3, seed: 7 };
const implicit = { rank: 4, lambda: 2, alpha: 4, confidence: 'log' as const, epsilon: 1, iterations: 3, seed: 7 };
const params: NewUserEvaluation['params'] = { explicit, implicit };

/**
 * 40 users and 80 movies in two tastes (movies 1-40 "Animation", 41-80 "Crime"): each user rates 45 movies,
 * mostly of their taste and well, with times in a random order.
 */
function tasteRatings(users = 40): Ratings {
  const random = mulberry32(11);
  const u: number[] = [];
  const m: number[] = [];
  const v: number[] = [];
  const t: number[] = [];
  for (let user = 1; user <= users; user++) {
    const likesAnimation = user % 2 === 0;
    const movies = new Set<number>();
    while (movies.size < 45) movies.add(1 + Math.floor(random() * 80));
    for (const movie of movies) {
      const ofTaste = movie <= 40 === likesAnimation;
      u.push(user);
      m.push(movie);
      v.push(ofTaste ? 4 + Math.round(random() * 2) / 2 : 1 + Math.round(random() * 3) / 2);
      t.push(1_000_000_000 + Math.floor(random() * 1e6));
    }
  }
  return ratingsFromTriplets(u, m, v, t);
}

const genresOf = new Map(Array.from({ length: 80 }, (_, i) => [i + 1, [i < 40 ? 'Animation' : 'Crime']]));

describe('popularityRanker', () => {
  it('lists the most-rated training movies (ties: lower id), none of the profile and none without ratings', () => {
    const train = ratingsFromTriplets([1, 2, 3, 1, 2, 1, 4], [30, 30, 30, 20, 20, 10, 99], [4, 4, 4, 4, 4, 4, 4]);
    const rank = popularityRanker(train);
    expect(rank([], 3)).toEqual([30, 20, 10]);
    expect(rank([{ itemId: 30, rating: 5 }], 2)).toEqual([20, 10]);
    expect(rank([], 10)).toEqual([30, 20, 10, 99]);
  });
});

describe('evaluateNewUsers (worker)', () => {
  it("gives the engine's own figures for the product, popularity and explicit-by-prediction rankings", async () => {
    const ratings = tasteRatings();
    const worker = await evaluateNewUsers({ ratings, params, k: 10, seed: 42, genresOf });

    // The engine's protocol with the same three rankers, built the same way per group.
    const engine = await engineEvaluateNewUsers(
      ratings,
      {
        product: async (train) => {
          const e = await trainExplicit(train, explicit);
          const i = await trainImplicit(train, implicit);
          const models = { explicit: e, implicit: i, genres: itemGenres(i.itemIds, i.itemCounts, genresOf) };
          return (profile, k) => recommendForTaste(models, profile, { k }).map((pick) => pick.itemId);
        },
        popularity: popularityRanker,
        explicitByPrediction: async (train) => {
          const e = await trainExplicit(train, explicit);
          return (profile, k) => recommend(e, profile, { k }).map((pick) => pick.itemId);
        },
      },
      { k: 10, seed: 42 },
    );
    expect(worker).toMatchObject({
      k: 10,
      seed: 42,
      groups: 5,
      profileSize: 10,
      minRatings: 40,
      likedMin: 4,
      dislikedMax: 2,
      params,
      skipped: null,
      eligibleUsers: 40,
      moviesWithGenres: 80,
    });
    expect(worker.product).toEqual(engine.product);
    expect(worker.popularity).toEqual(engine.popularity);
    expect(worker.explicitByPrediction).toEqual(engine.explicitByPrediction);
    // The product's ranking uses the genres: on two clean tastes it beats listing the most-rated movies.
    expect(worker.product!.likedPrecisionAtK).toBeGreaterThan(worker.popularity!.likedPrecisionAtK);
    expect(worker.seconds).toBeGreaterThan(0);
  });

  it('reports every group with training sweeps and users, and stops when progress throws (cancellation)', async () => {
    const seen: NewUserProgress[] = [];
    await evaluateNewUsers({ ratings: tasteRatings(), params, k: 10, seed: 42, genresOf, onProgress: (p) => seen.push(p) });
    expect(seen.filter((p) => p.step === 'done').map((p) => p.group)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.some((p) => p.step === 'training' && p.model === 'implicit' && p.sweep === 3 && p.sweeps === 3)).toBe(true);

    const cancelled = new Error('cancelled');
    let calls = 0;
    const run = evaluateNewUsers({
      ratings: tasteRatings(),
      params,
      k: 10,
      seed: 42,
      genresOf,
      onProgress: (p) => {
        calls++;
        if (p.group === 2) throw cancelled;
      },
    });
    await expect(run).rejects.toBe(cancelled);
    expect(calls).toBeLessThan(seen.length);
  });

  it('is skipped, with the reason, when too few users have enough ratings', async () => {
    const result = await evaluateNewUsers({ ratings: tasteRatings(4), params, k: 10, seed: 42, genresOf });
    expect(result).toMatchObject({ product: null, popularity: null, explicitByPrediction: null, eligibleUsers: 0 });
    expect(result.skipped).toMatch(/needs at least 5 users with ≥ 40 ratings, found 4/);
  });
});
