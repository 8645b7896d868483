// eslint-disable-next-line no-restricted-imports -- type-only import for client helpers that never run in the workflow sandbox
import type { WorkflowStartOptions } from '@temporalio/client';
import type { QueryDefinition, SearchAttributePair } from '@temporalio/common';
import { enrichTmdbProgressQuery, enrichTmdbWorkflowId } from './enrichment/enrichment';
import { IMPORT_PIPELINE_TYPE, importMovieLensWorkflowId, movieLensImportProgressQuery } from './import/movielens';
import { pipelineProgressQuery, pipelineWorkflowId } from './pipeline/pipeline';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import type { TASK_QUEUES } from './task-queues';
import { RETRAIN_COORDINATOR_WORKFLOW_ID, RETRAIN_PIPELINE_TYPE, retrainWorkflowId } from './training/model-version';
import { retrainProgressQuery, type RetrainModelInput, type RetrainStage } from './training/retrain';
import type * as workflows from './workflows';

/**
 * The one registry of the runs the API, `npm start` and the tests start, query, signal and cancel: per value of
 * the PipelineType search attribute, the workflow it runs (its exported name, checked by the compiler against
 * ./workflows, and its type, imported as a type only: callers never load workflow code), the workflow id rule,
 * the task-queue role, the search attributes set at start and the typed `progress` query (the same constant the
 * workflow answers) with its 0..1 fraction.
 */

/** Every workflow the worker registers, by its exported name (the workflow type Temporal knows). */
export type Workflows = typeof workflows;
export type WorkflowType = keyof Workflows;

/** `main`: pipelines, imports, enrichments, the coordinator, system checks; `training`: retrains. */
export type TaskQueueRole = keyof typeof TASK_QUEUES;
/** The configured name of each task queue (PIPELINE_TASK_QUEUE and TRAINING_TASK_QUEUE of the api and worker). */
export type TaskQueues = Record<TaskQueueRole, string>;

/** A run's live progress: the workflow's `progress` query, and how far along (0..1, null when it does not say) an answer is. */
export interface RunProgressDefinition<Progress> {
  query: QueryDefinition<Progress, []>;
  fraction(progress: Progress): number | null;
}

export interface RunDefinition<Type extends WorkflowType, Args extends unknown[], Progress> {
  workflowType: Type;
  taskQueue: TaskQueueRole;
  /** Deterministic where it can be: one run per dataset or model version at a time. */
  workflowId(...args: Args): string;
  /** Set when the run starts (the workflow upserts the same ones, and its stage, itself). */
  searchAttributes(...args: Args): SearchAttributePair[];
  progress: RunProgressDefinition<Progress> | null;
}

/** A definition whose arguments are (a narrowing of) the workflow's parameters. */
const run = <Type extends WorkflowType, Args extends Parameters<Workflows[Type]>, Progress = never>(
  definition: RunDefinition<Type, Args, Progress>,
) => definition;

const pipelineType = (value: string): SearchAttributePair => ({ key: SEARCH_ATTRIBUTES.pipelineType, value });
const datasetVersion = (value: string): SearchAttributePair => ({ key: SEARCH_ATTRIBUTES.datasetVersion, value });

/** Where a retrain is, by stage (tuning moves from 0.1 to 0.7 with its runs). */
const RETRAIN_STAGE_FRACTION: Record<RetrainStage, number | null> = {
  snapshot: 0.02,
  tuning: 0.1,
  evaluating: 0.7,
  training: 0.8,
  publishing: 0.9,
  promoting: 0.97,
  done: 1,
  rejected: 1,
  skipped: 1,
  failed: null,
};

