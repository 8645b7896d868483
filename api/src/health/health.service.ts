import { Injectable } from '@nestjs/common';
import { probe } from '@reelrank/config';
import { ObjectStorage } from '@reelrank/storage';
import { PrismaService } from '../prisma/prisma.service';
import { TemporalClient } from '../temporal/temporal.module';
import type { Health } from './health.model';

/** The services a health check probes, one request each: the `health` query costs their number. */
export const PROBED_SERVICES = ['postgres', 'temporal', 's3'] as const;

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

  async check(): Promise<Health> {
    const services = await Promise.all(PROBED_SERVICES.map((name) => probe(name, this.probes[name])));
    return { ok: services.every((service) => service.up), checkedAt: new Date(), services };
  }
}
