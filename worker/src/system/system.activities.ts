import { Injectable } from '@nestjs/common';
import { probe } from '@reelrank/common';
import { ObjectStorage, PrismaService } from '@reelrank/server';
import type { DependencyProbe, SystemActivities } from '@reelrank/workflows';

@Injectable()
export class SystemActivitiesService implements SystemActivities {
  constructor(
    private readonly prisma: PrismaService,
    private readonly storage: ObjectStorage,
  ) {}

  async probeDependencies(): Promise<DependencyProbe[]> {
    return Promise.all([probe('postgres', () => this.prisma.$queryRaw`select 1`), probe('s3', () => this.storage.ping())]);
  }
}
