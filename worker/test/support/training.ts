import type { RetrainModelResult, TrainedRetrainResult } from '@reelrank/workflows';

/** The result of a retrain that trained a version; fails the test with the reason when it was skipped. */
export function trained(result: RetrainModelResult): TrainedRetrainResult {
  if (result.status === 'SKIPPED') throw new Error(`expected a trained version, the retrain was skipped: ${result.reason}`);
  return result;
}
