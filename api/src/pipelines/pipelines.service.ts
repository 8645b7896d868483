import { Inject, Injectable } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type WorkflowExecutionInfo,
  type WorkflowHandle,
} from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import {
  datasetVersionProblem,
  enrichTmdbWorkflowId,
  importMovieLensWorkflowId,
  modelVersionFromDate,
  modelVersionProblem,
  pipelineWorkflowId,
  resolveRetrainOptions,
  retrainWorkflowId,
  SEARCH_ATTRIBUTES,
  type EnrichTmdbProgress,
  type MovieLensImportProgress,
  type PipelineProgress,
  type RetrainModelInput as WorkflowRetrainInput,
  type RetrainProgress,
} from '@reelrank/workflows';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { badUserInput, conflict, notFound } from '../graphql/errors';
import { TemporalClient } from '../temporal/temporal.module';
import type { PipelineRunsFilter, RetrainModelInput } from './dto/pipelines.args';
import { PipelineRun, PipelineRunStatus, PipelineRunType } from './models/pipeline-run.model';

/** Values of the PipelineType search attribute per GraphQL type. */
const TYPE_ATTRIBUTE: Record<PipelineRunType, string> = {
  [PipelineRunType.PIPELINE]: 'pipeline',
  [PipelineRunType.IMPORT]: 'import',
  [PipelineRunType.ENRICHMENT]: 'enrichment',
  [PipelineRunType.RETRAIN]: 'retrain',
  [PipelineRunType.SYSTEM_CHECK]: 'system-check',
};

/** Workflow type names, for runs whose search attributes are not (yet) set. */
const WORKFLOW_TYPES: Record<PipelineRunType, string> = {
  [PipelineRunType.PIPELINE]: 'pipelineWorkflow',
  [PipelineRunType.IMPORT]: 'importMovieLensWorkflow',
  [PipelineRunType.ENRICHMENT]: 'enrichTmdbWorkflow',
  [PipelineRunType.RETRAIN]: 'retrainModelWorkflow',
  [PipelineRunType.SYSTEM_CHECK]: 'systemCheckWorkflow',
};

/** ExecutionStatus values of Temporal's visibility queries. */
const STATUS_QUERY_VALUE: Record<PipelineRunStatus, string> = {
  [PipelineRunStatus.RUNNING]: 'Running',
  [PipelineRunStatus.COMPLETED]: 'Completed',
  [PipelineRunStatus.FAILED]: 'Failed',
  [PipelineRunStatus.CANCELED]: 'Canceled',
  [PipelineRunStatus.TERMINATED]: 'Terminated',
  [PipelineRunStatus.TIMED_OUT]: 'TimedOut',
  [PipelineRunStatus.CONTINUED_AS_NEW]: 'ContinuedAsNew',
};

/** How long a progress query may take before the field is reported as unknown (no worker polling, ...). */
const PROGRESS_QUERY_TIMEOUT_MS = 5_000;
const RETRAIN_STAGE_FRACTION: Record<string, number> = {
  snapshot: 0.02,
  tuning: 0.1,
  evaluating: 0.7,
  training: 0.8,
  publishing: 0.9,
  promoting: 0.97,
  done: 1,
  rejected: 1,
};

/** A PipelineRun with its live progress computed once, when a progress field is first selected. */
export type PipelineRunRecord = Omit<PipelineRun, 'progress' | 'progressDetails' | 'stage'> & {
  searchStage: string | null;
  live?: Promise<LiveProgress>;
};

export interface LiveProgress {
  details: unknown;
  fraction: number | null;
  stage: string | null;
}

