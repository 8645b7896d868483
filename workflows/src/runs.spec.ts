import { parseEnv, taskQueueEnv } from '@reelrank/config';
import { enrichTmdbProgressQuery, type EnrichTmdbProgress } from './enrichment/enrichment';
import {
  MOVIELENS_FILES,
  movieLensImportProgressQuery,
  type MovieLensFileProgress,
  type MovieLensImportProgress,
} from './import/movielens';
import { pipelineProgressQuery } from './pipeline/pipeline';
import { hasProgressQuery, PIPELINE_RUNS, progressFraction, RUN_KEYS, runKeyOf, runStartOptions, type RunArgs, type RunKey } from './runs';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { TASK_QUEUES } from './task-queues';
import { retrainProgressQuery, type RetrainProgress, type TuningKindProgress } from './training/retrain';
import * as workflows from './workflows';

const SAMPLE_ARGS: { [Key in RunKey]: RunArgs<Key> } = {
  pipeline: [{ datasetVersion: 'v1' }],
  import: [{ datasetVersion: 'v1' }],
  enrichment: [{ datasetVersion: 'v1' }],
  retrain: [{ trigger: 'manual', modelVersion: 'm1' }],
  'retrain-coordinator': [],
  'system-check': [],
};
const queues = { main: 'queue-main', training: 'queue-training' };

describe('the run registry', () => {
  it('names exported workflow functions, each of them once', () => {
    const types = RUN_KEYS.map((key) => PIPELINE_RUNS[key].workflowType);
    for (const type of types) expect(typeof workflows[type]).toBe('function');
    expect([...types].sort()).toEqual(Object.keys(workflows).sort());
  });

  it('is keyed by the PipelineType search attribute each run is started with', () => {
    expect(RUN_KEYS.sort()).toEqual(['enrichment', 'import', 'pipeline', 'retrain', 'retrain-coordinator', 'system-check']);
    for (const key of RUN_KEYS) {
      const { typedSearchAttributes } = runStartOptions(key, queues, ...(SAMPLE_ARGS[key] as RunArgs<typeof key>));
      expect(typedSearchAttributes).toContainEqual({ key: SEARCH_ATTRIBUTES.pipelineType, value: key });
    }
  });

  it('starts runs with their id rule, on the configured queue of their role, with their arguments', () => {
    expect(runStartOptions('import', queues, { datasetVersion: 'v1' })).toEqual({
      workflowId: 'import-movielens-v1',
      taskQueue: 'queue-main',
      args: [{ datasetVersion: 'v1' }],
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.pipelineType, value: 'import' },
        { key: SEARCH_ATTRIBUTES.datasetVersion, value: 'v1' },
      ],
    });
    expect(runStartOptions('retrain', queues, { trigger: 'manual', modelVersion: 'm1' })).toMatchObject({
      workflowId: 'retrain-m1',
      taskQueue: 'queue-training',
      typedSearchAttributes: expect.arrayContaining([{ key: SEARCH_ATTRIBUTES.modelVersion, value: 'm1' }]),
    });
    expect(runStartOptions('pipeline', queues, { datasetVersion: 'v1' }).workflowId).toBe('pipeline-v1');
    expect(runStartOptions('enrichment', queues, { datasetVersion: 'v1' }).workflowId).toBe('enrich-tmdb-v1');
    expect(runStartOptions('retrain-coordinator', queues).workflowId).toBe('retrain-coordinator');
    expect(runStartOptions('system-check', queues).workflowId).toMatch(/^system-check-\d{4}-\d\d-\d\dT[\d-]+Z$/);
  });

  it('uses the progress queries the workflows answer', () => {
    expect(PIPELINE_RUNS.pipeline.progress?.query).toBe(pipelineProgressQuery);
    expect(PIPELINE_RUNS.import.progress?.query).toBe(movieLensImportProgressQuery);
    expect(PIPELINE_RUNS.enrichment.progress?.query).toBe(enrichTmdbProgressQuery);
    expect(PIPELINE_RUNS.retrain.progress?.query).toBe(retrainProgressQuery);
    for (const key of RUN_KEYS.filter(hasProgressQuery)) expect(PIPELINE_RUNS[key].progress?.query.name).toBe('progress');
    expect(RUN_KEYS.filter((key) => !hasProgressQuery(key)).sort()).toEqual(['retrain-coordinator', 'system-check']);
  });

  it('tells the kind of a run by its search attribute, else by its workflow type', () => {
    expect(runKeyOf('importMovieLensWorkflow', 'import')).toBe('import');
    expect(runKeyOf('anything', 'retrain')).toBe('retrain');
    expect(runKeyOf('retrainModelWorkflow', null)).toBe('retrain');
    expect(runKeyOf('systemCheckWorkflow', 'unknown')).toBe('system-check');
    expect(runKeyOf('someoneElsesWorkflow', null)).toBeUndefined();
  });

  it('falls back to the task queues the api and worker use by default', () => {
    const config = parseEnv('test', taskQueueEnv, {});
    expect({ main: config.PIPELINE_TASK_QUEUE, training: config.TRAINING_TASK_QUEUE }).toEqual(TASK_QUEUES);
  });
});

