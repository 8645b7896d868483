import type { ExplicitUnitResult, ImplicitUnitResult } from './evaluation';
import { DEFAULT_EXPLICIT_GRID, DEFAULT_IMPLICIT_GRID, resolveRetrainOptions, RETRAIN_DEFAULTS } from './retrain';
import {
  batches,
  chooseTuningProtocol,
  explicitConfigurations,
  implicitConfigurations,
  NoTuningResultError,
  sweepStages,
  Tuner,
  type ExplicitTuningUnit,
  type ImplicitTuningUnit,
  type TuningExecutor,
  type TuningPlan,
  type TuningProtocol,
} from './tuning';

describe('resolveRetrainOptions', () => {
  it('applies the defaults', () => {
    const options = resolveRetrainOptions({ trigger: 'manual' });
    expect(options).toMatchObject({
      protocol: 'auto',
      kfoldMaxRatings: 500_000,
      sampleRatings: 500_000,
      keepFraction: 1 / 3,
      folds: 5,
      finalists: 3,
      seed: 42,
      k: 10,
      topN: 50,
      similarK: 20,
      keepVersions: 5,
      force: false,
    });
    expect(options.explicitGrid).toEqual(DEFAULT_EXPLICIT_GRID);
    expect(options.implicitGrid).toEqual(DEFAULT_IMPLICIT_GRID);
  });

  it('replaces given grid lists only, sorting checkpoints', () => {
    const options = resolveRetrainOptions({ explicitGrid: { ranks: [1], iterations: [3, 1] }, force: true });
    expect(options.explicitGrid).toEqual({ ...DEFAULT_EXPLICIT_GRID, ranks: [1], iterations: [1, 3] });
    expect(options.force).toBe(true);
  });

  it('names every problem', () => {
    expect(() =>
      resolveRetrainOptions({
        folds: 1,
        explicitGrid: { ranks: [] },
        implicitGrid: { confidences: ['cubic' as never] },
        topN: 0,
        keepFraction: 0,
        protocol: 'bootstrap' as never,
      }),
    ).toThrow(
      /explicitGrid.ranks must be a non-empty list; implicitGrid.confidences\[0\] must be "linear" or "log".*keepFraction must be a number in 0.01..1 \(got 0\); folds must be an integer in 2..20 \(got 1\); topN.*; protocol must be "auto", "kfold" or "holdout" \(got "bootstrap"\)/,
    );
  });
});

const planOptions = { ...RETRAIN_DEFAULTS, protocol: 'auto' as const };

describe('chooseTuningProtocol', () => {
  it('k-folds up to kfoldMaxRatings ratings, on all users', () => {
    expect(chooseTuningProtocol({ ratings: 100_836, users: 610 }, planOptions)).toEqual({
      kind: 'kfold',
      folds: 5,
      sampleUsers: null,
      seed: 42,
      k: 10,
      testFraction: 0.25,
      validationFraction: 0.25,
    });
    expect(chooseTuningProtocol({ ratings: 500_000, users: 3000 }, planOptions).kind).toBe('kfold');
  });

  it('holds out on a sample of users holding about sampleRatings ratings above it', () => {
    expect(chooseTuningProtocol({ ratings: 32_000_000, users: 200_000 }, planOptions)).toMatchObject({
      kind: 'holdout',
      sampleUsers: 3125,
    });
    // 1M ratings: half the users.
    expect(chooseTuningProtocol({ ratings: 1_000_000, users: 6040 }, planOptions)).toMatchObject({ kind: 'holdout', sampleUsers: 3020 });
    // A sample as large as the data is all of it.
    expect(chooseTuningProtocol({ ratings: 600_000, users: 100 }, { ...planOptions, sampleRatings: 600_000 })).toMatchObject({
      kind: 'holdout',
      sampleUsers: null,
    });
  });

  it('takes a forced protocol at any size', () => {
    expect(chooseTuningProtocol({ ratings: 32_000_000, users: 200_000 }, { ...planOptions, protocol: 'kfold' })).toMatchObject({
      kind: 'kfold',
      sampleUsers: null,
    });
    expect(chooseTuningProtocol({ ratings: 1000, users: 10 }, { ...planOptions, protocol: 'holdout' }).kind).toBe('holdout');
  });
});

const kfold: TuningProtocol = { kind: 'kfold', folds: 3, sampleUsers: null, seed: 42, k: 10, testFraction: 0.25, validationFraction: 0.25 };
const holdout: TuningProtocol = { ...kfold, kind: 'holdout', sampleUsers: 300 };
const explicitGrid = { ranks: [2, 4], lambdas: [0.1], pseudoCounts: [0, 10], biasLambdas: [2], iterations: [5, 10] };
const implicitGrid = { ranks: [8, 16], lambdas: [1, 2], alphas: [4], confidences: ['log' as const], iterations: [5, 10, 20] };

