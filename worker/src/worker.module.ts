import { DynamicModule, Module } from '@nestjs/common';
import { InfrastructureModule } from '@reelrank/server';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker-config';
import { SystemActivitiesService } from './system/system.activities';
import { ACTIVITY_SERVICES, TemporalWorkerService } from './temporal/temporal-worker.service';

/** Every class whose public methods are Temporal activities. */
const activityServices = [SystemActivitiesService];

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [InfrastructureModule.forRoot(config)],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        ...activityServices,
        { provide: ACTIVITY_SERVICES, useFactory: (...services: object[]) => services, inject: activityServices },
        TemporalWorkerService,
      ],
    };
  }
}
