import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { DependencyProbe, SystemActivities } from './activities';
import { SEARCH_ATTRIBUTES } from './search-attributes';

export interface SystemCheckResult {
  workerReachable: true;
  checkedBy: string;
  dependencies: DependencyProbe[];
}

const { probeDependencies } = proxyActivities<SystemActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

/** Proves the whole loop works: API/CLI → Temporal → worker → PostgreSQL and S3 → back. */
export async function systemCheckWorkflow(): Promise<SystemCheckResult> {
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineType, value: 'system-check' }]);
  const dependencies = await probeDependencies();
  return { workerReachable: true, checkedBy: workflowInfo().taskQueue, dependencies };
}
