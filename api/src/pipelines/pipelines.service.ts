import { Inject, Injectable } from '@nestjs/common';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type WorkflowExecutionInfo,
  type WorkflowHandle,
} from '@temporalio/client';
import { taskQueuesOf } from '@reelrank/config';
import {
  datasetVersionProblem,
  hasProgressQuery,
  modelVersionFromDate,
  modelVersionProblem,
  PIPELINE_RUNS,
  progressFraction,
  resolveRetrainOptions,
  runKeyOf,
  runStartOptions,
  SEARCH_ATTRIBUTES,
  type ProgressRunKey,
  type RetrainModelInput as WorkflowRetrainInput,
  type RunArgs,
  type RunKey,
  type RunWorkflow,
  type TaskQueues,
} from '@reelrank/workflows';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { badUserInput, conflict, notFound } from '../graphql/errors';
import { TemporalClient } from '../temporal/temporal.module';
import type { PipelineRunsFilter, RetrainModelInput } from './dto/pipelines.args';
import type { PipelineRunError } from './models/pipeline-run-error.model';
import type { RunProgressDetails } from './models/pipeline-run-progress.model';
import { PipelineRun, PipelineRunStatus, PipelineRunType } from './models/pipeline-run.model';

/** The registry's kind of run behind each GraphQL run type. */
const RUN_OF_TYPE: Record<PipelineRunType, RunKey> = {
  [PipelineRunType.PIPELINE]: 'pipeline',
  [PipelineRunType.IMPORT]: 'import',
  [PipelineRunType.ENRICHMENT]: 'enrichment',
  [PipelineRunType.RETRAIN]: 'retrain',
  [PipelineRunType.SYSTEM_CHECK]: 'system-check',
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

/** The statuses of runs that ended with a failure (PipelineRun.error). */
const FAILED_STATUSES: ReadonlySet<PipelineRunStatus> = new Set([
  PipelineRunStatus.FAILED,
  PipelineRunStatus.TERMINATED,
  PipelineRunStatus.TIMED_OUT,
]);

/** How long a progress query may take before the field is reported as unknown (no worker polling, ...). */
const PROGRESS_QUERY_TIMEOUT_MS = 5_000;

/** A PipelineRun with its live progress computed once, when a progress field is first selected. */
export type PipelineRunRecord = Omit<PipelineRun, 'progress' | 'progressDetails' | 'stage' | 'error'> & {
  searchStage: string | null;
  /** The stage a failed run was in, from its memo (imports record it). */
  failedStage: string | null;
  live?: Promise<LiveProgress>;
};

export interface LiveProgress {
  details: RunProgressDetails | null;
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
  private readonly taskQueues: TaskQueues;

  constructor(
    private readonly client: TemporalClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.taskQueues = taskQueuesOf(config);
  }

  startPipeline(datasetVersion: string): Promise<PipelineRunRecord> {
    this.checkDatasetVersion(datasetVersion);
    // The pipeline's retrain runs on the configured training queue.
    return this.start('pipeline', { datasetVersion, trainingTaskQueue: this.taskQueues.training });
  }

  startImport(datasetVersion: string): Promise<PipelineRunRecord> {
    this.checkDatasetVersion(datasetVersion);
    return this.start('import', { datasetVersion });
  }

  startEnrichment(datasetVersion: string): Promise<PipelineRunRecord> {
    this.checkDatasetVersion(datasetVersion);
    return this.start('enrichment', { datasetVersion });
  }

  /** Starts a manual retrain (the same workflow the nightly schedule and the engagement trigger start). */
  retrainModel(input: RetrainModelInput = { force: false }): Promise<PipelineRunRecord> {
    const version = input.modelVersion ?? modelVersionFromDate(new Date());
    const versionProblem = modelVersionProblem(version);
    if (versionProblem) throw badUserInput('input.modelVersion', versionProblem);
    const workflowInput: WorkflowRetrainInput & { modelVersion: string } = {
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
    return this.start('retrain', workflowInput);
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
      const run = RUN_OF_TYPE[filter.type];
      clauses.push(`(${SEARCH_ATTRIBUTES.pipelineType.name} = ${quote(run)} OR WorkflowType = ${quote(PIPELINE_RUNS[run].workflowType)})`);
    } else {
      const workflowTypes = Object.values(RUN_OF_TYPE).map((run) => PIPELINE_RUNS[run].workflowType);
      clauses.push(`WorkflowType IN (${workflowTypes.map(quote).join(', ')})`);
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

  /**
   * Why a failed, terminated or timed-out run ended: the root cause of the failure in its close event (the
   * failed activity's error, not the generic "Workflow execution failed"); null for other runs.
   */
  async error(run: PipelineRunRecord): Promise<PipelineRunError | null> {
    if (!FAILED_STATUSES.has(run.status)) return null;
    const handle = this.client.workflow.getHandle(run.workflowId, run.runId, { followRuns: false });
    try {
      await handle.result();
      return null;
    } catch (error) {
      if (!(error instanceof WorkflowFailedError)) throw error;
      // The chain: workflow failure → activity or child workflow failure → application failure → (the original error).
      let root: Error = error;
      let activityType: string | null = null;
      let application: ApplicationFailure | undefined;
      while (root.cause instanceof Error) {
        root = root.cause;
        if (root instanceof ActivityFailure) activityType = root.activityType;
        if (root instanceof ApplicationFailure) application = root;
      }
      return {
        message: root.message,
        type: application?.type ?? root.name,
        activityType,
        stage: run.failedStage,
        failedAt: run.closedAt ?? new Date(),
      };
    }
  }

  /** The run's live progress, queried once per record. */
  live(run: PipelineRunRecord): Promise<LiveProgress> {
    run.live ??= this.queryProgress(run);
    return run.live;
  }

  private async queryProgress(run: PipelineRunRecord): Promise<LiveProgress> {
    const key = RUN_OF_TYPE[run.type];
    const details = hasProgressQuery(key) ? await this.progressOf(run, key).catch(() => null) : null;
    const fraction = run.status === PipelineRunStatus.COMPLETED ? 1 : details && progressFraction(details.run, details.progress);
    const stage = details && 'stage' in details.progress ? details.progress.stage : null;
    return { details, fraction, stage: run.searchStage ?? stage };
  }

  /** The run's answer to the registry's typed progress query of its kind. */
  private async progressOf<Key extends ProgressRunKey>(run: PipelineRunRecord, key: Key): Promise<RunProgressDetails> {
    const handle = this.client.workflow.getHandle<RunWorkflow<Key>>(run.workflowId, run.runId);
    const query = PIPELINE_RUNS[key].progress!.query;
    const progress = await this.client.withDeadline(Date.now() + PROGRESS_QUERY_TIMEOUT_MS, () => handle.query(query));
    return { run: key, progress } as RunProgressDetails;
  }

  private checkDatasetVersion(datasetVersion: string): void {
    const problem = datasetVersionProblem(datasetVersion);
    if (problem) throw badUserInput('datasetVersion', problem);
  }

  private async start<Key extends RunKey>(key: Key, ...args: RunArgs<Key>): Promise<PipelineRunRecord> {
    const options = runStartOptions(key, this.taskQueues, ...args);
    const { workflowId } = options;
    try {
      const handle = await this.client.workflow.start<RunWorkflow<Key>>(PIPELINE_RUNS[key].workflowType, options);
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
      type: runType(runKeyOf(info.type, text(attributes.get(SEARCH_ATTRIBUTES.pipelineType)))),
      status: runStatus(info.status.name),
      startedAt: info.startTime,
      closedAt: info.closeTime ?? null,
      datasetVersion: text(attributes.get(SEARCH_ATTRIBUTES.datasetVersion)),
      modelVersion: text(attributes.get(SEARCH_ATTRIBUTES.modelVersion)),
      searchStage: text(attributes.get(SEARCH_ATTRIBUTES.pipelineStage)),
      failedStage: text(info.memo?.failedStage),
      temporalUiUrl: `${this.config.TEMPORAL_UI_URL.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(info.workflowId)}/${encodeURIComponent(info.runId)}/history`,
    };
  }
}

/** The GraphQL type of a kind of run; SYSTEM_CHECK for runs of other kinds (only ever asked for by workflow id). */
function runType(run: RunKey | undefined): PipelineRunType {
  return (Object.keys(RUN_OF_TYPE) as PipelineRunType[]).find((type) => RUN_OF_TYPE[type] === run) ?? PipelineRunType.SYSTEM_CHECK;
}

/** The SDK's status names (it spells CANCELLED) as PipelineRunStatus. */
function runStatus(name: string): PipelineRunStatus {
  if (name === 'CANCELLED') return PipelineRunStatus.CANCELED;
  return (Object.values(PipelineRunStatus) as string[]).includes(name) ? (name as PipelineRunStatus) : PipelineRunStatus.RUNNING;
}

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
