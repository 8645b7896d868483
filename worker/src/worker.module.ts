import { DynamicModule, Module } from '@nestjs/common';
import { InfrastructureModule } from '@reelrank/server';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker-config';
import { SystemActivitiesService } from './system/system.activities';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [InfrastructureModule.forRoot(config)],
      providers: [{ provide: WORKER_CONFIG, useValue: config }, SystemActivitiesService, TemporalWorkerService],
    };
  }
}
