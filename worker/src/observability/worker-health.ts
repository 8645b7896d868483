import { Injectable } from '@nestjs/common';
import { probe, type ProbeResult } from '@reelrank/config';

/** What `/readyz` answers: ready when every registered check answered in time. */
export interface Readiness {
  ready: boolean;
  checks: ProbeResult[];
}

/** How long a readiness check may take (below the k8s probe's timeoutSeconds). */
const CHECK_TIMEOUT_MS = 2000;

/**
 * The worker's readiness checks, served as `/readyz` by WorkerMetricsServer. The parts the worker needs register
 * theirs (the Temporal worker: connected and polling; PostgreSQL: answers), so this module depends on none of
 * them. Liveness (`/healthz`) needs no check: an answer proves the process and its event loop are alive.
 */
@Injectable()
export class WorkerHealth {
  private readonly checks = new Map<string, () => Promise<unknown>>();

  /** Adds a readiness check: `check` rejects (or takes over 2 s) while the worker is not ready. */
  register(name: string, check: () => Promise<unknown>): void {
    if (this.checks.has(name)) throw new Error(`readiness check ${name} is registered twice`);
    this.checks.set(name, check);
  }

  /** Every check at once; not ready without any (nothing registered yet: the worker is still starting). */
  async readiness(): Promise<Readiness> {
    const checks = await Promise.all([...this.checks].map(([name, check]) => probe(name, check, CHECK_TIMEOUT_MS)));
    return { ready: checks.length > 0 && checks.every((check) => check.up), checks };
  }
}
