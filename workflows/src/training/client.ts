/**
 * Client-side helpers for the API and the tests (never imported by workflow code): the nightly Schedule and
 * the engagement signal, with the workflow types of the run registry. Only Temporal client *types* are imported
 * (erased at compile time), so this package keeps its workflow-only dependencies. Manual retrains start through
 * the registry (runStartOptions('retrain', ...)).
 */
// eslint-disable-next-line no-restricted-imports -- type-only import for client helpers that never run in the workflow sandbox
import type { Client, ScheduleDescription, ScheduleUpdateOptions } from '@temporalio/client';
import { PIPELINE_RUNS, type RunWorkflow } from '../runs';
import { TASK_QUEUES } from '../task-queues';
import { ratingsAddedSignal, type RetrainCoordinatorInput } from './coordinator';
import { RETRAIN_SCHEDULE_ID } from './model-version';
import type { RetrainModelInput } from './retrain';

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
  const action = {
    type: 'startWorkflow' as const,
    workflowType: PIPELINE_RUNS.retrain.workflowType,
    taskQueue,
    workflowId: scheduleId,
    args,
  };
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
  /** Default RETRAIN_COORDINATOR_WORKFLOW_ID (the registry's id rule). */
  workflowId?: string;
}

/**
 * Tells the engagement coordinator that `count` ratings were added or changed, starting it if needed
 * (signal-with-start). Call it after the ratings are committed. Counts that are not positive integers are ignored.
 */
export async function notifyRatingsAdded(client: Client, count: number, options: NotifyRatingsAddedOptions = {}): Promise<void> {
  if (!Number.isInteger(count) || count <= 0) return;
  const coordinator = PIPELINE_RUNS['retrain-coordinator'];
  await client.workflow.signalWithStart<RunWorkflow<'retrain-coordinator'>, [number]>(coordinator.workflowType, {
    workflowId: options.workflowId ?? coordinator.workflowId(),
    taskQueue: options.taskQueue ?? TASK_QUEUES[coordinator.taskQueue],
    args: [options.coordinator ?? {}],
    typedSearchAttributes: coordinator.searchAttributes(),
    signal: ratingsAddedSignal,
    signalArgs: [count],
  });
}
