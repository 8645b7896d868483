import { Injectable } from '@nestjs/common';
import { probe } from '@reelrank/config';
import { ObjectStorage } from '@reelrank/storage';
import { PrismaService } from '../prisma/prisma.service';
import { TemporalClient } from '../temporal/temporal.module';
import type { Health } from './health.model';

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly temporal: TemporalClient,
    private readonly storage: ObjectStorage,
  ) {}

  async check(): Promise<Health> {
    const services = await Promise.all([
      probe('postgres', () => this.prisma.$queryRaw`select 1`),
      probe('temporal', async () => {
        await this.temporal.connection.ensureConnected();
        await this.temporal.workflowService.getSystemInfo({});
      }),
      probe('s3', () => this.storage.ping()),
    ]);
    return { ok: services.every((service) => service.up), checkedAt: new Date(), services };
  }
}
