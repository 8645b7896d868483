import { isTimedRetrainStage, TIMED_RETRAIN_STAGES } from './metrics';
import { RETRAIN_STAGES } from './retrain';

describe('retrain stage timings', () => {
  it('times every stage that does work, in the order they run, and none of the outcomes', () => {
    expect(RETRAIN_STAGES.filter(isTimedRetrainStage)).toEqual([...TIMED_RETRAIN_STAGES]);
    expect(['done', 'rejected', 'failed', 'total'].some(isTimedRetrainStage)).toBe(false);
  });
});