/**
 * Starts, lists, inspects and cancels the Temporal workflows of the data and training pipelines. Workflow
 * ids are deterministic (one run per dataset or model version at a time), so starting one that is running
 * is a CONFLICT; runs are read from Temporal's visibility store and their `progress` queries.
 */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly client: TemporalClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  startPipeline(datasetVersion: string): Promise<PipelineRunRecord> {
    this.checkDatasetVersion(datasetVersion);
    return this.start(
      'pipelineWorkflow',
      pipelineWorkflowId(datasetVersion),
      this.config.PIPELINE_TASK_QUEUE,
      [{ datasetVersion }],
      [
        { key: SEARCH_ATTRIBUTES.pipelineType, value: TYPE_ATTRIBUTE.PIPELINE },
        { key: SEARCH_ATTRIBUTES.datasetVersion, value: datasetVersion },
      ],
    );
  }

  startImport(datasetVersion: string): Promise<PipelineRunRecord> {
    this.checkDatasetVersion(datasetVersion);
    return this.start(
      'importMovieLensWorkflow',
      importMovieLensWorkflowId(datasetVersion),
      this.config.PIPELINE_TASK_QUEUE,
      [{ datasetVersion }],
      [
        { key: SEARCH_ATTRIBUTES.pipelineType, value: TYPE_ATTRIBUTE.IMPORT },
        { key: SEARCH_ATTRIBUTES.datasetVersion, value: datasetVersion },
      ],
    );
  }

  startEnrichment(datasetVersion: string): Promise<PipelineRunRecord> {
    this.checkDatasetVersion(datasetVersion);
    return this.start(
      'enrichTmdbWorkflow',
      enrichTmdbWorkflowId(datasetVersion),
      this.config.PIPELINE_TASK_QUEUE,
      [{ datasetVersion }],
      [
        { key: SEARCH_ATTRIBUTES.pipelineType, value: TYPE_ATTRIBUTE.ENRICHMENT },
        { key: SEARCH_ATTRIBUTES.datasetVersion, value: datasetVersion },
      ],
    );
  }

  /** Starts a manual retrain (the same workflow the nightly schedule and the engagement trigger start). */
  retrainModel(input: RetrainModelInput = { force: false }): Promise<PipelineRunRecord> {
    const version = input.modelVersion ?? modelVersionFromDate(new Date());
    const versionProblem = modelVersionProblem(version);
    if (versionProblem) throw badUserInput('input.modelVersion', versionProblem);
    const workflowInput: WorkflowRetrainInput = {
      trigger: 'manual',
      modelVersion: version,
      force: input.force === true,
      ...(input.explicitGrid ? { explicitGrid: definedOnly(input.explicitGrid) } : {}),
      ...(input.implicitGrid ? { implicitGrid: definedOnly(input.implicitGrid) } : {}),
      ...(input.folds !== undefined ? { folds: input.folds } : {}),
      ...(input.finalists !== undefined ? { finalists: input.finalists } : {}),
    };
    try {
      resolveRetrainOptions(workflowInput);
    } catch (error) {
      throw badUserInput('input', (error as Error).message.replace(/^invalid retrain input: /, ''));
    }
    return this.start(
      'retrainModelWorkflow',
      retrainWorkflowId(version),
      this.config.TRAINING_TASK_QUEUE,
      [workflowInput],
      [
        { key: SEARCH_ATTRIBUTES.pipelineType, value: TYPE_ATTRIBUTE.RETRAIN },
        { key: SEARCH_ATTRIBUTES.modelVersion, value: version },
      ],
    );
  }

  /** Requests cancellation of the latest run of `workflowId` (its children go with it); NOT_FOUND for an unknown id. */
  async cancel(workflowId: string): Promise<PipelineRunRecord> {
    const handle = this.client.workflow.getHandle(workflowId);
    const described = await this.describe(handle);
    if (described.status.name === 'RUNNING') {
      await handle.cancel();
    }
    return this.toRecord(await handle.describe());
  }

  async get(workflowId: string): Promise<PipelineRunRecord> {
    return this.toRecord(await this.describe(this.client.workflow.getHandle(workflowId)));
  }

  /**
   * Runs from Temporal visibility, newest first. Only running runs are asked for live progress: a closed
   * run's query would replay its whole history on a worker, per run listed. Its progress is 1 when it
   * completed (else null) and its stage the search attribute's; pipelineRun gives a closed run's details.
   */
  async list(filter: PipelineRunsFilter = {}, first: number): Promise<PipelineRunRecord[]> {
    const clauses: string[] = [];
    if (filter.type) {
      clauses.push(
        `(${SEARCH_ATTRIBUTES.pipelineType.name} = ${quote(TYPE_ATTRIBUTE[filter.type])} OR WorkflowType = ${quote(WORKFLOW_TYPES[filter.type])})`,
      );
    } else {
      clauses.push(`WorkflowType IN (${Object.values(WORKFLOW_TYPES).map(quote).join(', ')})`);
    }
    if (filter.status) clauses.push(`ExecutionStatus = ${quote(STATUS_QUERY_VALUE[filter.status])}`);
    if (filter.datasetVersion !== undefined) clauses.push(`${SEARCH_ATTRIBUTES.datasetVersion.name} = ${quote(filter.datasetVersion)}`);
    const where = clauses.join(' AND ');
    let runs: PipelineRunRecord[];
    if (this.orderBySupported !== false) {
      try {
        runs = await this.listPage(`${where} ORDER BY StartTime DESC`, first);
        this.orderBySupported = true;
      } catch (error) {
        if (this.orderBySupported) throw error;
        // SQL visibility (the dev server, PostgreSQL/MySQL without Elasticsearch) rejects ORDER BY; its own order is newest first.
        this.orderBySupported = false;
        runs = await this.listPage(where, first);
      }
    } else {
      runs = await this.listPage(where, first);
    }
    for (const run of runs) {
      if (run.status !== PipelineRunStatus.RUNNING)
        run.live = Promise.resolve({
          details: null,
          fraction: run.status === PipelineRunStatus.COMPLETED ? 1 : null,
          stage: run.searchStage,
        });
    }
    // Visibility stores without ORDER BY support return them in their own order.
    return runs.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }

  private orderBySupported?: boolean;

  private async listPage(query: string, first: number): Promise<PipelineRunRecord[]> {
    const runs: PipelineRunRecord[] = [];
    for await (const info of this.client.workflow.list({ query, pageSize: first })) {
      runs.push(this.toRecord(info));
      if (runs.length >= first) break;
    }
    return runs;
  }

  /** The run's live progress, queried once per record. */
  live(run: PipelineRunRecord): Promise<LiveProgress> {
    run.live ??= this.queryProgress(run);
    return run.live;
  }

  private async queryProgress(run: PipelineRunRecord): Promise<LiveProgress> {
    const completed = run.status === PipelineRunStatus.COMPLETED;
    let details: unknown = null;
    if (run.type !== PipelineRunType.SYSTEM_CHECK) {
      try {
        const handle = this.client.workflow.getHandle(run.workflowId, run.runId);
        details = await this.client.withDeadline(Date.now() + PROGRESS_QUERY_TIMEOUT_MS, () => handle.query<unknown>('progress'));
      } catch {
        details = null;
      }
    }
    let fraction = details === null ? null : progressFraction(run.type, details);
    if (completed) fraction = 1;
    const stage = details && typeof details === 'object' && 'stage' in details ? String((details as { stage: unknown }).stage) : null;
    return { details, fraction: fraction === null ? null : clamp01(fraction), stage: run.searchStage ?? stage };
  }

  private checkDatasetVersion(datasetVersion: string): void {
    const problem = datasetVersionProblem(datasetVersion);
    if (problem) throw badUserInput('datasetVersion', problem);
  }

  private async start(
    workflowType: string,
    workflowId: string,
    taskQueue: string,
    args: unknown[],
    attributes: SearchAttributePair[],
  ): Promise<PipelineRunRecord> {
    try {
      const handle = await this.client.workflow.start(workflowType, { workflowId, taskQueue, args, typedSearchAttributes: attributes });
      return this.toRecord(await handle.describe());
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw conflict(
          `Workflow ${workflowId} is already running; wait for it to finish or cancel it with cancelPipelineRun`,
          'workflowId',
        );
      }
      throw error;
    }
  }

  private async describe(handle: WorkflowHandle) {
    try {
      return await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound(`No pipeline run with workflow id ${handle.workflowId}`);
      throw error;
    }
  }

  private toRecord(info: Omit<WorkflowExecutionInfo, 'raw'>): PipelineRunRecord {
    const attributes = info.typedSearchAttributes;
    const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
    const namespace = this.config.TEMPORAL_NAMESPACE;
    return {
      workflowId: info.workflowId,
      runId: info.runId,
      type: runType(info.type, text(attributes.get(SEARCH_ATTRIBUTES.pipelineType))),
      status: runStatus(info.status.name),
      startedAt: info.startTime,
      closedAt: info.closeTime ?? null,
      datasetVersion: text(attributes.get(SEARCH_ATTRIBUTES.datasetVersion)),
      modelVersion: text(attributes.get(SEARCH_ATTRIBUTES.modelVersion)),
      searchStage: text(attributes.get(SEARCH_ATTRIBUTES.pipelineStage)),
      temporalUiUrl: `${this.config.TEMPORAL_UI_URL.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(info.workflowId)}/${encodeURIComponent(info.runId)}/history`,
    };
  }
}

