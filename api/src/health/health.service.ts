import { Injectable } from '@nestjs/common';
import { probe } from '@reelrank/config';
import { ObjectStorage } from '@reelrank/storage';
import { PrismaService } from '../prisma/prisma.service';
import { TemporalClient } from '../temporal/temporal.module';
import type { Health } from './health.model';

/** The services a health check probes, one request each: the `health` query costs their number. */
export const PROBED_SERVICES = ['postgres', 'temporal', 's3'] as const;

/** How long a health answer is reused after it came. */
export const HEALTH_REUSE_MS = 1000;

@Injectable()
export class HealthService {
  private readonly probes: Record<(typeof PROBED_SERVICES)[number], () => Promise<unknown>>;

  constructor(prisma: PrismaService, temporal: TemporalClient, storage: ObjectStorage) {
    this.probes = {
      postgres: () => prisma.$queryRaw`select 1`,
      temporal: async () => {
        await temporal.connection.ensureConnected();
        await temporal.workflowService.getSystemInfo({});
      },
      s3: () => storage.ping(),
    };
  }

  private shared?: { answer: Promise<Health>; answeredAt?: number };

  /**
   * The services' health. A check in flight, or answered less than HEALTH_REUSE_MS ago, is shared (its
   * `checkedAt` tells when it ran), so no number of callers or aliases multiplies the probes.
   */
  check(): Promise<Health> {
    const shared = this.shared;
    if (shared && (shared.answeredAt === undefined || Date.now() - shared.answeredAt < HEALTH_REUSE_MS)) return shared.answer;
    const next: { answer: Promise<Health>; answeredAt?: number } = { answer: this.probeAll() };
    void next.answer.then(() => (next.answeredAt = Date.now()));
    this.shared = next;
    return next.answer;
  }

  private async probeAll(): Promise<Health> {
    const services = await Promise.all(PROBED_SERVICES.map((name) => probe(name, this.probes[name])));
    return { ok: services.every((service) => service.up), checkedAt: new Date(), services };
  }
}
