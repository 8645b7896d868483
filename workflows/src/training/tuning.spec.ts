import type { ExplicitUnitResult } from './evaluation';
import { DEFAULT_RETRAIN_EXPLICIT_GRID, DEFAULT_RETRAIN_IMPLICIT_GRID, resolveRetrainOptions } from './retrain';
import {
  batches,
  bestExplicit,
  crossValidationFigures,
  explicitConfigurations,
  explicitRunKey,
  implicitConfigurations,
  pickFinalists,
  summarizeExplicit,
} from './tuning';

const run = (configKey: string, fold: number, rmse: [number, number]): ExplicitUnitResult => ({
  configKey,
  fold,
  checkpoints: [
    { iterations: 5, rmse: rmse[0], mae: rmse[0] / 2 },
    { iterations: 10, rmse: rmse[1], mae: rmse[1] / 2 },
  ],
  trainRatings: 80,
  testRatings: 20,
  seconds: 1,
  source: 'computed',
});

describe('resolveRetrainOptions', () => {
  it('applies the defaults', () => {
    const options = resolveRetrainOptions({ trigger: 'manual' });
    expect(options).toMatchObject({ folds: 5, finalists: 3, seed: 42, k: 10, topN: 50, similarK: 20, keepVersions: 5, force: false });
    expect(options.explicitGrid).toEqual(DEFAULT_RETRAIN_EXPLICIT_GRID);
    expect(options.implicitGrid).toEqual(DEFAULT_RETRAIN_IMPLICIT_GRID);
  });

  it('replaces given grid lists only, sorting checkpoints', () => {
    const options = resolveRetrainOptions({ explicitGrid: { ranks: [1], iterations: [3, 1] }, force: true });
    expect(options.explicitGrid).toEqual({ ...DEFAULT_RETRAIN_EXPLICIT_GRID, ranks: [1], iterations: [1, 3] });
    expect(options.force).toBe(true);
  });

  it('names every problem', () => {
    expect(() =>
      resolveRetrainOptions({ folds: 1, explicitGrid: { ranks: [] }, implicitGrid: { confidences: ['cubic' as never] }, topN: 0 }),
    ).toThrow(
      /explicitGrid.ranks must be a non-empty list; implicitGrid.confidences\[0\] must be "linear" or "log".*folds must be an integer in 2..20 \(got 1\); topN/,
    );
  });
});

describe('tuning bookkeeping', () => {
  const grid = { ranks: [2, 4], lambdas: [0.1], pseudoCounts: [0, 10], biasLambdas: [2], iterations: [5, 10] };
  const configs = explicitConfigurations(grid, 42, 3);

  it('enumerates configurations with the largest checkpoint as iterations', () => {
    expect(configs.map((c) => c.configKey)).toEqual([
      'k3-r2-l0.1-p0-b2-s42',
      'k3-r2-l0.1-p10-b2-s42',
      'k3-r4-l0.1-p0-b2-s42',
      'k3-r4-l0.1-p10-b2-s42',
    ]);
    expect(configs.every((c) => c.params.iterations === 10)).toBe(true);
    const implicit = implicitConfigurations(
      { ranks: [8], lambdas: [1, 2], alphas: [4], confidences: ['log', 'linear'], iterations: [3] },
      7,
      {
        k: 10,
        testFraction: 0.25,
        validationFraction: 0.25,
      },
    );
    expect(implicit).toHaveLength(4);
    expect(implicit[0]).toEqual({
      configKey: 'r8-l1-a4-log-e1-s7-k10-t0.25-v0.25',
      params: { rank: 8, lambda: 1, alpha: 4, confidence: 'log', epsilon: 1, iterations: 3, seed: 7 },
    });
  });

  it('batches runs', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('halves over folds: finalists by fold-0 RMSE, best by mean over all folds', () => {
    const results = new Map<string, ExplicitUnitResult>();
    const fold0: [number, number][] = [
      [0.95, 0.9],
      [0.92, 0.91],
      [0.99, 0.97],
      [0.93, 0.88],
    ];
    configs.forEach((c, i) => results.set(explicitRunKey(c.configKey, 0), run(c.configKey, 0, fold0[i])));
    const finalists = pickFinalists(configs, results, 2);
    expect(finalists.map((c) => c.configKey)).toEqual([configs[3].configKey, configs[0].configKey]);
    // Config 0 generalises better over the other folds.
    for (const fold of [1, 2]) {
      results.set(explicitRunKey(configs[0].configKey, fold), run(configs[0].configKey, fold, [0.9, 0.86]));
      results.set(explicitRunKey(configs[3].configKey, fold), run(configs[3].configKey, fold, [0.9, 0.92]));
    }
    const summary = summarizeExplicit(configs, grid.iterations, results, 3);
    expect(summary).toHaveLength(8);
    expect(summary.filter((s) => s.folds === 3)).toHaveLength(4);
    const best = bestExplicit(summary)!;
    expect(best.params).toMatchObject({ rank: 2, pseudoCount: 0, iterations: 10 });
    expect(best.rmse).toBeCloseTo((0.9 + 0.86 + 0.86) / 3, 10);
    const cv = crossValidationFigures(best.params, results, 3, 42);
    expect(cv.perFold.map((f) => f.rmse)).toEqual([0.9, 0.86, 0.86]);
    expect(cv.rmse).toBeCloseTo(best.rmse, 12);
    expect(cv.rmseStd).toBeCloseTo(Math.sqrt(((0.9 - cv.rmse) ** 2 + 2 * (0.86 - cv.rmse) ** 2) / 2), 12);
    expect(() => crossValidationFigures({ ...best.params, iterations: 7 }, results, 3, 42)).toThrow(/no CV result/);
  });
});
