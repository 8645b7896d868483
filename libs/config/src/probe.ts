export interface ProbeResult {
  name: string;
  up: boolean;
  latencyMs: number;
  error?: string;
}

/** Runs `check` with a deadline and reports whether it answered, how fast, and why not. */
export async function probe(name: string, check: () => Promise<unknown>, timeoutMs = 3000): Promise<ProbeResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { name, up: true, latencyMs: elapsed(started) };
  } catch (error) {
    return { name, up: false, latencyMs: elapsed(started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;
