import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Prisma } from '@reelrank/prisma';
import { PrismaService } from '../prisma/prisma.service';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import { notFound } from '../graphql/errors';
import { type ConnectionShape, toConnection } from '../graphql/pagination';
import type { Movie } from '../movies/models/movie.model';
import type { MovieStats } from '../movies/movies.service';
import type { Rating } from './models/rating.model';
import { emitRatingsChanged, RatingsChangedEvent } from './ratings-changed.event';

const MY_RATINGS_CURSOR = 'ratings:RATED_AT';

/** A rating as written, with its movie and the movie's stats after the write. */
export interface RatedMovie {
  rating: Rating;
  movie: Movie;
  stats: MovieStats;
}

/**
 * Ratings and the per-movie aggregates in movie_rating_stats (count, sum and the damped mean that orders
 * RATING, movie_bayesian_rating() in SQL). Every write runs in one transaction that first locks (or creates)
 * the movie's stats row, so writes to one movie serialize and the stats stay exact; refresh_movie_rating_stats()
 * takes the same lock. The API returns after COMMIT, which PostgreSQL
 * makes durable (synchronous_commit is on by default).
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Creates or replaces the user's rating, and removes their skip of the movie (a rating supersedes "Haven't
   * seen it"); NOT_FOUND for an unknown movie. Returns the rating with the movie and its stats after the
   * write, as the same statements read them.
   */
  async rate(userId: number, movieId: number, rating: number): Promise<RatedMovie> {
    const saved = await this.prisma.$transaction(async (tx) => {
      const movie = await lockMovieStats(tx, movieId);
      const [row] = await tx.$queryRaw<{ rating: number; ratedAt: Date; ratingCount: number; ratingSum: number }[]>`
        WITH old AS (
          SELECT rating FROM ratings WHERE user_id = ${userId} AND movie_id = ${movieId}
        ), unskipped AS (
          DELETE FROM movie_skips WHERE user_id = ${userId} AND movie_id = ${movieId}
        ), saved AS (
          INSERT INTO ratings (user_id, movie_id, rating, rated_at)
          VALUES (${userId}, ${movieId}, ${rating}::real, now())
          ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
          RETURNING rating, rated_at
        ), delta AS (
          SELECT CASE WHEN EXISTS (SELECT 1 FROM old) THEN 0 ELSE 1 END AS count,
                 ${rating}::real - coalesce((SELECT rating FROM old), 0) AS sum
        ), stats AS (
          UPDATE movie_rating_stats
          SET rating_count = rating_count + delta.count,
              rating_sum = rating_sum + delta.sum,
              bayesian_rating = movie_bayesian_rating(rating_sum + delta.sum, rating_count + delta.count),
              updated_at = now()
          FROM delta
          WHERE movie_id = ${movieId}
          RETURNING rating_count, rating_sum
        )
        SELECT saved.rating::float8 AS rating, saved.rated_at AS "ratedAt",
               stats.rating_count AS "ratingCount", stats.rating_sum::float8 AS "ratingSum"
        FROM saved CROSS JOIN stats`;
      return {
        rating: { movieId, rating: row.rating, ratedAt: row.ratedAt },
        movie,
        stats: { ratingCount: row.ratingCount, ratingSum: row.ratingSum },
      };
    });
    await emitRatingsChanged(this.events, new RatingsChangedEvent(userId, movieId, 'rated'));
    return saved;
  }

  /** Deletes the user's rating; false when there was none; NOT_FOUND for an unknown movie. */
  async remove(userId: number, movieId: number): Promise<boolean> {
    const removed = await this.prisma.$transaction(async (tx) => {
      await lockMovieStats(tx, movieId);
      const [{ removed }] = await tx.$queryRaw<{ removed: number }[]>`
        WITH gone AS (
          DELETE FROM ratings WHERE user_id = ${userId} AND movie_id = ${movieId} RETURNING rating
        ), delta AS (
          SELECT count(*)::integer AS count, coalesce(sum(rating), 0) AS sum FROM gone
        ), stats AS (
          UPDATE movie_rating_stats
          SET rating_count = rating_count - delta.count,
              rating_sum = rating_sum - delta.sum,
              bayesian_rating = movie_bayesian_rating(rating_sum - delta.sum, rating_count - delta.count),
              updated_at = now()
          FROM delta
          WHERE movie_id = ${movieId} AND delta.count > 0
        )
        SELECT count(*)::integer AS removed FROM gone`;
      return removed > 0;
    });
    if (removed) await emitRatingsChanged(this.events, new RatingsChangedEvent(userId, movieId, 'removed'));
    return removed;
  }

  /** The user's ratings, most recent first. */
  async list(userId: number, first: number, after?: string): Promise<ConnectionShape<Rating>> {
    const position = after ? decodeCursor(after, MY_RATINGS_CURSOR, 'bigint') : undefined;
    // Cursor key: rated_at in epoch microseconds (exact, unlike a JS Date).
    const ratedAt = position ? Prisma.sql`('epoch'::timestamptz + ${position.key}::bigint * interval '1 microsecond')` : undefined;
    const rows = await this.prisma.$queryRaw<(Rating & { sortKey: string })[]>`
      SELECT movie_id AS "movieId", rating::float8 AS rating, rated_at AS "ratedAt",
             (extract(epoch FROM rated_at) * 1000000)::bigint::text AS "sortKey"
      FROM ratings
      WHERE user_id = ${userId}
        ${ratedAt ? Prisma.sql`AND (rated_at < ${ratedAt} OR (rated_at = ${ratedAt} AND movie_id > ${position!.id}))` : Prisma.empty}
      ORDER BY rated_at DESC, movie_id ASC
      LIMIT ${first + 1}`;
    return toConnection(
      rows,
      first,
      ({ sortKey, ...rating }) => ({ cursor: encodeCursor(MY_RATINGS_CURSOR, { key: sortKey, id: rating.movieId }), node: rating }),
      () => this.prisma.rating.count({ where: { userId } }),
    );
  }

  /** Batch for the loader: the user's ratings of these movies. */
  async ratingsOf(userId: number, movieIds: readonly number[]): Promise<Map<number, Rating>> {
    const rows = await this.prisma.rating.findMany({ where: { userId, movieId: { in: [...movieIds] } } });
    return new Map(rows.map((row) => [row.movieId, { movieId: row.movieId, rating: row.rating, ratedAt: row.ratedAt }]));
  }
}

