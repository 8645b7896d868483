import { isTimedRetrainStage, RETRAIN_DEFAULTS, RETRAIN_STAGES, resolveRetrainOptions, TIMED_RETRAIN_STAGES } from './retrain';

describe('resolveRetrainOptions tolerance', () => {
  it('defaults to 1 % RMSE, 2 % NDCG and 3 % new-user liked-P@k', () => {
    expect(RETRAIN_DEFAULTS.tolerance).toEqual({ rmse: 0.01, ndcg: 0.02, newUser: 0.03 });
    expect(resolveRetrainOptions({}).tolerance).toEqual({ rmse: 0.01, ndcg: 0.02, newUser: 0.03 });
  });

  it('overrides each tolerance on its own', () => {
    expect(resolveRetrainOptions({ tolerance: { newUser: 0 } }).tolerance).toEqual({ rmse: 0.01, ndcg: 0.02, newUser: 0 });
    expect(resolveRetrainOptions({ tolerance: { rmse: 10, ndcg: 1, newUser: 1 } }).tolerance).toEqual({ rmse: 10, ndcg: 1, newUser: 1 });
  });

  it('refuses a new-user tolerance outside 0..1', () => {
    expect(() => resolveRetrainOptions({ tolerance: { newUser: 1.5 } })).toThrow(/tolerance.newUser must be a number in 0..1 \(got 1.5\)/);
    expect(() => resolveRetrainOptions({ tolerance: { newUser: -0.1 } })).toThrow(/tolerance.newUser must be a number in 0..1/);
    expect(() => resolveRetrainOptions({ tolerance: { newUser: NaN } })).toThrow(/tolerance.newUser must be a number/);
  });
});

describe('retrain stage timings', () => {
  it('times every stage that does work, in the order they run, and none of the outcomes', () => {
    expect(RETRAIN_STAGES.filter(isTimedRetrainStage)).toEqual([...TIMED_RETRAIN_STAGES]);
    expect(['done', 'rejected', 'failed', 'total'].some(isTimedRetrainStage)).toBe(false);
  });
});
