import { Injectable } from '@nestjs/common';
import { probe } from '@reelrank/config';
import { ObjectStorage } from '@reelrank/storage';
import type { DependencyProbe, SystemActivities } from '@reelrank/workflows';
import { DatabasePool } from '../database/database-pool';

/** Activities of systemCheckWorkflow (registered by `activities()`). */
@Injectable()
export class SystemActivitiesService implements SystemActivities {
  constructor(
    private readonly pool: DatabasePool,
    private readonly storage: ObjectStorage,
  ) {}

  /** The activities this service registers (see temporal/activities.ts). */
  activities(): SystemActivities {
    return { probeDependencies: () => this.probeDependencies() };
  }

  async probeDependencies(): Promise<DependencyProbe[]> {
    return Promise.all([probe('postgres', () => this.pool.query('SELECT 1')), probe('s3', () => this.storage.ping())]);
  }
}
