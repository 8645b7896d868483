import { DynamicModule, Module } from '@nestjs/common';
import { ObjectStorageModule } from '@reelrank/storage';
import { TracingModule } from '@reelrank/tracing';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker-config';
import { DatabasePool } from './database/database-pool';
import { WorkerObservabilityModule, type WorkerObservabilityOptions } from './observability/observability.module';
import { activityServices, workerActivitiesProvider } from './temporal/activities';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { tmdbClientProvider } from './tmdb/tmdb.providers';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, observability: WorkerObservabilityOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ObjectStorageModule.forRoot(config),
        TracingModule.forRoot(config, 'reelrank-worker'),
        WorkerObservabilityModule.forRoot(config, observability),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        DatabasePool,
        tmdbClientProvider,
        ...activityServices,
        workerActivitiesProvider,
        TemporalWorkerService,
      ],
    };
  }
}
