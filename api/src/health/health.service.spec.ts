import type { ObjectStorage } from '@reelrank/storage';
import type { PrismaService } from '../prisma/prisma.service';
import type { TemporalClient } from '../temporal/temporal.module';
import { HEALTH_REUSE_MS, HealthService } from './health.service';

describe('HealthService', () => {
  let probes: { postgres: number; temporal: number; s3: number };
  let service: HealthService;

  beforeEach(() => {
    jest.useFakeTimers({ now: 0, doNotFake: ['nextTick', 'queueMicrotask'] });
    probes = { postgres: 0, temporal: 0, s3: 0 };
    const prisma = { $queryRaw: async () => probes.postgres++ } as unknown as PrismaService;
    const temporal = {
      connection: { ensureConnected: async () => undefined },
      workflowService: { getSystemInfo: async () => probes.temporal++ },
    } as unknown as TemporalClient;
    const storage = { ping: async () => probes.s3++ } as unknown as ObjectStorage;
    service = new HealthService(prisma, temporal, storage);
  });

  afterEach(() => jest.useRealTimers());

  it('shares one check between every caller at once (a query with many aliases, many clients)', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, () => service.check()));
    expect(probes).toEqual({ postgres: 1, temporal: 1, s3: 1 });
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatchObject({ ok: true });
  });

  it('reuses an answer for HEALTH_REUSE_MS after it came, then checks again', async () => {
    const first = await service.check();
    jest.advanceTimersByTime(HEALTH_REUSE_MS - 1);
    expect(await service.check()).toBe(first);
    expect(probes.postgres).toBe(1);

    jest.advanceTimersByTime(1);
    const second = await service.check();
    expect(second).not.toBe(first);
    expect(probes).toEqual({ postgres: 2, temporal: 2, s3: 2 });
  });
});
