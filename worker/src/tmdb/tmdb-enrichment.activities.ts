import { Injectable, Logger } from '@nestjs/common';
import { MovieDetailsStatus, Prisma } from '@reelrank/database';
import { ObjectStorage, PrismaService } from '@reelrank/server';
import {
  type EnrichMoviesInput,
  type EnrichMoviesResult,
  type ListMoviesToEnrichInput,
  type MovieToEnrich,
  TMDB_AUTH_ERROR_TYPE,
  type TmdbEnrichmentActivities,
} from '@reelrank/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { withActivityContext } from '../temporal/activity-context';
import { TmdbResponseCache } from './tmdb-cache';
import { TmdbAuthError, TmdbClient, TmdbCredentialsMissingError } from './tmdb-client';
import { enrichBatch } from './tmdb-enricher';
import { toMovieDetails } from './tmdb-movie';
import type { MovieLookup } from './tmdb-movie-source';
import { TmdbMovieSource } from './tmdb-movie-source';

const MAX_PAGE = 1000;

/**
 * Activities of enrichTmdbWorkflow. Every public method is an activity (named after it), so the helpers
 * live outside the class.
 */
@Injectable()
export class TmdbEnrichmentActivitiesService implements TmdbEnrichmentActivities {
  private readonly logger = new Logger('TmdbEnrichment');
  private readonly source: TmdbMovieSource;

  constructor(
    private readonly prisma: PrismaService,
    storage: ObjectStorage,
    private readonly tmdb: TmdbClient,
  ) {
    this.source = new TmdbMovieSource(tmdb, new TmdbResponseCache(storage.client, storage.bucket));
  }

  async tmdbCredentialsConfigured(): Promise<boolean> {
    return this.tmdb.hasCredentials;
  }

  async countMoviesMissingTmdbDetails(): Promise<number> {
    const [{ count }] = await this.prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count
      FROM links l LEFT JOIN movie_details d ON d.movie_id = l.movie_id
      WHERE l.tmdb_id IS NOT NULL AND (d.movie_id IS NULL OR d.tmdb_id <> l.tmdb_id)`;
    return count;
  }

  async listMoviesMissingTmdbDetails({ afterMovieId, limit }: ListMoviesToEnrichInput): Promise<MovieToEnrich[]> {
    const pageSize = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE);
    return this.prisma.$queryRaw<MovieToEnrich[]>`
      SELECT l.movie_id AS "movieId", l.tmdb_id AS "tmdbId"
      FROM links l LEFT JOIN movie_details d ON d.movie_id = l.movie_id
      WHERE l.tmdb_id IS NOT NULL AND l.movie_id > ${afterMovieId} AND (d.movie_id IS NULL OR d.tmdb_id <> l.tmdb_id)
      ORDER BY l.movie_id
      LIMIT ${pageSize}`;
  }

  async enrichMoviesFromTmdb({ movies }: EnrichMoviesInput): Promise<EnrichMoviesResult> {
    try {
      const result = await withActivityContext((context) =>
        enrichBatch(
          movies,
          {
            source: this.source,
            store: (movie, lookup) => storeMovieDetails(this.prisma, movie, lookup),
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

/** Inserts or replaces the movie's MovieDetails row (a NOT_FOUND row has no data, lists empty). */
export async function storeMovieDetails(prisma: PrismaService, movie: MovieToEnrich, lookup: MovieLookup): Promise<void> {
  const empty = {
    overview: null,
    tagline: null,
    runtime: null,
    releaseDate: null,
    originalLanguage: null,
    posterPath: null,
    backdropPath: null,
    voteAverage: null,
    voteCount: null,
    popularity: null,
    genres: [],
    keywords: [],
    directors: [],
    cast: Prisma.DbNull,
  };
  let data: Omit<Prisma.MovieDetailsUncheckedCreateInput, 'movieId'>;
  if (lookup.status === 'found') {
    const details = toMovieDetails(lookup.movie);
    data = {
      ...details,
      status: MovieDetailsStatus.ENRICHED,
      tmdbId: movie.tmdbId,
      releaseDate: details.releaseDate ? new Date(`${details.releaseDate}T00:00:00Z`) : null,
      cast: details.cast as unknown as Prisma.InputJsonValue,
      fetchedAt: lookup.fetchedAt,
    };
  } else {
    data = { ...empty, status: MovieDetailsStatus.NOT_FOUND, tmdbId: movie.tmdbId, fetchedAt: lookup.fetchedAt };
  }
  await prisma.movieDetails.upsert({ where: { movieId: movie.movieId }, create: { movieId: movie.movieId, ...data }, update: data });
}
