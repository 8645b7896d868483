import { MODEL_DETAILS, TRAINING_DETAILS } from '../../testing/admin-fixtures';
import { chosenParams, rankingComparison, stageTimings, triedConfigurations } from './model-metrics';

describe('model evaluation presentation', () => {
  describe('chosenParams', () => {
    it('lists the chosen parameters of both models in a stable order with labels', () => {
      const params = chosenParams(MODEL_DETAILS.params)!;
      expect(params.explicit.map((p) => [p.key, p.value])).toEqual([
        ['rank', 30],
        ['lambda', 0.08],
        ['pseudoCount', 40],
        ['biasLambda', 2],
        ['iterations', 20],
        ['seed', 42],
      ]);
      expect(params.explicit[1].label).toBe('λ (regularization)');
      expect(params.implicit.map((p) => p.key)).toEqual(['rank', 'lambda', 'iterations', 'seed', 'alpha', 'confidence', 'epsilon']);
      expect(params.implicit.find((p) => p.key === 'confidence')?.value).toBe('log');
    });

    it('is null until the parameters are chosen (training, failed)', () => {
      expect(chosenParams(TRAINING_DETAILS.params)).toBeNull();
      expect(chosenParams({ ...MODEL_DETAILS.params, implicit: null })!.implicit).toEqual([]);
    });
  });

  describe('triedConfigurations', () => {
    it('lists the explicit configurations best first, labelled by what varies, with the chosen one marked', () => {
      const tried = triedConfigurations(MODEL_DETAILS.metrics, MODEL_DETAILS.params)!;

      expect(tried.explicit.map((c) => [c.label, c.rmse, c.folds, c.chosen])).toEqual([
        ['rank 30 · λ 0.08 · 20 sweeps', 0.861, 5, true],
        ['rank 20 · λ 0.08 · 20 sweeps', 0.866, 5, false],
        ['rank 30 · λ 0.08 · 10 sweeps', 0.872, 5, false],
        ['rank 20 · λ 0.1 · 20 sweeps', 0.89, 1, false],
      ]);
      expect(tried.explicit[0].rmseStd).toBe(0.011);
    });

    it('lists the implicit configurations best first', () => {
      const tried = triedConfigurations(MODEL_DETAILS.metrics, MODEL_DETAILS.params)!;

      expect(tried.implicit.map((c) => [c.label, c.ndcgAtK, c.chosen])).toEqual([
        ['rank 16', 0.31, true],
        ['rank 32', 0.29, false],
      ]);
    });

    it('names every parameter when none varies, and marks nothing without chosen parameters', () => {
      const single = { ...MODEL_DETAILS.metrics, explicitTuning: { ...MODEL_DETAILS.metrics.explicitTuning } };
      single.explicitTuning.configurations = single.explicitTuning.configurations.slice(2, 3);
      const tried = triedConfigurations(single, TRAINING_DETAILS.params)!;

      expect(tried.explicit.map((c) => [c.label, c.chosen])).toEqual([['rank 30 · λ 0.08 · pc 40 · λb 2 · 20 sweeps', false]]);
      expect(tried.implicit.some((c) => c.chosen)).toBe(false);
    });

    it('is null when nothing was tried (training, failed)', () => {
      expect(triedConfigurations(TRAINING_DETAILS.metrics, TRAINING_DETAILS.params)).toBeNull();
    });
  });

  describe('rankingComparison', () => {
    it('puts the ranking figures next to the popularity baseline', () => {
      expect(rankingComparison(MODEL_DETAILS.metrics.ranking)).toEqual({
        k: 10,
        rows: [
          { key: 'precisionAtK', label: 'Precision@10', model: 0.2, popularity: 0.1 },
          { key: 'recallAtK', label: 'Recall@10', model: 0.15, popularity: 0.08 },
          { key: 'ndcgAtK', label: 'NDCG@10', model: 0.31, popularity: 0.2 },
          { key: 'mapAtK', label: 'MAP@10', model: 0.12, popularity: 0.06 },
        ],
      });
    });

    it('is null while nothing is known (training, failed)', () => {
      expect(rankingComparison(TRAINING_DETAILS.metrics.ranking)).toBeNull();
    });
  });

  describe('stageTimings', () => {
    it('orders the stages as the workflow runs them and keeps the training steps apart', () => {
      const timings = stageTimings(MODEL_DETAILS.timings)!;

      expect(timings.stages.map((s) => [s.label, s.seconds])).toEqual([
        ['Snapshot', 2],
        ['Tuning', 60],
        ['Evaluating', 20],
        ['Training', 10],
        ['Publishing', 5],
        ['Promoting', 0.5],
      ]);
      expect(timings.steps.map((s) => [s.label, s.seconds])).toEqual([
        ['Train rating model', 4],
        ['Train ranking model', 3],
        ['Store models', 1.5],
      ]);
      expect(timings.totalSeconds).toBe(97.5);
    });

    it('leaves out the stages not run yet', () => {
      const timings = stageTimings({ ...MODEL_DETAILS.timings, promoting: null })!;
      expect(timings.stages.map((s) => s.key)).toEqual(['snapshot', 'tuning', 'evaluating', 'training', 'publishing']);
      expect(timings.totalSeconds).toBe(97);
    });

    it('is null without any timing', () => {
      expect(stageTimings(TRAINING_DETAILS.timings)).toBeNull();
    });
  });
});