/**
 * Figures from a made-up landscape: RMSE falls with rank and sweeps, pseudoCount 10 helps on fold 0 only (so the
 * fold-0 order and the mean order differ); NDCG rises with rank and falls with λ.
 */
function fakeExecutor(order: 'forward' | 'reverse' = 'forward') {
  const explicitUnits: ExplicitTuningUnit[][] = [];
  const implicitUnits: ImplicitTuningUnit[][] = [];
  const explicitResult = (u: ExplicitTuningUnit): ExplicitUnitResult => ({
    configKey: u.configKey,
    fold: u.fold,
    checkpoints: u.checkpoints.map((iterations) => {
      const rmse = 1 - u.params.rank / 100 - iterations / 1000 + (u.params.pseudoCount > 0 ? (u.fold === 0 ? -0.05 : 0.08) : 0);
      return { iterations, rmse, mae: rmse * 0.8 };
    }),
    trainRatings: 80,
    testRatings: 20,
    seconds: 1,
    source: 'computed',
  });
  const implicitResult = (u: ImplicitTuningUnit): ImplicitUnitResult => ({
    configKey: u.configKey,
    checkpoints: u.checkpoints.map((iterations) => {
      const ndcgAtK = 0.2 + u.params.rank / 100 - u.params.lambda / 50 + iterations / 1000;
      return { iterations, ndcgAtK, precisionAtK: ndcgAtK / 2, recallAtK: 0.1, mapAtK: 0.1, coverage: 0.5, users: 10 };
    }),
    seconds: 1,
    source: 'computed',
  });
  // Two "activities" per call, finishing in the given order: the tuner must not depend on it.
  const deliver = async <U, R>(units: U[], make: (u: U) => R, onResults: (results: R[]) => void) => {
    const parts = batches(units, Math.ceil(units.length / 2));
    for (const part of order === 'forward' ? parts : [...parts].reverse()) {
      await Promise.resolve();
      onResults(part.map(make));
    }
  };
  const executor: TuningExecutor = {
    explicit: (units, onResults) => {
      explicitUnits.push(units);
      return deliver(units, explicitResult, onResults);
    },
    implicit: (units, onResults) => {
      implicitUnits.push(units);
      return deliver(units, implicitResult, onResults);
    },
  };
  return { executor, explicitUnits, implicitUnits };
}

const plan = (protocol: TuningProtocol): TuningPlan => ({ protocol, explicitGrid, implicitGrid, finalists: 2, keepFraction: 1 / 3 });