describe('progressFraction', () => {
  const file = (bytesRead: number, totalBytes: number): MovieLensFileProgress => ({
    rowsRead: 0,
    bytesRead,
    totalBytes,
    staged: 0,
    loaded: 0,
    updated: 0,
    rejected: 0,
    state: 'staging',
  });
  const importProgress = (stage: MovieLensImportProgress['stage'], files: MovieLensFileProgress[]): MovieLensImportProgress => ({
    datasetVersion: 'v1',
    stage,
    files: Object.fromEntries(MOVIELENS_FILES.map((name, i) => [name, files[i]])) as MovieLensImportProgress['files'],
  });

  it('pipeline: its own fraction', () => {
    expect(progressFraction('pipeline', { datasetVersion: 'v1', stages: [], fraction: 2 / 3 })).toBeCloseTo(2 / 3);
    expect(progressFraction('pipeline', { datasetVersion: 'v1', stages: [], fraction: Number.NaN })).toBeNull();
  });

  it('import: bytes read over all files (capped per file), 1 once done', () => {
    const files = [file(50, 100), file(300, 100), file(0, 0), file(0, 800)];
    expect(progressFraction('import', importProgress('loading-ratings', files))).toBeCloseTo(150 / 1000);
    expect(progressFraction('import', importProgress('validating', [file(0, 0), file(0, 0), file(0, 0), file(0, 0)]))).toBe(0);
    expect(progressFraction('import', importProgress('done', files))).toBe(1);
  });

  it('enrichment: finished movies over the total, 1 when done or skipped', () => {
    const progress = (state: EnrichTmdbProgress['state'], total: number): EnrichTmdbProgress => ({
      total,
      state,
      enriched: 30,
      notFound: 5,
      failed: 5,
      cached: 10,
      fetched: 30,
    });
    expect(progressFraction('enrichment', progress('enriching', 80))).toBe(0.5);
    expect(progressFraction('enrichment', progress('starting', 0))).toBe(0);
    expect(progressFraction('enrichment', progress('skipped', 0))).toBe(1);
    expect(progressFraction('enrichment', progress('done', 80))).toBe(1);
  });

  it('retrain: by stage, and through tuning by finished runs', () => {
    const kind = (runs: number, runsDone: number): TuningKindProgress => ({
      configurations: 0,
      configurationsDone: 0,
      runs,
      runsDone,
      foldsDone: 0,
    });
    const progress = (stage: RetrainProgress['stage'], explicit = kind(0, 0), implicit = kind(0, 0)): RetrainProgress => ({
      version: 'm1',
      trigger: 'manual',
      stage,
      startedAt: '2026-01-01T00:00:00.000Z',
      elapsedSeconds: 1,
      tuning: { explicit, implicit, computed: 0, reused: 0, retriedActivities: 0 },
    });
    expect(progressFraction('retrain', progress('snapshot'))).toBe(0.02);
    expect(progressFraction('retrain', progress('tuning'))).toBe(0.1);
    expect(progressFraction('retrain', progress('tuning', kind(6, 3), kind(4, 2)))).toBeCloseTo(0.4);
    expect(progressFraction('retrain', progress('publishing'))).toBe(0.9);
    expect(progressFraction('retrain', progress('rejected'))).toBe(1);
    expect(progressFraction('retrain', progress('failed'))).toBeNull();
  });

  it('clamps to 0..1 and says nothing for answers that are not objects', () => {
    expect(progressFraction('pipeline', { datasetVersion: 'v1', stages: [], fraction: 1.5 })).toBe(1);
    expect(progressFraction('pipeline', { datasetVersion: 'v1', stages: [], fraction: -1 })).toBe(0);
    expect(progressFraction('pipeline', null as never)).toBeNull();
  });
});
