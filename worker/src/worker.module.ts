import { DynamicModule, Module } from '@nestjs/common';
import { ObjectStorageModule } from '@reelrank/server';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker-config';
import { DatabasePool } from './database/database-pool';
import { MovieLensImportActivitiesService } from './import/movielens-import.activities';
import { SystemActivitiesService } from './system/system.activities';
import { ACTIVITY_SERVICES, TemporalWorkerService } from './temporal/temporal-worker.service';
import { TmdbEnrichmentActivitiesService } from './tmdb/tmdb-enrichment.activities';
import { TrainingActivitiesService } from './training/training.activities';
import { tmdbClientProvider } from './tmdb/tmdb.providers';

/** Every class whose public methods are Temporal activities. */
const activityServices = [
  SystemActivitiesService,
  TmdbEnrichmentActivitiesService,
  MovieLensImportActivitiesService,
  TrainingActivitiesService,
];

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ObjectStorageModule.forRoot(config)],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        DatabasePool,
        tmdbClientProvider,
        ...activityServices,
        { provide: ACTIVITY_SERVICES, useFactory: (...services: object[]) => services, inject: activityServices },
        TemporalWorkerService,
      ],
    };
  }
}
