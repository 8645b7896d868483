import type { ParamMap, Params } from '@angular/router';
import type { PipelineRunFieldsFragment, PipelineRunStatus, PipelineRunType, PipelineRunsFilter } from '../../graphql/generated';
import { formatSeconds } from '../admin-format';

export type PipelineRun = PipelineRunFieldsFragment;

export const RUN_TYPES: readonly { readonly value: PipelineRunType; readonly label: string }[] = [
  { value: 'PIPELINE', label: 'Full pipeline' },
  { value: 'IMPORT', label: 'Import' },
  { value: 'ENRICHMENT', label: 'Enrichment' },
  { value: 'RETRAIN', label: 'Retrain' },
  { value: 'SYSTEM_CHECK', label: 'System check' },
];

export const RUN_STATUSES: readonly { readonly value: PipelineRunStatus; readonly label: string }[] = [
  { value: 'RUNNING', label: 'Running' },
  { value: 'COMPLETED', label: 'Completed' },
  { value: 'FAILED', label: 'Failed' },
  { value: 'CANCELED', label: 'Canceled' },
  { value: 'TERMINATED', label: 'Terminated' },
  { value: 'TIMED_OUT', label: 'Timed out' },
  { value: 'CONTINUED_AS_NEW', label: 'Continued as new' },
];

export const typeLabel = (type: PipelineRunType): string => RUN_TYPES.find((t) => t.value === type)?.label ?? type;
export const statusLabel = (status: PipelineRunStatus): string => RUN_STATUSES.find((s) => s.value === status)?.label ?? status;
export const isRunning = (run: Pick<PipelineRun, 'status'>): boolean => run.status === 'RUNNING';

/** The list filters, as the URL holds them: `?type=retrain&status=running`. */
export interface RunFilters {
  readonly type: PipelineRunType | null;
  readonly status: PipelineRunStatus | null;
}

export const NO_FILTERS: RunFilters = { type: null, status: null };

/** Reads the filters from query params, ignoring unknown values. */
export function runFiltersFromParams(params: ParamMap): RunFilters {
  const type = params.get('type')?.toUpperCase();
  const status = params.get('status')?.toUpperCase();
  return {
    type: RUN_TYPES.find((t) => t.value === type)?.value ?? null,
    status: RUN_STATUSES.find((s) => s.value === status)?.value ?? null,
  };
}

/** Query params for `router.navigate` (null removes a param). */
export function runFiltersToParams(filters: RunFilters): Params {
  return { type: filters.type?.toLowerCase() ?? null, status: filters.status?.toLowerCase() ?? null };
}

export const sameRunFilters = (a: RunFilters, b: RunFilters): boolean => a.type === b.type && a.status === b.status;

/** The `pipelineRuns` filter argument. */
export function runsFilter(filters: RunFilters): PipelineRunsFilter {
  return { ...(filters.type ? { type: filters.type } : {}), ...(filters.status ? { status: filters.status } : {}) };
}

/** Run time so far (running) or in all (closed), as "3 min 12 s". */
export function runDuration(run: Pick<PipelineRun, 'startedAt' | 'closedAt'>, now: number): string {
  const start = Date.parse(run.startedAt);
  const end = run.closedAt ? Date.parse(run.closedAt) : now;
  return formatSeconds((end - start) / 1000);
}

const runKey = (run: Pick<PipelineRun, 'workflowId' | 'runId'>) => `${run.workflowId}/${run.runId}`;

/**
 * Applies a poll of the running runs to the list: running runs take their fresh progress and stage,
 * runs started meanwhile are added (newest first). `settled` tells that a run shown as running is no
 * longer running: the list needs a full reload for its final status.
 */
export function mergeLive(runs: readonly PipelineRun[], live: readonly PipelineRun[]): { runs: PipelineRun[]; settled: boolean } {
  const byKey = new Map(live.map((run) => [runKey(run), run]));
  const known = new Set(runs.map(runKey));
  let settled = false;
  const merged = runs.map((run) => {
    if (!isRunning(run)) return run;
    const fresh = byKey.get(runKey(run));
    if (!fresh) settled = true;
    return fresh ?? run;
  });
  const added = live.filter((run) => !known.has(runKey(run)));
  const all = [...added, ...merged].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return { runs: all, settled };
}

/** A dataset version as the API accepts it (`movielens/raw/<version>/`). */
export const DATASET_VERSION_PATTERN = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const DEFAULT_DATASET_VERSION = 'ml-latest-small';
