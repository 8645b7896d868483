export interface RestartBackoffOptions {
  /** Wait before the first restart; each rapid crash after it doubles the wait. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A process that ran this long before crashing was healthy: its next restart waits `firstDelayMs` again. */
  healthyAfterMs: number;
  /** Rapid crashes in a row after which it is not restarted any more. */
  maxRapidRestarts: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoffOptions = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  maxRapidRestarts: 8,
};

/**
 * When to restart a process that keeps crashing: 1 s, 2 s, 4 s... up to 30 s, back to 1 s once it ran healthily
 * for a minute, and no more after 8 rapid crashes in a row.
 */
export class RestartBackoff {
  private rapidCrashes = 0;

  constructor(private readonly options: RestartBackoffOptions = DEFAULT_RESTART_BACKOFF) {}

  /**
   * After a crash of a process that ran `ranForMs` (0 when it did not even start): which restart in a row this is
   * and how long to wait before it, or undefined when it crashed too often in a row to try again.
   */
  afterCrash(ranForMs: number): { restart: number; delayMs: number } | undefined {
    if (ranForMs >= this.options.healthyAfterMs) this.rapidCrashes = 0;
    this.rapidCrashes++;
    if (this.rapidCrashes > this.options.maxRapidRestarts) return undefined;
    const delayMs = Math.min(this.options.firstDelayMs * 2 ** (this.rapidCrashes - 1), this.options.maxDelayMs);
    return { restart: this.rapidCrashes, delayMs };
  }

  /** Rapid crashes in a row so far. */
  get crashesInARow(): number {
    return this.rapidCrashes;
  }
}
