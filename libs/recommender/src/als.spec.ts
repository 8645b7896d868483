import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import {
  confidenceOf,
  ExplicitAlsTrainer,
  explicitTrainingData,
  ImplicitAlsTrainer,
  implicitDataFromExplicit,
  trainExplicit,
  trainImplicit,
} from './als';
import { accuracy } from './evaluate';
import { ExplicitParams, ImplicitParams } from './model';
import { AlsWorkerPool } from './pool';
import { mulberry32 } from './random';
import { Ratings, ratingsFromTriplets } from './ratings';

/** Random sparse ratings; row lengths vary from 1 to `maxPerUser` so both solve paths run. */
function sparseRatings(users: number, items: number, maxPerUser: number, seed: number): Ratings {
  const random = mulberry32(seed);
  const u: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  for (let user = 0; user < users; user++) {
    const count = 1 + Math.floor(random() * maxPerUser);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(random() * items));
    for (const item of chosen) {
      u.push(user);
      i.push(item);
      v.push(0.5 + Math.floor(random() * 10) / 2);
    }
  }
  return ratingsFromTriplets(u, i, v);
}

const bytes = (values: Float64Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

describe('explicit ALS', () => {
  it('recovers a fully observed rank-3 matrix almost exactly with tiny λ', async () => {
    const random = mulberry32(3);
    const rank = 3;
    const users = 30;
    const items = 20;
    const userTruth = Array.from({ length: users * rank }, () => random() - 0.5);
    const itemTruth = Array.from({ length: items * rank }, () => random() - 0.5);
    const u: number[] = [];
    const i: number[] = [];
    const v: number[] = [];
    for (let a = 0; a < users; a++)
      for (let b = 0; b < items; b++) {
        let value = 3;
        for (let r = 0; r < rank; r++) value += userTruth[a * rank + r] * itemTruth[b * rank + r];
        u.push(a);
        i.push(b);
        v.push(value);
      }
    const ratings = ratingsFromTriplets(u, i, v);
    const model = await trainExplicit(ratings, { rank, lambda: 1e-12, pseudoCount: 0, biasLambda: 1e-12, iterations: 40, seed: 1 });
    expect(accuracy(model, ratings).rmse).toBeLessThan(1e-6);
  });

  it('matches a dense ml-matrix reference of the normal equations to 1e-9', async () => {
    const ratings = sparseRatings(25, 18, 12, 11);
    const params: ExplicitParams = { rank: 4, lambda: 0.1, pseudoCount: 3, biasLambda: 2, iterations: 5, seed: 9 };
    const trainer = new ExplicitAlsTrainer(ratings, params);
    const reference = new DenseExplicitReference(ratings, params, trainer.model.itemFactors);
    for (let sweep = 0; sweep < params.iterations; sweep++) {
      await trainer.sweep();
      reference.sweep();
    }
    const m = trainer.model;
    expectClose(m.userFactors, reference.userFactors.to1DArray());
    expectClose(m.itemFactors, reference.itemFactors.to1DArray());
    expectClose(m.userBias, reference.userBias);
    expectClose(m.itemBias, reference.itemBias);
  });

  it('lowers the training error sweep after sweep', async () => {
    const ratings = sparseRatings(60, 40, 25, 5);
    const trainer = new ExplicitAlsTrainer(ratings, { rank: 5, lambda: 0.05, pseudoCount: 0, biasLambda: 1, iterations: 6, seed: 2 });
    const errors: number[] = [];
    for (let sweep = 0; sweep < 6; sweep++) {
      await trainer.sweep();
      errors.push(accuracy(trainer.model, ratings).rmse);
    }
    for (let s = 1; s < errors.length; s++) expect(errors[s]).toBeLessThanOrEqual(errors[s - 1] + 1e-9);
  });
});

describe('implicit ALS', () => {
  it('matches a dense reference without the YᵀY trick to 1e-9', async () => {
    const ratings = sparseRatings(20, 15, 10, 12);
    const params: ImplicitParams = { rank: 4, lambda: 0.5, alpha: 2, confidence: 'linear', epsilon: 1, iterations: 5, seed: 4 };
    const trainer = new ImplicitAlsTrainer(ratings, params);
    const reference = new DenseImplicitReference(ratings, params, trainer.model.itemFactors);
    for (let sweep = 0; sweep < params.iterations; sweep++) {
      await trainer.sweep();
      reference.sweep();
    }
    expectClose(trainer.model.userFactors, reference.userFactors.to1DArray());
    expectClose(trainer.model.itemFactors, reference.itemFactors.to1DArray());
  });

  it('with as many conjugate-gradient steps as the rank, matches the exact solves (dislikes included)', async () => {
    const ratings = sparseRatings(20, 15, 10, 12);
    const params: ImplicitParams = {
      rank: 4,
      lambda: 0.5,
      alpha: 2,
      confidence: 'linear',
      epsilon: 1,
      likeThreshold: 3,
      dislikeWeight: 1,
      iterations: 5,
      seed: 4,
    };
    const exact = new ImplicitAlsTrainer(ratings, params);
    const cg = new ImplicitAlsTrainer(ratings, { ...params, solver: 'cg', cgSteps: params.rank });
    for (let sweep = 0; sweep < params.iterations; sweep++) {
      await exact.sweep();
      await cg.sweep();
    }
    expectClose(cg.model.userFactors, exact.model.userFactors, 1e-8);
    expectClose(cg.model.itemFactors, exact.model.itemFactors, 1e-8);
  });

  it('moves every row towards its exact solution with each conjugate-gradient step from a warm start', async () => {
    const ratings = sparseRatings(40, 30, 20, 13);
    const params: ImplicitParams = {
      rank: 8,
      lambda: 0.5,
      alpha: 4,
      confidence: 'log',
      epsilon: 1,
      likeThreshold: 3,
      dislikeWeight: 1,
      iterations: 1,
      seed: 5,
    };
    const k = params.rank;
    // After one sweep the user factors are the user half's solutions (the item half only moves the items):
    // the same start and item factors for every trainer, so only the solves differ.
    const exact = new ImplicitAlsTrainer(ratings, params);
    const start = Float64Array.from(exact.model.userFactors);
    await exact.sweep();
    const solutions: Float64Array[] = [start];
    for (const steps of [1, 2, 3]) {
      const trainer = new ImplicitAlsTrainer(ratings, { ...params, solver: 'cg', cgSteps: steps });
      await trainer.sweep();
      solutions.push(trainer.model.userFactors);
    }
    const distanceOf = (factors: Float64Array) =>
      Array.from({ length: ratings.userIds.length }, (_, u) => {
        let s = 0;
        for (let r = 0; r < k; r++) s += (factors[u * k + r] - exact.model.userFactors[u * k + r]) ** 2;
        return Math.sqrt(s);
      });
    const byStep = solutions.map(distanceOf);
    for (let u = 0; u < ratings.userIds.length; u++) {
      for (let steps = 1; steps < byStep.length; steps++) expect(byStep[steps][u]).toBeLessThan(byStep[steps - 1][u] + 1e-12);
    }
    expect(byStep[3].reduce((a, b) => a + b)).toBeLessThan(0.1 * byStep[0].reduce((a, b) => a + b));
  });

  it('uses linear or logarithmic confidence', () => {
    expect(confidenceOf(4, { alpha: 2, confidence: 'linear', epsilon: 1 })).toBe(9);
    expect(confidenceOf(4, { alpha: 2, confidence: 'log', epsilon: 0.5 })).toBeCloseTo(1 + 2 * Math.log(9), 12);
  });
});

describe('determinism and worker threads', () => {
  const ratings = sparseRatings(120, 80, 40, 21);
  const explicit: Partial<ExplicitParams> = { rank: 6, iterations: 4, seed: 77 };
  const implicit: Partial<ImplicitParams> = { rank: 6, iterations: 4, seed: 77 };
  let pool: AlsWorkerPool;

  beforeAll(() => {
    pool = new AlsWorkerPool({ threads: 2 });
  });
  afterAll(() => pool.close());

  it('gives identical models for the same seed and different ones for another seed', async () => {
    const a = await trainExplicit(ratings, explicit);
    const b = await trainExplicit(ratings, explicit);
    const c = await trainExplicit(ratings, { ...explicit, seed: 78 });
    expect(bytes(a.userFactors).equals(bytes(b.userFactors))).toBe(true);
    expect(bytes(a.itemBias).equals(bytes(b.itemBias))).toBe(true);
    expect(bytes(a.userFactors).equals(bytes(c.userFactors))).toBe(false);
  });

  it('single-threaded and worker-thread training agree bit for bit', async () => {
    const inlineExplicit = await trainExplicit(ratings, explicit);
    const pooledExplicit = await trainExplicit(ratings, explicit, { pool });
    expect(bytes(pooledExplicit.userFactors).equals(bytes(inlineExplicit.userFactors))).toBe(true);
    expect(bytes(pooledExplicit.itemFactors).equals(bytes(inlineExplicit.itemFactors))).toBe(true);
    expect(bytes(pooledExplicit.userBias).equals(bytes(inlineExplicit.userBias))).toBe(true);
    const inlineImplicit = await trainImplicit(ratings, implicit);
    const pooledImplicit = await trainImplicit(ratings, implicit, { pool });
    expect(bytes(pooledImplicit.itemFactors).equals(bytes(inlineImplicit.itemFactors))).toBe(true);
    for (const solver of ['exact', 'cg'] as const) {
      const inlineSolved = await trainImplicit(ratings, { ...implicit, solver });
      const pooledSolved = await trainImplicit(ratings, { ...implicit, solver }, { pool });
      expect(bytes(pooledSolved.itemFactors).equals(bytes(inlineSolved.itemFactors))).toBe(true);
    }
  });

  it("trains the same models bit for bit from matrices built once for both (the retrain's final training)", async () => {
    const data = explicitTrainingData(ratings);
    const shared = await trainExplicit(ratings, explicit, { pool, data });
    const own = await trainExplicit(ratings, explicit, { pool });
    expect(bytes(shared.userFactors).equals(bytes(own.userFactors))).toBe(true);
    // Dislikes weigh against (negative confidences), and the defaults fill what the tuned parameters leave out.
    const tuned: Partial<ImplicitParams> = { ...implicit, alpha: 3, confidence: 'linear', likeThreshold: 3 };
    const derived = implicitDataFromExplicit(data, tuned);
    expect(derived.byUser.indices).toBe(data.byUser.indices);
    expect(Array.from(derived.byUser.values).some((value) => value < 0)).toBe(true);
    const fromDerived = await trainImplicit(ratings, tuned, { pool, data: derived });
    const fromRatings = await trainImplicit(ratings, tuned, { pool });
    expect(bytes(fromDerived.itemFactors).equals(bytes(fromRatings.itemFactors))).toBe(true);
    expect(bytes(fromDerived.userFactors).equals(bytes(fromRatings.userFactors))).toBe(true);
  });

  it('reports progress once per sweep', async () => {
    const sweeps: number[] = [];
    await trainExplicit(ratings, explicit, { pool, onSweep: (p) => sweeps.push(p.sweep) });
    expect(sweeps).toEqual([1, 2, 3, 4]);
  });
});

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let e = 0; e < actual.length; e++) worst = Math.max(worst, Math.abs(actual[e] - expected[e]));
  expect(worst).toBeLessThan(tolerance);
}

