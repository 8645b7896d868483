import { CancelledFailure, Context } from '@temporalio/activity';

/** What training code needs from the Temporal activity around it (a no-op outside activities, e.g. in unit tests). */
export interface ActivityHooks {
  attempt: number;
  /** Details of the last heartbeat of an earlier attempt (undefined on the first attempt). */
  heartbeatDetails: unknown;
  /** Records `details` and heartbeats them (throttled by the SDK; repeated on a timer while the activity runs). */
  heartbeat(details?: unknown): void;
  /** Throws the CancelledFailure once the activity is cancelled (worker shutdown, workflow cancel, heartbeat timeout). */
  throwIfCancelled(): void;
}

const NO_ACTIVITY: ActivityHooks = {
  attempt: 1,
  heartbeatDetails: undefined,
  heartbeat: () => undefined,
  throwIfCancelled: () => undefined,
};

function currentContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` with heartbeats: every call of `hooks.heartbeat` and, in between, a timer re-sending the latest
 * details every third of the heartbeat timeout. The ALS solves run on worker threads, so the event loop (and the
 * timer) stays free during long sweeps: a live worker is never mistaken for a lost one, and a lost one is noticed
 * within the heartbeat timeout.
 */
export async function withHeartbeats<T>(work: (hooks: ActivityHooks) => Promise<T>): Promise<T> {
  const context = currentContext();
  if (!context) return work(NO_ACTIVITY);
  let latest: unknown = context.info.heartbeatDetails;
  const timeoutMs = context.info.heartbeatTimeoutMs;
  const timer = timeoutMs ? setInterval(() => context.heartbeat(latest), Math.max(500, Math.floor(timeoutMs / 3))) : undefined;
  timer?.unref();
  const hooks: ActivityHooks = {
    attempt: context.info.attempt,
    heartbeatDetails: context.info.heartbeatDetails,
    heartbeat: (details?: unknown) => {
      if (details !== undefined) latest = details;
      context.heartbeat(latest);
    },
    throwIfCancelled: () => {
      const signal = context.cancellationSignal;
      if (!signal.aborted) return;
      throw signal.reason instanceof CancelledFailure ? signal.reason : new CancelledFailure(String(signal.reason ?? 'cancelled'));
    },
  };
  try {
    return await work(hooks);
  } finally {
    if (timer) clearInterval(timer);
  }
}