describe('Tuner', () => {
  it('keeps the configuration keys of earlier retrains for k-fold, and names the sample in holdout keys', () => {
    expect(explicitConfigurations(explicitGrid, kfold).map((c) => c.configKey)).toEqual([
      'k3-r2-l0.1-p0-b2-s42',
      'k3-r2-l0.1-p10-b2-s42',
      'k3-r4-l0.1-p0-b2-s42',
      'k3-r4-l0.1-p10-b2-s42',
    ]);
    expect(explicitConfigurations(explicitGrid, holdout)[0].configKey).toBe('h3-u300-r2-l0.1-p0-b2-s42');
    expect(implicitConfigurations(implicitGrid, kfold)[0]).toEqual({
      configKey: 'r8-l1-a4-log-e1-s42-k10-t0.25-v0.25',
      params: { rank: 8, lambda: 1, alpha: 4, confidence: 'log', epsilon: 1, iterations: 20, seed: 42 },
    });
    expect(implicitConfigurations(implicitGrid, holdout)[0].configKey).toBe('r8-l1-a4-log-e1-s42-k10-t0.25-v0.25-u300');
    expect(sweepStages([20, 5, 10, 5])).toEqual([[5], [5, 10], [5, 10, 20]]);
  });

  it('k-fold explicit: halves over folds, the best mean RMSE wins, and its figures reuse the tuning runs', async () => {
    const { executor, explicitUnits } = fakeExecutor();
    const tuner = new Tuner(plan(kfold), executor);
    const { best, configurations } = await tuner.tuneExplicit();
    // Stage 1: 4 configurations on fold 0; stage 2: the 2 best on fold 0 (both pseudoCount 10) on folds 1 and 2.
    expect(explicitUnits.map((units) => units.map((u) => `${u.params.rank}/${u.params.pseudoCount}#${u.fold}`))).toEqual([
      ['2/0#0', '2/10#0', '4/0#0', '4/10#0'],
      ['4/10#1', '4/10#2', '2/10#1', '2/10#2'],
    ]);
    expect(explicitUnits.flat().every((u) => u.checkpoints.join() === '5,10')).toBe(true);
    expect(configurations).toHaveLength(8);
    expect(configurations.filter((c) => c.folds === 3)).toHaveLength(4);
    expect(best.params).toMatchObject({ rank: 4, pseudoCount: 10, iterations: 10 });
    expect(best.rmse).toBeCloseTo((1 - 0.04 - 0.01 - 0.05 + 2 * (1 - 0.04 - 0.01 + 0.08)) / 3, 12);
    expect(tuner.progress.explicit).toMatchObject({ configurations: 4, configurationsDone: 4, runs: 8, runsDone: 8 });

    const figures = await tuner.explicitFigures(best.params);
    expect(explicitUnits).toHaveLength(2); // nothing trained again
    expect(figures).toMatchObject({ folds: 3, protocol: 'kfold', sampleUsers: null, rmse: best.rmse });
    expect(figures.perFold.map((f) => f.fold)).toEqual([0, 1, 2]);
    // Parameters tuning never saw on every fold: only the missing folds run, with the sweeps asked for.
    await tuner.explicitFigures({ ...best.params, pseudoCount: 0, iterations: 7 });
    expect(explicitUnits[2].map((u) => [u.fold, u.checkpoints])).toEqual([
      [0, [5, 7, 10]],
      [1, [7]],
      [2, [7]],
    ]);
  });

  it('holdout explicit: halves over sweeps on fold 0, and the candidate figures come from the tuning runs', async () => {
    const { executor, explicitUnits } = fakeExecutor();
    const tuner = new Tuner(plan(holdout), executor);
    const { best, configurations } = await tuner.tuneExplicit();
    // 4 configurations to 5 sweeps, the best ceil(4/3) = 2 to 10 sweeps (their checkpoint 5 again, in the same run).
    expect(explicitUnits.map((units) => units.map((u) => `${u.params.rank}/${u.params.pseudoCount}#${u.fold}:${u.checkpoints}`))).toEqual([
      ['2/0#0:5', '2/10#0:5', '4/0#0:5', '4/10#0:5'],
      ['4/10#0:5,10', '2/10#0:5,10'],
    ]);
    expect(configurations).toHaveLength(4 + 2);
    expect(configurations.every((c) => c.folds === 1)).toBe(true);
    expect(best.params).toMatchObject({ rank: 4, pseudoCount: 10, iterations: 10 });
    const figures = await tuner.explicitFigures(best.params);
    expect(explicitUnits).toHaveLength(2);
    expect(figures).toMatchObject({ folds: 1, protocol: 'holdout', sampleUsers: 300, rmse: best.rmse, rmseStd: 0 });
  });

  it('implicit: every configuration to the last checkpoint with k-fold, halving over sweeps with a holdout', async () => {
    const small = fakeExecutor();
    const kfoldTuning = await new Tuner(plan(kfold), small.executor).tuneImplicit();
    expect(small.implicitUnits.map((units) => units.map((u) => u.checkpoints.join()))).toEqual([
      ['5,10,20', '5,10,20', '5,10,20', '5,10,20'],
    ]);
    expect(kfoldTuning.configurations).toHaveLength(12);
    expect(kfoldTuning.best.params).toMatchObject({ rank: 16, lambda: 1, iterations: 20 });

    const large = fakeExecutor();
    const holdoutTuning = await new Tuner(plan(holdout), large.executor).tuneImplicit();
    expect(large.implicitUnits.map((units) => units.map((u) => `${u.params.rank}/${u.params.lambda}:${u.checkpoints}`))).toEqual([
      ['8/1:5', '8/2:5', '16/1:5', '16/2:5'],
      ['16/1:5,10', '16/2:5,10'],
      ['16/1:5,10,20'],
    ]);
    expect(holdoutTuning.best.params).toMatchObject({ rank: 16, lambda: 1, iterations: 20 });
    expect(holdoutTuning.best.ndcgAtK).toBe(kfoldTuning.best.ndcgAtK);
  });

  it('is deterministic: the order in which runs finish changes nothing', async () => {
    for (const protocol of [kfold, holdout]) {
      const forward = new Tuner(plan(protocol), fakeExecutor('forward').executor);
      const reverse = new Tuner(plan(protocol), fakeExecutor('reverse').executor);
      expect(await reverse.tuneExplicit()).toEqual(await forward.tuneExplicit());
      expect(await reverse.tuneImplicit()).toEqual(await forward.tuneImplicit());
    }
  });

  it('fails with NoTuningResultError when no run gives a finite figure', async () => {
    const executor: TuningExecutor = {
      explicit: async (units, onResults) =>
        onResults(
          units.map((u) => ({
            configKey: u.configKey,
            fold: u.fold,
            checkpoints: u.checkpoints.map((iterations) => ({ iterations, rmse: NaN, mae: NaN })),
            trainRatings: 0,
            testRatings: 0,
            seconds: 0,
            source: 'computed' as const,
          })),
        ),
      implicit: async (units, onResults) =>
        onResults(units.map((u) => ({ configKey: u.configKey, checkpoints: [], seconds: 0, source: 'computed' }))),
    };
    await expect(new Tuner(plan(holdout), executor).tuneExplicit()).rejects.toThrow(NoTuningResultError);
    await expect(new Tuner(plan(kfold), executor).tuneImplicit()).rejects.toThrow('implicit tuning produced no finite NDCG');
  });
});