/** Observed (row, column, value) lists per user and per item. */
function observations(ratings: Ratings) {
  const byUser = Array.from({ length: ratings.userIds.length }, () => [] as [number, number][]);
  const byItem = Array.from({ length: ratings.itemIds.length }, () => [] as [number, number][]);
  for (let p = 0; p < ratings.values.length; p++) {
    byUser[ratings.users[p]].push([ratings.items[p], ratings.values[p]]);
    byItem[ratings.items[p]].push([ratings.users[p], ratings.values[p]]);
  }
  return { byUser, byItem };
}

/** Straightforward explicit ALS: per row, dense features [y; 1], A = ZᵀZ + diag, Cholesky. */
class DenseExplicitReference {
  userFactors: Matrix;
  itemFactors: Matrix;
  userBias: number[];
  itemBias: number[];
  private readonly mean: number;
  private readonly obs: ReturnType<typeof observations>;

  constructor(
    ratings: Ratings,
    private readonly params: ExplicitParams,
    initialItems: Float64Array,
  ) {
    const k = params.rank;
    this.obs = observations(ratings);
    this.mean = ratings.values.reduce((a, b) => a + b, 0) / ratings.values.length;
    this.userFactors = Matrix.zeros(ratings.userIds.length, k);
    this.itemFactors = new Matrix(ratings.itemIds.length, k);
    for (let i = 0; i < ratings.itemIds.length; i++) for (let r = 0; r < k; r++) this.itemFactors.set(i, r, initialItems[i * k + r]);
    this.userBias = new Array(ratings.userIds.length).fill(0);
    this.itemBias = new Array(ratings.itemIds.length).fill(0);
  }

