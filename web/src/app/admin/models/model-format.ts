import type { ModelVersionSummaryFragment } from '../../graphql/generated';
import { formatMetric } from '../admin-format';

type ModelVersion = ModelVersionSummaryFragment;

export const STATUS_LABELS: Readonly<Record<ModelVersion['status'], string>> = {
  TRAINING: 'Training',
  READY: 'Ready',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
};

/** "+55 %" / "−3 %": how much better the model ranks than the popularity baseline; null when unknown. */
export function liftOverPopularity(model: number | null, popularity: number | null): string | null {
  if (model === null || popularity === null || popularity <= 0) return null;
  const lift = Math.round(((model - popularity) / popularity) * 100);
  return `${lift >= 0 ? '+' : '−'}${Math.abs(lift)} %`;
}

/** "RMSE ± std". */
export function rmseText(version: Pick<ModelVersion, 'rmse' | 'rmseStd'>): string {
  if (version.rmse === null) return '—';
  return version.rmseStd === null ? formatMetric(version.rmse) : `${formatMetric(version.rmse)} ± ${formatMetric(version.rmseStd)}`;
}
