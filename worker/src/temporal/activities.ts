import type { Provider } from '@nestjs/common';
import type { MovieLensImportActivities, SystemActivities, TmdbEnrichmentActivities, TrainingActivities } from '@reelrank/workflows';
import { MovieLensImportActivitiesService } from '../import/movielens-import.activities';
import { SystemActivitiesService } from '../system/system.activities';
import { TmdbEnrichmentActivitiesService } from '../tmdb/tmdb-enrichment.activities';
import { TrainingActivitiesService } from '../training/training.activities';

/** Every activity the worker registers, by the name the workflows' proxies call it (the contracts of @reelrank/workflows). */
export type WorkerActivities = SystemActivities & TmdbEnrichmentActivities & MovieLensImportActivities & TrainingActivities;

export const WORKER_ACTIVITIES = Symbol('WorkerActivities');

/** The Nest services whose activities the worker registers. */
export const activityServices = [
  SystemActivitiesService,
  TmdbEnrichmentActivitiesService,
  MovieLensImportActivitiesService,
  TrainingActivitiesService,
];

/**
 * The activities object Temporal registers, one part per activity service: each service lists its activities
 * in `activities()`, typed by its contract, so the compiler rejects a missing or misnamed one.
 */
export const workerActivitiesProvider: Provider = {
  provide: WORKER_ACTIVITIES,
  useFactory: (
    system: SystemActivitiesService,
    enrichment: TmdbEnrichmentActivitiesService,
    movieLens: MovieLensImportActivitiesService,
    training: TrainingActivitiesService,
  ): WorkerActivities => ({ ...system.activities(), ...enrichment.activities(), ...movieLens.activities(), ...training.activities() }),
  inject: activityServices,
};