function runType(workflowType: string, attribute: string | null): PipelineRunType {
  const byAttribute = (Object.keys(TYPE_ATTRIBUTE) as PipelineRunType[]).find((type) => TYPE_ATTRIBUTE[type] === attribute);
  if (byAttribute) return byAttribute;
  const byWorkflow = (Object.keys(WORKFLOW_TYPES) as PipelineRunType[]).find((type) => WORKFLOW_TYPES[type] === workflowType);
  return byWorkflow ?? PipelineRunType.SYSTEM_CHECK;
}

/** The SDK's status names (it spells CANCELLED) as PipelineRunStatus. */
function runStatus(name: string): PipelineRunStatus {
  if (name === 'CANCELLED') return PipelineRunStatus.CANCELED;
  return (Object.values(PipelineRunStatus) as string[]).includes(name) ? (name as PipelineRunStatus) : PipelineRunStatus.RUNNING;
}

/** Each workflow type's `progress` query as a 0..1 fraction (null when it does not say). */
export function progressFraction(type: PipelineRunType, details: unknown): number | null {
  if (!details || typeof details !== 'object') return null;
  switch (type) {
    case PipelineRunType.PIPELINE:
      return finite((details as PipelineProgress).fraction);
    case PipelineRunType.IMPORT: {
      const progress = details as MovieLensImportProgress;
      if (progress.stage === 'done') return 1;
      const files = Object.values(progress.files ?? {});
      const total = files.reduce((sum, file) => sum + (file.totalBytes || 0), 0);
      const read = files.reduce((sum, file) => sum + Math.min(file.bytesRead || 0, file.totalBytes || 0), 0);
      return total > 0 ? read / total : 0;
    }
    case PipelineRunType.ENRICHMENT: {
      const progress = details as EnrichTmdbProgress;
      if (progress.state === 'done' || progress.state === 'skipped') return 1;
      const done = (progress.enriched || 0) + (progress.notFound || 0) + (progress.failed || 0);
      return progress.total > 0 ? done / progress.total : 0;
    }
    case PipelineRunType.RETRAIN: {
      const progress = details as RetrainProgress;
      if (progress.stage === 'tuning') {
        const kinds = [progress.tuning?.explicit, progress.tuning?.implicit].filter(Boolean);
        const runs = kinds.reduce((sum, kind) => sum + (kind!.runs || 0), 0);
        const done = kinds.reduce((sum, kind) => sum + (kind!.runsDone || 0), 0);
        return 0.1 + 0.6 * (runs > 0 ? done / runs : 0);
      }
      return RETRAIN_STAGE_FRACTION[progress.stage] ?? null;
    }
    default:
      return null;
  }
}

const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
