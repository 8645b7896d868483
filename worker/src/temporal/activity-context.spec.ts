import { CancelledFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { setTimeout as sleep } from 'node:timers/promises';
import { NO_ACTIVITY, withActivityContext } from './activity-context';

const logger = new DefaultLogger('ERROR');

/** A mock activity (no Temporal server) recording what it heartbeats. */
function mockActivity(info: ConstructorParameters<typeof MockActivityEnvironment>[0] = {}) {
  const environment = new MockActivityEnvironment(info, { logger });
  const beats: unknown[] = [];
  environment.on('heartbeat', (details: unknown) => beats.push(details));
  return { environment, beats };
}

describe('withActivityContext', () => {
  it('heartbeats the given details, and the latest ones again when called without', async () => {
    const { environment, beats } = mockActivity();
    await environment.run(() =>
      withActivityContext(async (context) => {
        context.heartbeat({ line: 1 });
        context.heartbeat({ line: 2 });
        context.heartbeat();
      }),
    );
    expect(beats).toEqual([{ line: 1 }, { line: 2 }, { line: 2 }]);
  });

  it('re-sends the latest details every third of the heartbeat timeout while the work runs, and stops after it', async () => {
    const { environment, beats } = mockActivity({ heartbeatTimeoutMs: 1500, heartbeatDetails: { line: 7 } });
    let beforeFirstHeartbeat: unknown[] = [];
    await environment.run(() =>
      withActivityContext(async (context) => {
        await sleep(800); // ticks every 500 ms: until the first heartbeat, the earlier attempt's details
        beforeFirstHeartbeat = [...beats];
        context.heartbeat({ line: 8 });
        await sleep(800);
      }),
    );
    expect(beforeFirstHeartbeat.length).toBeGreaterThanOrEqual(1);
    expect(new Set(beforeFirstHeartbeat.map((beat) => JSON.stringify(beat)))).toEqual(new Set(['{"line":7}']));
    const after = beats.slice(beforeFirstHeartbeat.length);
    expect(after.length).toBeGreaterThanOrEqual(2); // the heartbeat and at least one re-send
    expect(new Set(after.map((beat) => JSON.stringify(beat)))).toEqual(new Set(['{"line":8}']));
    const sent = beats.length;
    await sleep(700);
    expect(beats).toHaveLength(sent);
  });

  it('sends nothing on its own without a heartbeat timeout', async () => {
    const { environment, beats } = mockActivity({ heartbeatDetails: { line: 7 } });
    await environment.run(() => withActivityContext(() => sleep(600)));
    expect(beats).toEqual([]);
  });

  it('exposes cancellation as the abort signal and throwIfCancelled', async () => {
    const { environment } = mockActivity();
    const seen: boolean[] = [];
    const failure = await environment
      .run(() =>
        withActivityContext(async (context) => {
          context.throwIfCancelled(); // not cancelled yet
          seen.push(context.signal.aborted);
          environment.cancel();
          seen.push(context.signal.aborted);
          context.throwIfCancelled();
        }),
      )
      .catch((error: unknown) => error);
    expect(seen).toEqual([false, true]);
    expect(failure).toBeInstanceOf(CancelledFailure);
  });

  it('gives a later attempt the details of the earlier one, through the reader', async () => {
    const earlier = { v: 1, line: 40 };
    const isOurs = (details: unknown) => ((details as { v?: number }).v === 1 ? (details as typeof earlier) : undefined);
    const { environment } = mockActivity({ attempt: 2, heartbeatDetails: earlier });
    const resumed = await environment.run(() =>
      withActivityContext(async (context) => ({
        attempt: context.attempt,
        details: context.resumeDetails(isOurs),
        rejected: context.resumeDetails(() => undefined),
      })),
    );
    expect(resumed).toEqual({ attempt: 2, details: earlier, rejected: undefined });

    const first = mockActivity();
    const read = jest.fn(isOurs);
    expect(await first.environment.run(() => withActivityContext(async (context) => context.resumeDetails(read)))).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it('is NO_ACTIVITY outside an activity', async () => {
    expect(await withActivityContext(async (context) => context)).toBe(NO_ACTIVITY);
    expect(NO_ACTIVITY).toMatchObject({ attempt: 1, signal: { aborted: false } });
    expect(NO_ACTIVITY.resumeDetails(() => 'details')).toBeUndefined();
    expect(() => NO_ACTIVITY.throwIfCancelled()).not.toThrow();
  });
});
