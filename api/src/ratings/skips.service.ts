import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Prisma } from '@reelrank/prisma';
import { PrismaService } from '../prisma/prisma.service';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import { badUserInput, notFound } from '../graphql/errors';
import { type ConnectionShape, toConnection } from '../graphql/pagination';
import type { Movie } from '../movies/models/movie.model';
import type { Skip } from './models/skip.model';
import { emitRatingsChanged, RatingsChangedEvent } from './ratings-changed.event';
import { lockMovieStats } from './ratings.service';

const MY_SKIPS_CURSOR = 'skips:SKIPPED_AT';

/** A skip as written, with its movie. */
export interface SkippedMovie {
  skip: Skip;
  movie: Movie;
}

/**
 * "Haven't seen it" marks (`movie_skips`): movies a user has not seen, which recommendations and onboarding
 * leave out for them. A movie is either rated or skipped, never both: a skip of a rated movie is refused,
 * and a rating removes the skip in its own transaction (RatingsService.rate). A skip takes the movie's
 * stats-row lock that rating writes take, so a skip and a rating of the same movie never interleave.
 * Changes are told as RatingsChangedEvent (`skipped`, `unskipped`), whose listeners drop the user's cached
 * recommendation state.
 */
@Injectable()
export class SkipsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Marks the movie as not seen by the user (again: keeps the first mark); NOT_FOUND for an unknown movie,
   * BAD_USER_INPUT (field `movieId`) when the user rated it. Changes nothing on error.
   */
  async skip(userId: number, movieId: number): Promise<SkippedMovie> {
    const { skipped, created } = await this.prisma.$transaction(async (tx) => {
      const movie = await lockMovieStats(tx, movieId);
      const [row] = await tx.$queryRaw<{ rated: boolean; insertedAt: Date | null; existingAt: Date | null }[]>`
        WITH rated AS (
          SELECT 1 FROM ratings WHERE user_id = ${userId} AND movie_id = ${movieId}
        ), inserted AS (
          INSERT INTO movie_skips (user_id, movie_id)
          SELECT ${userId}, ${movieId} WHERE NOT EXISTS (SELECT 1 FROM rated)
          ON CONFLICT (user_id, movie_id) DO NOTHING
          RETURNING created_at
        )
        SELECT EXISTS (SELECT 1 FROM rated) AS rated, (SELECT created_at FROM inserted) AS "insertedAt",
               (SELECT created_at FROM movie_skips WHERE user_id = ${userId} AND movie_id = ${movieId}) AS "existingAt"`;
      if (row.rated) {
        throw badUserInput('movieId', `is a movie you rated (${movie.title}); remove your rating to mark it as not seen`);
      }
      return {
        skipped: { skip: { movieId, skippedAt: (row.insertedAt ?? row.existingAt)! }, movie },
        created: row.insertedAt !== null,
      };
    });
    if (created) await emitRatingsChanged(this.events, new RatingsChangedEvent(userId, movieId, 'skipped'));
    return skipped;
  }

  /** Removes the user's skip of the movie; false when there was none; NOT_FOUND for an unknown movie. */
  async remove(userId: number, movieId: number): Promise<boolean> {
    const [row] = await this.prisma.$queryRaw<{ movieExists: boolean; removed: number }[]>`
      WITH gone AS (
        DELETE FROM movie_skips WHERE user_id = ${userId} AND movie_id = ${movieId} RETURNING movie_id
      )
      SELECT EXISTS (SELECT 1 FROM movies WHERE id = ${movieId}) AS "movieExists", (SELECT count(*)::integer FROM gone) AS removed`;
    if (!row.movieExists) throw notFound(`No movie with id ${movieId}`);
    const removed = row.removed > 0;
    if (removed) await emitRatingsChanged(this.events, new RatingsChangedEvent(userId, movieId, 'unskipped'));
    return removed;
  }

  /** The user's skips, most recent first. */
  async list(userId: number, first: number, after?: string): Promise<ConnectionShape<Skip>> {
    const position = after ? decodeCursor(after, MY_SKIPS_CURSOR, 'bigint') : undefined;
    // Cursor key: created_at in epoch microseconds (exact, unlike a JS Date).
    const createdAt = position ? Prisma.sql`('epoch'::timestamptz + ${position.key}::bigint * interval '1 microsecond')` : undefined;
    const rows = await this.prisma.$queryRaw<(Skip & { sortKey: string })[]>`
      SELECT movie_id AS "movieId", created_at AS "skippedAt",
             (extract(epoch FROM created_at) * 1000000)::bigint::text AS "sortKey"
      FROM movie_skips
      WHERE user_id = ${userId}
        ${createdAt ? Prisma.sql`AND (created_at < ${createdAt} OR (created_at = ${createdAt} AND movie_id > ${position!.id}))` : Prisma.empty}
      ORDER BY created_at DESC, movie_id ASC
      LIMIT ${first + 1}`;
    return toConnection(
      rows,
      first,
      ({ sortKey, ...skip }) => ({ cursor: encodeCursor(MY_SKIPS_CURSOR, { key: sortKey, id: skip.movieId }), node: skip }),
      () => this.prisma.movieSkip.count({ where: { userId } }),
    );
  }

  /** Batch for the loader: which of these movies the user skipped. */
  async skippedOf(userId: number, movieIds: readonly number[]): Promise<Map<number, boolean>> {
    const rows = await this.prisma.movieSkip.findMany({ where: { userId, movieId: { in: [...movieIds] } }, select: { movieId: true } });
    return new Map(rows.map((row) => [row.movieId, true]));
  }
}
