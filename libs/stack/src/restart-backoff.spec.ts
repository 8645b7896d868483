import { RestartBackoff } from './restart-backoff';

describe('RestartBackoff', () => {
  it('waits 1 s, then doubles the wait up to 30 s while the process keeps crashing within a minute', () => {
    const backoff = new RestartBackoff();
    const delays = Array.from({ length: 8 }, () => backoff.afterCrash(5_000)?.delayMs);
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('numbers the restarts in a row and gives up after the 8th', () => {
    const backoff = new RestartBackoff();
    for (let restart = 1; restart <= 8; restart++) expect(backoff.afterCrash(0)?.restart).toBe(restart);
    expect(backoff.afterCrash(0)).toBeUndefined();
    expect(backoff.crashesInARow).toBe(9);
  });

  it('starts over at 1 s once the process ran healthily for a minute', () => {
    const backoff = new RestartBackoff();
    backoff.afterCrash(0);
    backoff.afterCrash(0);
    expect(backoff.afterCrash(0)).toEqual({ restart: 3, delayMs: 4000 });
    expect(backoff.afterCrash(60_000)).toEqual({ restart: 1, delayMs: 1000 });
  });
});
