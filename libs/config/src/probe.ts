export interface ProbeResult {
  name: string;
  up: boolean;
  latencyMs: number;
  error?: string;
}

/** How often the deadline advances; a gap between two ticks counts as at most two of them. */
const TICK_MS = 100;

/**
 * Runs `check` with a deadline and reports whether it answered, how fast, and why not. The deadline counts
 * only time the event loop was free to take the answer: the clock advances by ticks, and a tick that comes
 * late (the process was busy) counts as at most two, so a probe of a busy process reports the dependency
 * slow (`latencyMs`), not down.
 */
export async function probe(name: string, check: () => Promise<unknown>, timeoutMs = 3000): Promise<ProbeResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        let waited = 0;
        let last = performance.now();
        timer = setInterval(() => {
          const now = performance.now();
          waited += Math.min(now - last, 2 * TICK_MS);
          last = now;
          if (waited >= timeoutMs) reject(new Error(`no answer within ${timeoutMs} ms`));
        }, TICK_MS);
      }),
    ]);
    return { name, up: true, latencyMs: elapsed(started) };
  } catch (error) {
    return { name, up: false, latencyMs: elapsed(started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearInterval(timer);
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;
