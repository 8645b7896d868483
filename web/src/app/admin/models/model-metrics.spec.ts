import {
  finite,
  parseConfigurations,
  parseCvPerFold,
  parseJson,
  parseParams,
  parseRanking,
  parseSummaryExtras,
  parseTimings,
} from './model-metrics';
import { MODEL_JSON } from '../admin-fixtures';

describe('model metrics JSON', () => {
  describe('parseJson', () => {
    it('parses JSON text and gives undefined for anything else', () => {
      expect(parseJson('{"a":1}')).toEqual({ a: 1 });
      expect(parseJson('[1]')).toEqual([1]);
      expect(parseJson('{"a":')).toBeUndefined();
      expect(parseJson('')).toBeUndefined();
      expect(parseJson('   ')).toBeUndefined();
      expect(parseJson(null)).toBeUndefined();
      expect(parseJson(undefined)).toBeUndefined();
    });

    it('accepts only finite numbers as figures', () => {
      expect(finite(0.5)).toBe(0.5);
      expect([finite(Number.NaN), finite(Infinity), finite('0.5'), finite(null)]).toEqual([null, null, null, null]);
    });
  });

  describe('parseParams', () => {
    it('lists the chosen parameters of both models in a stable order with labels', () => {
      const params = parseParams(MODEL_JSON.params)!;
      expect(params.explicit.map((p) => [p.key, p.value])).toEqual([
        ['rank', 30],
        ['lambda', 0.08],
        ['pseudoCount', 40],
        ['biasLambda', 2],
        ['iterations', 20],
        ['seed', 42],
      ]);
      expect(params.explicit[1].label).toBe('λ (regularization)');
      expect(params.implicit.find((p) => p.key === 'confidence')?.value).toBe('log');
    });

    it('is null without parameters (still training, failed, malformed)', () => {
      expect(parseParams('{}')).toBeNull();
      expect(parseParams('not json')).toBeNull();
      expect(parseParams('[1, 2]')).toBeNull();
      expect(parseParams(null)).toBeNull();
      expect(parseParams('{"explicit": {"rank": "x", "nested": {}}, "implicit": null}')!.explicit).toEqual([
        { key: 'rank', label: 'Rank', value: 'x' },
      ]);
    });
  });

  describe('parseConfigurations', () => {
    it('reads the explicit configurations best first, labelled by what varies, with the chosen one marked', () => {
      const parsed = parseConfigurations(MODEL_JSON.configurations, parseParams(MODEL_JSON.params))!;

      expect(parsed.explicit.map((c) => [c.label, c.rmse, c.folds, c.chosen])).toEqual([
        ['rank 30 · λ 0.08 · 20 sweeps', 0.861, 5, true],
        ['rank 20 · λ 0.08 · 20 sweeps', 0.866, 5, false],
        ['rank 30 · λ 0.08 · 10 sweeps', 0.872, 5, false],
        ['rank 20 · λ 0.1 · 20 sweeps', 0.89, 1, false],
      ]);
      expect(parsed.explicit[0].rmseStd).toBe(0.011);
    });

    it('reads the implicit configurations best first', () => {
      const parsed = parseConfigurations(MODEL_JSON.configurations, parseParams(MODEL_JSON.params))!;

      expect(parsed.implicit.map((c) => [c.label, c.ndcgAtK, c.chosen])).toEqual([
        ['rank 16', 0.31, true],
        ['rank 32', 0.29, false],
      ]);
    });

    it('marks nothing as chosen without parameters', () => {
      const parsed = parseConfigurations(MODEL_JSON.configurations)!;
      expect(parsed.explicit.some((c) => c.chosen)).toBe(false);
    });

    it('skips entries without a score or parameters and survives junk', () => {
      const text = JSON.stringify({
        explicit: [
          { params: { rank: 10, lambda: 0.1, iterations: 5 }, rmse: 0.9 },
          { params: { rank: 20, lambda: 0.1, iterations: 5 }, rmse: null },
          { params: { rank: 30, lambda: 0.1, iterations: 5 }, rmse: 'NaN' },
          { rmse: 0.8 },
          null,
          42,
        ],
        implicit: 'oops',
      });
      const parsed = parseConfigurations(text)!;

      expect(parsed.explicit.map((c) => c.rmse)).toEqual([0.9]);
      expect(parsed.explicit[0].label).toBe('rank 10 · λ 0.1 · 5 sweeps');
      expect(parsed.explicit[0].rmseStd).toBeNull();
      expect(parsed.implicit).toEqual([]);
    });

    it('is null when nothing usable is left', () => {
      expect(parseConfigurations(null)).toBeNull();
      expect(parseConfigurations('{')).toBeNull();
      expect(parseConfigurations('[]')).toBeNull();
      expect(parseConfigurations('{"explicit": [], "implicit": []}')).toBeNull();
      expect(parseConfigurations('{"explicit": [{"rmse": 1}]}')).toBeNull();
    });
  });

  describe('parseCvPerFold', () => {
    it('reads each fold 1-based, in order', () => {
      expect(parseCvPerFold(MODEL_JSON.cvPerFold)).toEqual([
        { fold: 1, rmse: 0.85, mae: 0.65, testRatings: 20000, seconds: 3.1 },
        { fold: 2, rmse: 0.87, mae: 0.67, testRatings: 20000, seconds: 3.2 },
        { fold: 3, rmse: 0.863, mae: 0.66, testRatings: 20001, seconds: 2.9 },
      ]);
    });

    it('skips folds without an RMSE and numbers folds without an index by position', () => {
      expect(parseCvPerFold('[{"rmse": 0.9}, {"fold": 1, "mae": 0.7}, "x", {"rmse": 0.8, "mae": "?"}]')).toEqual([
        { fold: 1, rmse: 0.9, mae: null, testRatings: null, seconds: null },
        { fold: 4, rmse: 0.8, mae: null, testRatings: null, seconds: null },
      ]);
    });

    it('is null for missing, empty or malformed data', () => {
      for (const text of [null, '', '[]', '{"fold": 0, "rmse": 1}', '[{"rmse": null}]', 'nope']) {
        expect(parseCvPerFold(text)).toBeNull();
      }
    });
  });

  describe('parseRanking', () => {
    it('reads the ranking figures next to the popularity baseline', () => {
      expect(parseRanking(MODEL_JSON.metrics)).toEqual({
        k: 10,
        rows: [
          { key: 'precisionAtK', label: 'Precision@10', model: 0.2, popularity: 0.1 },
          { key: 'recallAtK', label: 'Recall@10', model: 0.15, popularity: 0.08 },
          { key: 'ndcgAtK', label: 'NDCG@10', model: 0.31, popularity: 0.2 },
          { key: 'mapAtK', label: 'MAP@10', model: 0.12, popularity: 0.06 },
        ],
      });
    });

    it('falls back to the summary, then to the version columns', () => {
      const summaryOnly = JSON.stringify({
        summary: { k: 5, implicitNdcgAtK: 0.3, implicitPrecisionAtK: 0.2, popularityNdcgAtK: 0.25 },
      });
      expect(parseRanking(summaryOnly)).toEqual({
        k: 5,
        rows: [
          { key: 'precisionAtK', label: 'Precision@5', model: 0.2, popularity: null },
          { key: 'ndcgAtK', label: 'NDCG@5', model: 0.3, popularity: 0.25 },
        ],
      });

      expect(parseRanking('garbage', { k: null, ndcgAtK: 0.4, popularityNdcgAtK: 0.3, recallAtK: null })).toEqual({
        k: null,
        rows: [{ key: 'ndcgAtK', label: 'NDCG@k', model: 0.4, popularity: 0.3 }],
      });
    });

    it('is null while nothing is known (training, failed)', () => {
      expect(parseRanking('{"trigger": "manual"}')).toBeNull();
      expect(parseRanking('{}', { k: 10, ndcgAtK: null })).toBeNull();
      expect(parseRanking(null)).toBeNull();
      expect(parseRanking('{"implicit": {"ranking": {"ndcgAtK": "high"}}}')).toBeNull();
    });
  });

  describe('parseSummaryExtras', () => {
    it('reads MAE, folds and the trigger, tolerating their absence', () => {
      expect(parseSummaryExtras(MODEL_JSON.metrics)).toEqual({ mae: 0.66, folds: 5, trigger: 'manual' });
      expect(parseSummaryExtras('{]')).toEqual({ mae: null, folds: null, trigger: null });
      expect(parseSummaryExtras('{"trigger": 3, "summary": []}')).toEqual({ mae: null, folds: null, trigger: null });
    });
  });

  describe('parseTimings', () => {
    it('orders the stages as the workflow runs them and keeps the training steps apart', () => {
      const timings = parseTimings(MODEL_JSON.timings)!;

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

    it('skips timestamps (failedAt), negative and non-numeric values, and keeps unknown stages last', () => {
      const timings = parseTimings('{"failedAt": "2026-01-01T00:00:00Z", "tuning": 3, "custom": 1, "snapshot": -1, "total": 99}')!;
      expect(timings.stages.map((s) => s.key)).toEqual(['tuning', 'custom']);
      expect(timings.stages[1].label).toBe('custom');
    });

    it('is null for missing, empty or malformed timings', () => {
      for (const text of [null, '{}', '{"failedAt": "x"}', '[1, 2]', '{"a":']) {
        expect(parseTimings(text)).toBeNull();
      }
    });
  });
});
