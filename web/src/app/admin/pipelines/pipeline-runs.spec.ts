import { convertToParamMap } from '@angular/router';
import { pipelineRun } from '../../testing/admin-fixtures';
import {
  DATASET_VERSION_PATTERN,
  NO_FILTERS,
  mergeLive,
  runDuration,
  runFiltersFromParams,
  runFiltersToParams,
  runsFilter,
  statusLabel,
  typeLabel,
  type PipelineRun,
} from './pipeline-runs';

const run = (id: string, overrides: Partial<PipelineRun> = {}) => pipelineRun(id, overrides) as PipelineRun;

describe('pipeline runs', () => {
  it('reads the filters from the URL, ignoring unknown values', () => {
    expect(runFiltersFromParams(convertToParamMap({ type: 'retrain', status: 'running' }))).toEqual({ type: 'RETRAIN', status: 'RUNNING' });
    expect(runFiltersFromParams(convertToParamMap({ type: 'system_check', status: 'timed_out' }))).toEqual({
      type: 'SYSTEM_CHECK',
      status: 'TIMED_OUT',
    });
    expect(runFiltersFromParams(convertToParamMap({ type: 'bogus', status: '' }))).toEqual(NO_FILTERS);
  });

  it('writes the filters to the URL and the API argument', () => {
    expect(runFiltersToParams({ type: 'IMPORT', status: null })).toEqual({ type: 'import', status: null });
    expect(runsFilter({ type: 'IMPORT', status: null })).toEqual({ type: 'IMPORT' });
    expect(runsFilter(NO_FILTERS)).toEqual({});
  });

  it('labels types and statuses', () => {
    expect(typeLabel('PIPELINE')).toBe('Full pipeline');
    expect(statusLabel('TIMED_OUT')).toBe('Timed out');
  });

  it('measures closed runs to their end and running ones to now', () => {
    expect(runDuration(run('a'), 0)).toBe('3 min 12 s');
    const now = Date.parse('2026-03-01T10:00:45.000Z');
    expect(runDuration(run('b', { closedAt: null, status: 'RUNNING' }), now)).toBe('45 s');
  });

  it('validates dataset versions like the API', () => {
    for (const ok of ['ml-latest-small', 'ml-25m', 'v1.2_b', 'A']) expect(DATASET_VERSION_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '-x', 'a/b', 'a..b', 'a b', 'x'.repeat(65)]) expect(DATASET_VERSION_PATTERN.test(bad)).toBe(false);
  });

  describe('mergeLive', () => {
    const running = run('retrain-1', { type: 'RETRAIN', status: 'RUNNING', closedAt: null, progress: 0.2, stage: 'tuning' });
    const done = run('import-1', { startedAt: '2026-03-01T09:00:00.000Z' });

    it('updates the progress of runs that still run', () => {
      const fresh = { ...running, progress: 0.5, stage: 'evaluating' };
      const { runs, settled } = mergeLive([running, done], [fresh]);
      expect(settled).toBe(false);
      expect(runs).toEqual([fresh, done]);
    });

    it('reports a run that stopped running', () => {
      expect(mergeLive([running, done], []).settled).toBe(true);
    });

    it('adds runs started meanwhile, newest first', () => {
      const newer = run('pipeline-1', { status: 'RUNNING', closedAt: null, startedAt: '2026-03-01T11:00:00.000Z' });
      const { runs, settled } = mergeLive([running, done], [running, newer]);
      expect(settled).toBe(false);
      expect(runs.map((r) => r.workflowId)).toEqual(['pipeline-1', 'retrain-1', 'import-1']);
    });

    it('tells a new run of the same workflow id apart from the old one', () => {
      const rerun = { ...running, runId: 'second-run' };
      const { runs, settled } = mergeLive([running], [rerun]);
      expect(settled).toBe(true);
      expect(runs.map((r) => r.runId)).toEqual(['second-run', running.runId]);
    });
  });
});
