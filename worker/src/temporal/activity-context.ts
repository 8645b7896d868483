import { CancelledFailure, Context } from '@temporalio/activity';

/**
 * What the import, enrichment and training code needs from the Temporal activity running it. The same code
 * runs outside activities (CLIs, the bench, unit tests) with NO_ACTIVITY or an object of its own. `Details`
 * types what a consumer heartbeats and resumes from (`ActivityContext<StageCheckpoint>`); any context fits.
 */
export interface ActivityContext<Details = unknown> {
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** Aborted once the activity is cancelled (worker shutdown, workflow cancellation, heartbeat timeout). */
  readonly signal: AbortSignal;
  /**
   * The last heartbeat details of an earlier attempt (Temporal's `heartbeatDetails`), through `read`, which
   * returns undefined for details it does not accept (another file's, an older format); undefined without any.
   */
  resumeDetails<D extends Details>(read: (details: unknown) => D | undefined): D | undefined;
  /** Heartbeats `details` (without details: the latest ones again). */
  heartbeat(details?: Details): void;
  /** Throws the CancelledFailure once the activity is cancelled. */
  throwIfCancelled(): void;
}

/** Outside activities: first attempt, never cancelled, heartbeats go nowhere. */
export const NO_ACTIVITY: ActivityContext = {
  attempt: 1,
  signal: new AbortController().signal,
  resumeDetails: () => undefined,
  heartbeat: () => undefined,
  throwIfCancelled: () => undefined,
};

/** The shortest keep-alive interval, whatever the heartbeat timeout. */
const MIN_KEEP_ALIVE_MS = 500;

/**
 * Runs `work` with the context of the current activity, or NO_ACTIVITY outside one. While `work` runs, a
 * keep-alive timer re-sends the latest heartbeat details (at first the earlier attempt's) every third of the
 * heartbeat timeout, so a worker busy between heartbeats (a lock wait, a long sweep on the ALS threads, a
 * movie in long retries) is not taken for a lost one, and a lost one is noticed within the timeout. Temporal
 * sends the first heartbeat at once and throttles the next ones (to 80% of the timeout), keeping the latest.
 */
export async function withActivityContext<T>(work: (context: ActivityContext) => Promise<T>): Promise<T> {
  const context = currentContext();
  if (!context) return work(NO_ACTIVITY);
  const { attempt, heartbeatDetails, heartbeatTimeoutMs } = context.info;
  let latest: unknown = heartbeatDetails;
  const timer = heartbeatTimeoutMs
    ? setInterval(() => context.heartbeat(latest), Math.max(MIN_KEEP_ALIVE_MS, Math.floor(heartbeatTimeoutMs / 3)))
    : undefined;
  timer?.unref();
  const signal = context.cancellationSignal;
  try {
    return await work({
      attempt,
      signal,
      resumeDetails: (read) => (heartbeatDetails === undefined ? undefined : read(heartbeatDetails)),
      heartbeat: (details) => {
        if (details !== undefined) latest = details;
        context.heartbeat(latest);
      },
      throwIfCancelled: () => {
        if (!signal.aborted) return;
        throw signal.reason instanceof CancelledFailure ? signal.reason : new CancelledFailure(String(signal.reason ?? 'cancelled'));
      },
    });
  } finally {
    clearInterval(timer);
  }
}

function currentContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
