/**
 * Client-side helpers for the API and `npm start` (never imported by workflow code): the nightly Schedule,
 * the engagement signal and manual retrains. Only Temporal client *types* are imported (erased at compile
 * time), so this package keeps its workflow-only dependencies.
 */
// eslint-disable-next-line no-restricted-imports -- type-only import for client helpers that never run in the workflow sandbox
import type { Client, ScheduleDescription, ScheduleUpdateOptions, WorkflowHandle } from '@temporalio/client';
import { TASK_QUEUES } from '../task-queues';
import { ratingsAddedSignal, type RetrainCoordinatorInput } from './coordinator';
import {
  modelVersionFromDate,
  modelVersionProblem,
  RETRAIN_COORDINATOR_WORKFLOW_ID,
  RETRAIN_SCHEDULE_ID,
  retrainWorkflowId,
} from './model-version';
import type { RetrainModelInput, RetrainTrigger } from './retrain';
import type { retrainCoordinatorWorkflow } from './retrain-coordinator.workflow';
import type { retrainModelWorkflow } from './retrain-model.workflow';

/** Every day at 03:00 UTC. */
export const DEFAULT_RETRAIN_CRON = '0 3 * * *';

export interface RetrainScheduleOptions {
  /** Default RETRAIN_SCHEDULE_ID (`retrain-nightly`). */
  scheduleId?: string;
  /** Cron expression (5 fields); default DEFAULT_RETRAIN_CRON. */
  cron?: string;
  /** IANA time zone of the cron expression; default UTC. */
  timezone?: string;
  /** Task queue of the retrains; default TASK_QUEUES.training. */
  taskQueue?: string;
  /** Options of every scheduled retrain (grids, force, ...). */
  input?: Omit<RetrainModelInput, 'trigger' | 'modelVersion'>;
  /** Create (or set) the schedule paused. Left out, an existing schedule keeps its paused state. */
  paused?: boolean;
}

export interface EnsureRetrainScheduleResult {
  scheduleId: string;
  /** The schedule did not exist and was created. */
  created: boolean;
  /** It existed with other settings (cron, time zone, queue or input) and was updated. */
  updated: boolean;
}

const FINGERPRINT_PREFIX = 'reelrank retrain schedule ';

/**
 * Creates the nightly retrain Schedule, or brings an existing one in line with `options`; safe to call at every
 * start of the API or `npm start` (concurrent calls included). Scheduled runs get Temporal's workflow ids
 * `<scheduleId>-<scheduled time>` and derive their model version from their start time; overlapping runs are
 * skipped. The settings are kept as a fingerprint in the schedule's note, so an unchanged schedule is not touched.
 */
export async function ensureRetrainSchedule(client: Client, options: RetrainScheduleOptions = {}): Promise<EnsureRetrainScheduleResult> {
  const scheduleId = options.scheduleId ?? RETRAIN_SCHEDULE_ID;
  const cron = options.cron ?? DEFAULT_RETRAIN_CRON;
  const timezone = options.timezone ?? 'UTC';
  const taskQueue = options.taskQueue ?? TASK_QUEUES.training;
  const args: [RetrainModelInput] = [{ ...options.input, trigger: 'schedule' }];
  const note = `${FINGERPRINT_PREFIX}${JSON.stringify({ cron, timezone, taskQueue, args })}`;
  const spec = { cronExpressions: [cron], timezone };
  const action = { type: 'startWorkflow' as const, workflowType: 'retrainModelWorkflow', taskQueue, workflowId: scheduleId, args };
  const policies = { overlap: 'SKIP' as const, catchupWindow: 60 * 60 * 1000 };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, state: { paused: options.paused ?? false, note } });
    return { scheduleId, created: true, updated: false };
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ScheduleAlreadyRunning')) throw error;
  }
  const handle = client.schedule.getHandle(scheduleId);
  const current = await handle.describe();
  const pausedMatches = options.paused === undefined || current.state.paused === options.paused;
  if (current.state.note === note && pausedMatches) return { scheduleId, created: false, updated: false };
  await handle.update((previous: ScheduleDescription): ScheduleUpdateOptions => ({
    spec,
    action,
    policies: { ...previous.policies, ...policies },
    state: { paused: options.paused ?? previous.state.paused, note },
  }));
  return { scheduleId, created: false, updated: true };
}

export interface NotifyRatingsAddedOptions {
  /** Task queue of the coordinator; default TASK_QUEUES.main (it only waits and starts children). */
  taskQueue?: string;
  /** Input used when this signal starts the coordinator (ignored while it runs). */
  coordinator?: RetrainCoordinatorInput;
  /** Default RETRAIN_COORDINATOR_WORKFLOW_ID. */
  workflowId?: string;
}

/**
 * Tells the engagement coordinator that `count` ratings were added or changed, starting it if needed
 * (signal-with-start). Call it after the ratings are committed. Counts that are not positive integers are ignored.
 */
export async function notifyRatingsAdded(client: Client, count: number, options: NotifyRatingsAddedOptions = {}): Promise<void> {
  if (!Number.isInteger(count) || count <= 0) return;
  await client.workflow.signalWithStart<typeof retrainCoordinatorWorkflow, [number]>('retrainCoordinatorWorkflow', {
    workflowId: options.workflowId ?? RETRAIN_COORDINATOR_WORKFLOW_ID,
    taskQueue: options.taskQueue ?? TASK_QUEUES.main,
    args: [options.coordinator ?? {}],
    signal: ratingsAddedSignal,
    signalArgs: [count],
  });
}

export interface StartRetrainOptions {
  /** Default TASK_QUEUES.training. */
  taskQueue?: string;
  /** Clock of the version id; default now. */
  now?: Date;
}

/**
 * Starts a retrain now (e.g. an admin's "retrain" button): version modelVersionFromDate(now), workflow id
 * retrainWorkflowId(version). Throws WorkflowExecutionAlreadyStartedError if that version is already running.
 */
export async function startRetrain(
  client: Client,
  input: Omit<RetrainModelInput, 'trigger'> & { trigger?: RetrainTrigger } = {},
  options: StartRetrainOptions = {},
): Promise<{ version: string; workflowId: string; handle: WorkflowHandle<typeof retrainModelWorkflow> }> {
  const version = input.modelVersion ?? modelVersionFromDate(options.now ?? new Date());
  const problem = modelVersionProblem(version);
  if (problem) throw new RangeError(problem);
  const workflowId = retrainWorkflowId(version);
  const handle = await client.workflow.start<typeof retrainModelWorkflow>('retrainModelWorkflow', {
    workflowId,
    taskQueue: options.taskQueue ?? TASK_QUEUES.training,
    args: [{ ...input, modelVersion: version, trigger: input.trigger ?? 'manual' }],
  });
  return { version, workflowId, handle };
}