/**
 * Deletes every rating of the user in the caller's transaction and takes them out of the movies' stats;
 * returns the ids of the movies they rated. Locks those stats rows first, in movie id order (as two such
 * deletions, or one and a rating write, then never wait for each other in a cycle). The caller tells
 * RatingsChangedEvent ('removed') for each movie after COMMIT.
 */
export async function removeAllRatings(tx: Prisma.TransactionClient, userId: number): Promise<number[]> {
  await tx.$queryRaw`
    SELECT s.movie_id FROM movie_rating_stats s
    WHERE s.movie_id IN (SELECT movie_id FROM ratings WHERE user_id = ${userId})
    ORDER BY s.movie_id
    FOR UPDATE`;
  const rows = await tx.$queryRaw<{ movieId: number }[]>`
    WITH gone AS (
      DELETE FROM ratings WHERE user_id = ${userId} RETURNING movie_id, rating
    ), stats AS (
      UPDATE movie_rating_stats s
      SET rating_count = s.rating_count - 1,
          rating_sum = s.rating_sum - gone.rating,
          bayesian_rating = movie_bayesian_rating(s.rating_sum - gone.rating, s.rating_count - 1),
          updated_at = now()
      FROM gone
      WHERE s.movie_id = gone.movie_id
    )
    SELECT movie_id AS "movieId" FROM gone ORDER BY movie_id`;
  return rows.map((row) => row.movieId);
}

/**
 * Locks the movie's stats row until the transaction ends, creating it when missing, and returns the movie;
 * NOT_FOUND when the movie does not exist. Waits while refresh_movie_rating_stats() holds its table lock.
 */
export async function lockMovieStats(tx: Prisma.TransactionClient, movieId: number): Promise<Movie> {
  const [movie] = await tx.$queryRaw<Movie[]>`
    WITH movie AS (
      SELECT id, title, year FROM movies WHERE id = ${movieId}
    ), locked AS (
      INSERT INTO movie_rating_stats (movie_id)
      SELECT id FROM movie
      ON CONFLICT (movie_id) DO UPDATE SET movie_id = excluded.movie_id
      RETURNING movie_id
    )
    SELECT movie.id, movie.title, movie.year FROM movie JOIN locked ON locked.movie_id = movie.id`;
  if (!movie) throw notFound(`No movie with id ${movieId}`);
  return movie;
}
