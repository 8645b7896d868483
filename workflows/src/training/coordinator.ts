import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { RetrainModelInput } from './retrain';

/** Contracts of retrainCoordinatorWorkflow (the engagement trigger), shared with the API. */

/** `ratingsAdded(count)`: the API sends it (with signal-with-start) after storing `count` new or changed ratings. */
export const ratingsAddedSignal = defineSignal<[number]>('ratingsAdded');

export interface RetrainCoordinatorLastRun {
  version: string;
  workflowId: string;
  startedAt: string;
  finishedAt: string;
  /** Ratings counted towards it. */
  ratings: number;
  outcome: 'promoted' | 'rejected' | 'skipped' | 'failed';
  reason: string;
}

export interface RetrainCoordinatorState {
  /** New ratings counted since the last retrain started (or since the latest model's snapshot). */
  pendingRatings: number;
  minNewRatings: number;
  quietPeriodSeconds: number;
  /** The retrain in flight, if any (never more than one). */
  running: { version: string; workflowId: string; startedAt: string; ratings: number } | null;
  last: RetrainCoordinatorLastRun | null;
  retrainsStarted: number;
  /** Sum of all signalled counts (this chain). */
  ratingsSignalled: number;
  signals: number;
  /** Runs of the continue-as-new chain, this one included. */
  runs: number;
}

/** `state` query of retrainCoordinatorWorkflow. */
export const retrainCoordinatorStateQuery = defineQuery<RetrainCoordinatorState>('state');

/** What one run hands the next when it continues as new. */
export interface RetrainCoordinatorCarriedState {
  pendingRatings: number;
  last: RetrainCoordinatorLastRun | null;
  retrainsStarted: number;
  ratingsSignalled: number;
  signals: number;
  runs: number;
  minNewRatings: number;
  quietPeriodSeconds: number;
  lastVersion: string | null;
}

export interface RetrainCoordinatorInput {
  /** Ratings that trigger a retrain; default RETRAIN_MIN_NEW_RATINGS of the worker (50). */
  minNewRatings?: number;
  /** Seconds without a new signal before the retrain starts; default RETRAIN_QUIET_SECONDS of the worker (30). */
  quietPeriodSeconds?: number;
  /** Longest debounce once the threshold is crossed, however busy the signals; default 10 quiet periods. */
  maxDelaySeconds?: number;
  /** Pause after a failed retrain before the next may start; default 900. */
  failureBackoffSeconds?: number;
  /** Task queue of the retrains; default TASK_QUEUES.training. */
  taskQueue?: string;
  /** Options of every retrain it starts (grids, force, ...). */
  retrain?: Omit<RetrainModelInput, 'trigger' | 'modelVersion'>;
  /** Count the ratings newer than the latest model's snapshot when the chain starts; default true. */
  seedFromDatabase?: boolean;
  /** Continue as new past this many history events (when idle); default 2000. */
  maxHistoryEvents?: number;
  /** Set by the workflow when it continues as new; callers leave it out. */
  carried?: RetrainCoordinatorCarriedState;
}

export const RETRAIN_COORDINATOR_DEFAULTS = { maxDelayQuietPeriods: 10, failureBackoffSeconds: 900, maxHistoryEvents: 2000 } as const;
