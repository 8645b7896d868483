import { Injectable, Logger } from '@nestjs/common';
import { ObjectStorage } from '@reelrank/storage';
import {
  type EnrichMoviesInput,
  type EnrichMoviesResult,
  type ListMoviesToEnrichInput,
  type MovieToEnrich,
  TMDB_AUTH_ERROR_TYPE,
  type TmdbEnrichmentActivities,
} from '@reelrank/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { DatabasePool } from '../database/database-pool';
import { withActivityContext } from '../temporal/activity-context';
import { storeMovieDetails } from './movie-details';
import { TmdbResponseCache } from './tmdb-cache';
import { TmdbAuthError, TmdbClient, TmdbCredentialsMissingError } from './tmdb-client';
import { enrichBatch } from './tmdb-enricher';
import { TmdbMovieSource } from './tmdb-movie-source';

const MAX_PAGE = 1000;

/** Activities of enrichTmdbWorkflow (registered by `activities()`). */
@Injectable()
export class TmdbEnrichmentActivitiesService implements TmdbEnrichmentActivities {
  private readonly logger = new Logger('TmdbEnrichment');
  private readonly source: TmdbMovieSource;

  constructor(
    private readonly pool: DatabasePool,
    storage: ObjectStorage,
    private readonly tmdb: TmdbClient,
  ) {
    this.source = new TmdbMovieSource(tmdb, new TmdbResponseCache(storage.client, storage.bucket));
  }

  /** The activities this service registers (see temporal/activities.ts). */
  activities(): TmdbEnrichmentActivities {
    return {
      tmdbCredentialsConfigured: () => this.tmdbCredentialsConfigured(),
      countMoviesMissingTmdbDetails: () => this.countMoviesMissingTmdbDetails(),
      listMoviesMissingTmdbDetails: (input) => this.listMoviesMissingTmdbDetails(input),
      enrichMoviesFromTmdb: (input) => this.enrichMoviesFromTmdb(input),
    };
  }

  async tmdbCredentialsConfigured(): Promise<boolean> {
    return this.tmdb.hasCredentials;
  }

  async countMoviesMissingTmdbDetails(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count
       FROM links l LEFT JOIN movie_details d ON d.movie_id = l.movie_id
       WHERE l.tmdb_id IS NOT NULL AND (d.movie_id IS NULL OR d.tmdb_id <> l.tmdb_id)`,
    );
    return rows[0].count;
  }

  async listMoviesMissingTmdbDetails({ afterMovieId, limit }: ListMoviesToEnrichInput): Promise<MovieToEnrich[]> {
    const pageSize = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE);
    const { rows } = await this.pool.query<MovieToEnrich>(
      `SELECT l.movie_id AS "movieId", l.tmdb_id AS "tmdbId"
       FROM links l LEFT JOIN movie_details d ON d.movie_id = l.movie_id
       WHERE l.tmdb_id IS NOT NULL AND l.movie_id > $1 AND (d.movie_id IS NULL OR d.tmdb_id <> l.tmdb_id)
       ORDER BY l.movie_id
       LIMIT $2`,
      [afterMovieId, pageSize],
    );
    return rows;
  }

  async enrichMoviesFromTmdb({ movies }: EnrichMoviesInput): Promise<EnrichMoviesResult> {
    try {
      const result = await withActivityContext((context) =>
        enrichBatch(
          movies,
          {
            source: this.source,
            store: (movie, lookup) => storeMovieDetails(this.pool, movie, lookup),
            concurrency: this.tmdb.concurrency,
            log: (message) => this.logger.debug(message),
          },
          context,
        ),
      );
      if (result.failed > 0) this.logger.warn(`${result.failed} of ${movies.length} movies failed: ${result.failures[0]?.error}`);
      return result;
    } catch (error) {
      if (error instanceof TmdbAuthError) throw ApplicationFailure.nonRetryable(error.message, TMDB_AUTH_ERROR_TYPE);
      if (error instanceof TmdbCredentialsMissingError) throw ApplicationFailure.nonRetryable(error.message, error.name);
      throw error;
    }
  }
}