  sweep(): void {
    this.solveSide(this.obs.byUser, this.itemFactors, this.itemBias, this.userFactors, this.userBias);
    this.solveSide(this.obs.byItem, this.userFactors, this.userBias, this.itemFactors, this.itemBias);
  }

  private solveSide(rows: [number, number][][], fixed: Matrix, fixedBias: number[], out: Matrix, outBias: number[]): void {
    const k = this.params.rank;
    rows.forEach((entries, row) => {
      const n = entries.length;
      const features = new Matrix(n, k + 1);
      const targets = new Matrix(n, 1);
      entries.forEach(([other, value], j) => {
        for (let r = 0; r < k; r++) features.set(j, r, fixed.get(other, r));
        features.set(j, k, 1);
        targets.set(j, 0, value - this.mean - fixedBias[other]);
      });
      const a = features.transpose().mmul(features);
      for (let r = 0; r < k; r++) a.set(r, r, a.get(r, r) + this.params.lambda * (n + this.params.pseudoCount));
      a.set(k, k, a.get(k, k) + this.params.biasLambda);
      const solution = new CholeskyDecomposition(a).solve(features.transpose().mmul(targets));
      for (let r = 0; r < k; r++) out.set(row, r, solution.get(r, 0));
      outBias[row] = solution.get(k, 0);
    });
  }
}