const definitions = {
  pipeline: run({
    workflowType: 'pipelineWorkflow',
    taskQueue: 'main',
    workflowId: (input) => pipelineWorkflowId(input.datasetVersion),
    searchAttributes: (input) => [pipelineType('pipeline'), datasetVersion(input.datasetVersion)],
    progress: { query: pipelineProgressQuery, fraction: (progress) => finite(progress.fraction) },
  }),
  [IMPORT_PIPELINE_TYPE]: run({
    workflowType: 'importMovieLensWorkflow',
    taskQueue: 'main',
    workflowId: (input) => importMovieLensWorkflowId(input.datasetVersion),
    searchAttributes: (input) => [pipelineType(IMPORT_PIPELINE_TYPE), datasetVersion(input.datasetVersion)],
    progress: {
      query: movieLensImportProgressQuery,
      fraction: (progress) => {
        if (progress.stage === 'done') return 1;
        const files = Object.values(progress.files ?? {});
        const total = files.reduce((sum, file) => sum + (file.totalBytes || 0), 0);
        const read = files.reduce((sum, file) => sum + Math.min(file.bytesRead || 0, file.totalBytes || 0), 0);
        return total > 0 ? read / total : 0;
      },
    },
  }),
  enrichment: run({
    workflowType: 'enrichTmdbWorkflow',
    taskQueue: 'main',
    workflowId: (input) => enrichTmdbWorkflowId(input.datasetVersion),
    searchAttributes: (input) => [pipelineType('enrichment'), datasetVersion(input.datasetVersion)],
    progress: {
      query: enrichTmdbProgressQuery,
      fraction: (progress) => {
        if (progress.state === 'done' || progress.state === 'skipped') return 1;
        const done = (progress.enriched || 0) + (progress.notFound || 0) + (progress.failed || 0);
        return progress.total > 0 ? done / progress.total : 0;
      },
    },
  }),
  [RETRAIN_PIPELINE_TYPE]: run({
    workflowType: 'retrainModelWorkflow',
    taskQueue: 'training',
    // Schedules start retrains without a version (derived from the start time); every other caller names it.
    workflowId: (input: RetrainModelInput & { modelVersion: string }) => retrainWorkflowId(input.modelVersion),
    searchAttributes: (input) => [pipelineType(RETRAIN_PIPELINE_TYPE), { key: SEARCH_ATTRIBUTES.modelVersion, value: input.modelVersion }],
    progress: {
      query: retrainProgressQuery,
      fraction: (progress) => {
        if (progress.stage === 'tuning') {
          const kinds = [progress.tuning?.explicit, progress.tuning?.implicit].filter((kind) => kind !== undefined);
          const runs = kinds.reduce((sum, kind) => sum + (kind.runs || 0), 0);
          const done = kinds.reduce((sum, kind) => sum + (kind.runsDone || 0), 0);
          return 0.1 + 0.6 * (runs > 0 ? done / runs : 0);
        }
        return RETRAIN_STAGE_FRACTION[progress.stage] ?? null;
      },
    },
  }),
  'retrain-coordinator': run({
    workflowType: 'retrainCoordinatorWorkflow',
    taskQueue: 'main',
    workflowId: () => RETRAIN_COORDINATOR_WORKFLOW_ID,
    searchAttributes: () => [pipelineType('retrain-coordinator')],
    progress: null,
  }),
  'system-check': run({
    workflowType: 'systemCheckWorkflow',
    taskQueue: 'main',
    workflowId: () => `system-check-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    searchAttributes: () => [pipelineType('system-check')],
    progress: null,
  }),
};

/** The kinds of runs: the PipelineType search attribute's values. */
export type RunKey = keyof typeof definitions;
type Definition<Key extends RunKey> = (typeof definitions)[Key];
export type RunWorkflowType<Key extends RunKey> = Definition<Key>['workflowType'];
/** The workflow function's type (`typeof retrainModelWorkflow`, ...), for the client's typed calls. */
export type RunWorkflow<Key extends RunKey> = Workflows[RunWorkflowType<Key>];
/** What a run of `Key` is started with: the workflow's parameters, narrowed where the id rule needs more. */
export type RunArgs<Key extends RunKey> = Parameters<Definition<Key>['workflowId']>;
/** The answer of the run's `progress` query (never for runs without one). */
export type RunProgress<Key extends RunKey> = Definition<Key>['progress'] extends RunProgressDefinition<infer Progress> | null
  ? Progress
  : never;

/** The kinds of runs with a `progress` query. */
export type ProgressRunKey = { [Key in RunKey]: [RunProgress<Key>] extends [never] ? never : Key }[RunKey];

export const PIPELINE_RUNS: { readonly [Key in RunKey]: RunDefinition<RunWorkflowType<Key>, RunArgs<Key>, RunProgress<Key>> } = definitions;

export const RUN_KEYS = Object.keys(PIPELINE_RUNS) as RunKey[];

export const hasProgressQuery = (key: RunKey): key is ProgressRunKey => PIPELINE_RUNS[key].progress !== null;

/** The options of client.workflow.start/execute/signalWithStart that start a run of `key` on the configured `taskQueues`. */
export function runStartOptions<Key extends RunKey>(
  key: Key,
  taskQueues: TaskQueues,
  ...args: RunArgs<Key>
): WorkflowStartOptions<RunWorkflow<Key>> & { workflowId: string; taskQueue: string } {
  const definition = PIPELINE_RUNS[key];
  const options = {
    workflowId: definition.workflowId(...args),
    taskQueue: taskQueues[definition.taskQueue],
    args,
    typedSearchAttributes: definition.searchAttributes(...args),
  };
  // RunArgs are (a narrowing of) the workflow's parameters (see `run`); the compiler cannot follow that for a generic key.
  return options as unknown as WorkflowStartOptions<RunWorkflow<Key>> & typeof options;
}

/** The kind of a run from its PipelineType search attribute, else from its workflow type; undefined when neither is one of ours. */
export function runKeyOf(workflowType: string, pipelineTypeValue: string | null): RunKey | undefined {
  if (pipelineTypeValue && (RUN_KEYS as string[]).includes(pipelineTypeValue)) return pipelineTypeValue as RunKey;
  return RUN_KEYS.find((key) => PIPELINE_RUNS[key].workflowType === workflowType);
}

/** The run's progress as a 0..1 fraction (clamped), or null when it does not say. */
export function progressFraction<Key extends RunKey>(key: Key, progress: RunProgress<Key>): number | null {
  const definition = PIPELINE_RUNS[key].progress;
  if (!definition || !progress || typeof progress !== 'object') return null;
  const fraction = definition.fraction(progress);
  return fraction === null ? null : Math.min(1, Math.max(0, fraction));
}

const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
