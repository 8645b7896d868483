import { AlsWorkerPool } from './pool';
import { mulberry32 } from './random';
import { Ratings, ratingsFromTriplets } from './ratings';
import { crossValidate } from './evaluate';
import { tuneExplicit, tuneImplicit } from './tune';

/** 50 users × 40 items from a rank-2 taste model, about 40 % observed, half-star ratings. */
function tasteRatings(): Ratings {
  const random = mulberry32(8);
  const taste = Array.from({ length: 50 }, () => [random() - 0.5, random() - 0.5]);
  const profile = Array.from({ length: 40 }, () => [random() - 0.5, random() - 0.5]);
  const u: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  for (let a = 0; a < 50; a++)
    for (let b = 0; b < 40; b++) {
      if (random() > 0.4) continue;
      const raw = 3 + 4 * (taste[a][0] * profile[b][0] + taste[a][1] * profile[b][1]) + (random() - 0.5) * 0.5;
      u.push(a);
      i.push(b);
      v.push(Math.min(5, Math.max(0.5, Math.round(raw * 2) / 2)));
    }
  return ratingsFromTriplets(u, i, v);
}

describe('tuning (the shared tuner, in process)', () => {
  const ratings = tasteRatings();

  it('explicit k-fold: evaluates every grid point at every iteration count and cross-validates the finalists', async () => {
    const grid = { ranks: [2, 4], lambdas: [0.05, 0.2], pseudoCounts: [0, 5], biasLambdas: [1], iterations: [3, 6] };
    const result = await tuneExplicit(ratings, { folds: 3, seed: 3, grid, finalists: 2 });
    expect(result).toMatchObject({ protocol: 'kfold', sampleUsers: null, folds: 3 });
    expect(result.configurations).toHaveLength(2 * 2 * 2 * 2);
    const full = result.configurations.filter((c) => c.folds === 3);
    expect(full).toHaveLength(2 * 2); // 2 finalists × 2 iteration counts
    expect(result.configurations.filter((c) => c.folds === 1)).toHaveLength(12);
    expect(result.rmse).toBe(Math.min(...full.map((c) => c.rmse)));
    expect(full.find((c) => c.rmse === result.rmse)?.params).toEqual(result.params);
    // The figures are crossValidate's for the chosen parameters (same folds, same sweeps).
    const cv = await crossValidate(ratings, result.params, { folds: 3, seed: 3 });
    expect(cv.rmse).toBeCloseTo(result.rmse, 12);
  });

  it('explicit holdout: fold 0 of a user sample, halving over sweeps', async () => {
    const grid = { ranks: [2, 4], lambdas: [0.05, 0.2], pseudoCounts: [5], biasLambdas: [1], iterations: [3, 6] };
    const result = await tuneExplicit(ratings, { protocol: 'holdout', sampleRatings: 400, seed: 3, grid, keepFraction: 0.5 });
    // 50 users with ~800 ratings: a sample of half the users.
    expect(result).toMatchObject({ protocol: 'holdout', sampleUsers: Math.ceil((50 * 400) / ratings.values.length), folds: 1 });
    // 4 configurations at 3 sweeps, the best 2 at 6.
    expect(result.configurations.map((c) => c.params.iterations).sort()).toEqual([3, 3, 3, 3, 6, 6]);
    expect(result.rmse).toBe(Math.min(...result.configurations.map((c) => c.rmse)));
  });

  it('implicit: all configurations to the last checkpoint (k-fold), halving with a holdout, identical inline and on worker threads', async () => {
    const grid = { ranks: [2, 3], lambdas: [0.5], alphas: [1, 3], confidences: ['linear' as const, 'log' as const], iterations: [2, 4, 6] };
    const kfold = await tuneImplicit(ratings, { seed: 5, k: 5, grid });
    expect(kfold.configurations).toHaveLength(8 * 3);
    const inline = await tuneImplicit(ratings, { seed: 5, k: 5, grid, keepFraction: 0.5, protocol: 'holdout', sampleRatings: 1e9 });
    expect(inline).toMatchObject({ protocol: 'holdout', sampleUsers: null, k: 5, testFraction: 0.25 });
    // 8 candidates at 2 sweeps, 4 at 4 sweeps, 2 at 6 sweeps; survivors report every checkpoint up to theirs.
    expect(inline.configurations.map((c) => c.params.iterations).sort()).toEqual([
      ...Array(8).fill(2),
      ...Array(4).fill(4),
      ...Array(2).fill(6),
    ]);
    expect(inline.ndcgAtK).toBe(Math.max(...inline.configurations.map((c) => c.ndcgAtK)));
    // The same runs as without halving where they overlap (same split, same seed).
    for (const c of inline.configurations) expect(kfold.configurations).toContainEqual(c);
    const pool = new AlsWorkerPool({ threads: 2 });
    try {
      const pooled = await tuneImplicit(ratings, { seed: 5, k: 5, grid, keepFraction: 0.5, protocol: 'holdout', sampleRatings: 1e9, pool });
      expect(pooled.configurations).toEqual(inline.configurations);
      expect(pooled.params).toEqual(inline.params);
    } finally {
      await pool.close();
    }
  });
});
