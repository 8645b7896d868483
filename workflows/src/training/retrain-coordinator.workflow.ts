import {
  condition,
  continueAsNew,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import { TASK_QUEUES } from '../task-queues';
import type { TrainingActivities } from './activities';
import {
  RETRAIN_COORDINATOR_DEFAULTS,
  ratingsAddedSignal,
  retrainCoordinatorStateQuery,
  type RetrainCoordinatorCarriedState,
  type RetrainCoordinatorInput,
  type RetrainCoordinatorState,
} from './coordinator';
import { modelVersionFromDate, retrainWorkflowId } from './model-version';
import { retrainModelWorkflow } from './retrain-model.workflow';

const { countRatingsSinceLatestModel, retrainTriggerSettings } = proxyActivities<TrainingActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/**
 * The engagement trigger (workflow id RETRAIN_COORDINATOR_WORKFLOW_ID, started by notifyRatingsAdded with
 * signal-with-start). It counts `ratingsAdded` signals; once `minNewRatings` have arrived it waits for a quiet
 * period (no signal for `quietPeriodSeconds`, at most `maxDelaySeconds`), then starts one retrainModelWorkflow
 * as a child (ABANDON: it survives the coordinator) and waits for it: never more than one retrain at a time.
 * Ratings signalled during a retrain count towards the next. Continues as new while idle to bound its history.
 */
export async function retrainCoordinatorWorkflow(input: RetrainCoordinatorInput = {}): Promise<void> {
  const carried = input.carried;
  let pending = carried?.pendingRatings ?? 0;
  let ratingsSignalled = carried?.ratingsSignalled ?? 0;
  let signals = carried?.signals ?? 0;
  let retrainsStarted = carried?.retrainsStarted ?? 0;
  let last = carried?.last ?? null;
  let lastVersion = carried?.lastVersion ?? null;
  let running: RetrainCoordinatorState['running'] = null;
  const runs = (carried?.runs ?? 0) + 1;
  let minNewRatings = input.minNewRatings ?? carried?.minNewRatings ?? 0;
  let quietPeriodSeconds = input.quietPeriodSeconds ?? carried?.quietPeriodSeconds ?? 0;

  setHandler(ratingsAddedSignal, (count) => {
    const n = Math.floor(Number(count));
    if (!Number.isFinite(n) || n <= 0) return;
    pending += n;
    ratingsSignalled += n;
    signals++;
  });
  setHandler(retrainCoordinatorStateQuery, () => ({
    pendingRatings: pending,
    minNewRatings,
    quietPeriodSeconds,
    running,
    last,
    retrainsStarted,
    ratingsSignalled,
    signals,
    runs,
  }));
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineType, value: 'retrain-coordinator' }]);

  if (input.minNewRatings === undefined || input.quietPeriodSeconds === undefined) {
    if (!carried) {
      const settings = await retrainTriggerSettings();
      minNewRatings = input.minNewRatings ?? settings.minNewRatings;
      quietPeriodSeconds = input.quietPeriodSeconds ?? settings.quietPeriodSeconds;
    }
  }
  minNewRatings = Math.max(1, Math.floor(minNewRatings));
  quietPeriodSeconds = Math.max(0, quietPeriodSeconds);
  const maxDelaySeconds = Math.max(
    quietPeriodSeconds,
    input.maxDelaySeconds ?? quietPeriodSeconds * RETRAIN_COORDINATOR_DEFAULTS.maxDelayQuietPeriods,
  );
  const failureBackoffSeconds = Math.max(0, input.failureBackoffSeconds ?? RETRAIN_COORDINATOR_DEFAULTS.failureBackoffSeconds);
  const maxHistoryEvents = Math.max(100, input.maxHistoryEvents ?? RETRAIN_COORDINATOR_DEFAULTS.maxHistoryEvents);

  if (!carried && input.seedFromDatabase !== false) {
    // Signals that came with the start are already in the database count: take the larger, never both.
    const sinceLatestModel = await countRatingsSinceLatestModel();
    pending = Math.max(pending, sinceLatestModel);
  }

  const historyTooLong = () => workflowInfo().historyLength > maxHistoryEvents || workflowInfo().continueAsNewSuggested;
  const carry = (): RetrainCoordinatorCarriedState => ({
    pendingRatings: pending,
    last,
    retrainsStarted,
    ratingsSignalled,
    signals,
    runs,
    minNewRatings,
    quietPeriodSeconds,
    lastVersion,
  });

  for (;;) {
    await condition(() => pending >= minNewRatings || historyTooLong());
    if (pending < minNewRatings) {
      await continueAsNew<typeof retrainCoordinatorWorkflow>({ ...input, carried: carry() });
    }

    // Debounce: wait until the ratings stop for a quiet period (bounded by maxDelaySeconds).
    const crossedAt = Date.now();
    for (;;) {
      const seen = signals;
      const remainingMs = maxDelaySeconds * 1000 - (Date.now() - crossedAt);
      if (remainingMs <= 0) break;
      const more = await condition(() => signals !== seen, Math.max(1, Math.min(quietPeriodSeconds * 1000, remainingMs)));
      if (!more) break;
    }

    let version = modelVersionFromDate(new Date(Date.now()));
    if (lastVersion && (lastVersion === version || lastVersion.startsWith(`${version}-`))) {
      // Two retrains within one second (no quiet period and an instant failure): m...-2, m...-3, ...
      const previous = lastVersion === version ? 1 : Number(lastVersion.slice(version.length + 1)) || 1;
      version = modelVersionFromDate(new Date(Date.now()), previous + 1);
    }
    lastVersion = version;
    const workflowId = retrainWorkflowId(version);
    const taken = pending;
    pending = 0;
    const startedAt = new Date(Date.now()).toISOString();
    running = { version, workflowId, startedAt, ratings: taken };
    retrainsStarted++;
    try {
      const child = await startChild(retrainModelWorkflow, {
        workflowId,
        taskQueue: input.taskQueue ?? TASK_QUEUES.training,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [{ ...input.retrain, modelVersion: version, trigger: 'engagement' }],
      });
      const result = await child.result();
      last = {
        version,
        workflowId,
        startedAt,
        finishedAt: new Date(Date.now()).toISOString(),
        ratings: taken,
        outcome: result.promoted ? 'promoted' : result.status === 'SKIPPED' ? 'skipped' : 'rejected',
        reason: result.reason,
      };
      running = null;
    } catch (error) {
      last = {
        version,
        workflowId,
        startedAt,
        finishedAt: new Date(Date.now()).toISOString(),
        ratings: taken,
        outcome: 'failed',
        reason: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error),
      };
      running = null;
      // The ratings still wait for a model: count them again, after a pause so a broken retrain does not loop.
      pending += taken;
      if (failureBackoffSeconds > 0) await sleep(failureBackoffSeconds * 1000);
    }
    if (historyTooLong()) await continueAsNew<typeof retrainCoordinatorWorkflow>({ ...input, carried: carry() });
  }
}