/** Hu–Koren–Volinsky without shortcuts: dense confidence over every item, A = YᵀC_uY + λI. */
class DenseImplicitReference {
  userFactors: Matrix;
  itemFactors: Matrix;
  private readonly confidence: Matrix;
  private readonly preference: Matrix;

  constructor(
    ratings: Ratings,
    private readonly params: ImplicitParams,
    initialItems: Float64Array,
  ) {
    const k = params.rank;
    const users = ratings.userIds.length;
    const items = ratings.itemIds.length;
    this.confidence = Matrix.ones(users, items);
    this.preference = Matrix.zeros(users, items);
    for (let p = 0; p < ratings.values.length; p++) {
      this.confidence.set(ratings.users[p], ratings.items[p], confidenceOf(ratings.values[p], params));
      this.preference.set(ratings.users[p], ratings.items[p], 1);
    }
    this.userFactors = Matrix.zeros(users, k);
    this.itemFactors = new Matrix(items, k);
    for (let i = 0; i < items; i++) for (let r = 0; r < k; r++) this.itemFactors.set(i, r, initialItems[i * k + r]);
  }

  sweep(): void {
    this.userFactors = this.solve(this.itemFactors, this.confidence, this.preference);
    this.itemFactors = this.solve(this.userFactors, this.confidence.transpose(), this.preference.transpose());
  }

  private solve(fixed: Matrix, confidence: Matrix, preference: Matrix): Matrix {
    const out = Matrix.zeros(confidence.rows, this.params.rank);
    for (let row = 0; row < confidence.rows; row++) {
      const weighted = fixed.clone();
      for (let j = 0; j < fixed.rows; j++) weighted.mulRow(j, confidence.get(row, j));
      const product = fixed.transpose().mmul(weighted);
      const a = product.add(product.transpose()).div(2); // exactly symmetric for ml-matrix's Cholesky
      for (let r = 0; r < this.params.rank; r++) a.set(r, r, a.get(r, r) + this.params.lambda);
      const b = weighted.transpose().mmul(preference.getRowVector(row).transpose());
      out.setRow(row, new CholeskyDecomposition(a).solve(b).to1DArray());
    }
    return out;
  }
}
