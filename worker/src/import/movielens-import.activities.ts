import { Injectable, Logger } from '@nestjs/common';
import { ObjectStorage } from '@reelrank/storage';
import type {
  ImportMovieLensResult,
  MovieLensFileCheckpoint,
  MovieLensImportActivities,
  PreparedMovieLensImport,
  StagedMovieLensFile,
  StageMovieLensFileInput,
} from '@reelrank/workflows';
import { ApplicationFailure } from '@temporalio/activity';
import { DatabasePool } from '../database/database-pool';
import { MovieLensInputError } from './errors';
import { withActivityContext } from '../temporal/activity-context';
import { WorkerMetrics } from '../observability/worker-metrics';
import { MovieLensImporter } from './movielens-importer';

/**
 * Temporal activities of importMovieLensWorkflow (registered by `activities()`). The work is done by
 * MovieLensImporter, a plain class the CLIs and the bench use without Nest.
 */
@Injectable()
export class MovieLensImportActivitiesService implements MovieLensImportActivities {
  private readonly importer: MovieLensImporter;

  constructor(pool: DatabasePool, storage: ObjectStorage, metrics: WorkerMetrics) {
    const logger = new Logger('MovieLensImport');
    this.importer = new MovieLensImporter({
      pool,
      s3: storage.client,
      bucket: storage.bucket,
      log: (message) => logger.log(message),
      onChunkStaged: (chunk) => metrics.importChunkStaged(chunk),
    });
  }

  /** The activities this service registers (see temporal/activities.ts). */
  activities(): MovieLensImportActivities {
    return {
      prepareMovieLensImport: (input) => this.prepareMovieLensImport(input),
      stageMovieLensFile: (input) => this.stageMovieLensFile(input),
      mergeMovieLensImport: (input) => this.mergeMovieLensImport(input),
      readMovieLensImportProgress: (input) => this.readMovieLensImportProgress(input),
      markMovieLensImportFailed: (input) => this.markMovieLensImportFailed(input),
    };
  }

  prepareMovieLensImport(input: { datasetVersion: string; workflowRunId?: string }): Promise<PreparedMovieLensImport> {
    return nonRetryableInputErrors(() => withActivityContext((context) => this.importer.prepare(input, context)));
  }

  stageMovieLensFile(input: StageMovieLensFileInput): Promise<StagedMovieLensFile> {
    return nonRetryableInputErrors(() => withActivityContext((context) => this.importer.stage(input, context)));
  }

  mergeMovieLensImport(input: { importId: number }): Promise<ImportMovieLensResult> {
    return nonRetryableInputErrors(() => withActivityContext((context) => this.importer.merge(input, context)));
  }

  readMovieLensImportProgress(input: { importId: number }): Promise<MovieLensFileCheckpoint[]> {
    return this.importer.progress(input);
  }

  markMovieLensImportFailed(input: { datasetVersion: string; error: string }): Promise<void> {
    return this.importer.markFailed(input);
  }
}

async function nonRetryableInputErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MovieLensInputError) {
      throw ApplicationFailure.create({ message: error.message, type: error.name, nonRetryable: true, cause: error });
    }
    throw error;
  }
}
