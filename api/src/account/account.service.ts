import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { UserRole } from '@reelrank/prisma';
import { stringify } from 'csv-stringify';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuthService } from '../auth/auth.service';
import type { AuthPayload } from '../auth/models/auth-payload.model';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { badUserInput, forbidden, unauthenticated } from '../graphql/errors';
import { PrismaService } from '../prisma/prisma.service';
import { emitRatingsChanged, RatingsChangedEvent } from '../ratings/ratings-changed.event';
import { removeAllRatings } from '../ratings/ratings.service';
import type { User } from '../users/models/user.model';
import { UsersService } from '../users/users.service';

/** Ratings read per statement while a CSV export streams. */
const EXPORT_BATCH = 1000;

/** The columns of the ratings export, in order. */
export const RATINGS_CSV_COLUMNS = ['movieId', 'title', 'rating', 'ratedAt'] as const;

/** What the signed-in user does with their own account: change its password, delete it, export their ratings. */
@Injectable()
export class AccountService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Sets a new password when `currentPassword` is right (BAD_USER_INPUT `input.currentPassword` otherwise) and
   * increments the token version, which revokes every access token issued before; returns a new session.
   */
  async changePassword(user: User, currentPassword: string, newPassword: string): Promise<AuthPayload> {
    await this.checkPassword(user.id, currentPassword, 'input.currentPassword');
    const passwordHash = await hashPassword(newPassword);
    // Only from the token version the caller's token has: a concurrent change with the same token loses.
    const [changed] = await this.prisma.$queryRaw<{ tokenVersion: number }[]>`
      UPDATE users SET password_hash = ${passwordHash}, token_version = token_version + 1
      WHERE id = ${user.id} AND token_version = ${user.tokenVersion}
      RETURNING token_version AS "tokenVersion"`;
    if (!changed) throw unauthenticated('The password was changed meanwhile: sign in again');
    return this.auth.session({ ...user, tokenVersion: changed.tokenVersion });
  }

  /**
   * Deletes the account with its ratings (taken out of the movies' stats), skips, tags and precomputed
   * recommendations in one transaction, when `password` is right (BAD_USER_INPUT `password` otherwise). The
   * last admin cannot (FORBIDDEN). Tells RatingsChangedEvent for each rating and skip after COMMIT, so per-user
   * caches drop the account's state; its access tokens are refused from then on (the account is gone).
   */
  async deleteAccount(user: User, password: string): Promise<void> {
    await this.checkPassword(user.id, password, 'password');
    const { ratedMovies, skippedMovies } = await this.prisma.$transaction(async (tx) => {
      // The account's row, and every admin's, locked in id order: two admins deleting themselves at once
      // cannot both see the other one left, nor deadlock.
      const rows = await tx.$queryRaw<{ id: number; role: UserRole }[]>`
        SELECT id, role::text AS role FROM users WHERE id = ${user.id} OR role = 'ADMIN' ORDER BY id FOR UPDATE`;
      const own = rows.find((row) => row.id === user.id);
      if (!own) throw unauthenticated('The account of this access token no longer exists');
      if (own.role === UserRole.ADMIN && rows.every((row) => row.id === user.id || row.role !== UserRole.ADMIN)) {
        throw forbidden('You are the only admin: make another account an admin before deleting yours');
      }
      const ratedMovies = await removeAllRatings(tx, user.id);
      const skips = await tx.$queryRaw<{ movieId: number }[]>`
        DELETE FROM movie_skips WHERE user_id = ${user.id} RETURNING movie_id AS "movieId"`;
      // No foreign key (a model version's lists outlive accounts): deleted here.
      await tx.$executeRaw`DELETE FROM user_recommendations WHERE user_id = ${user.id}`;
      // Tags go with the account (ON DELETE CASCADE).
      await tx.$executeRaw`DELETE FROM users WHERE id = ${user.id}`;
      return { ratedMovies, skippedMovies: skips.map((skip) => skip.movieId) };
    });
    for (const movieId of ratedMovies) await emitRatingsChanged(this.events, new RatingsChangedEvent(user.id, movieId, 'removed'));
    for (const movieId of skippedMovies) await emitRatingsChanged(this.events, new RatingsChangedEvent(user.id, movieId, 'unskipped'));
  }

  /**
   * Writes the user's ratings to `out` as CSV (header `movieId,title,rating,ratedAt`, ratedAt in ISO 8601 UTC),
   * by movie id. Rows are read a batch at a time as `out` takes them, so a long history streams in constant
   * memory; resolves when `out` has it all, rejects (and destroys `out`) when either side fails.
   */
  writeRatingsCsv(userId: number, out: Writable): Promise<void> {
    return pipeline(Readable.from(this.ratingRows(userId)), stringify({ header: true, columns: [...RATINGS_CSV_COLUMNS] }), out);
  }

  private async *ratingRows(userId: number): AsyncGenerator<Record<(typeof RATINGS_CSV_COLUMNS)[number], string | number>> {
    let after = 0;
    for (;;) {
      const rows = await this.prisma.$queryRaw<{ movieId: number; title: string; rating: number; ratedAt: Date }[]>`
        SELECT r.movie_id AS "movieId", m.title, r.rating::float8 AS rating, r.rated_at AS "ratedAt"
        FROM ratings r JOIN movies m ON m.id = r.movie_id
        WHERE r.user_id = ${userId} AND r.movie_id > ${after}
        ORDER BY r.movie_id
        LIMIT ${EXPORT_BATCH}`;
      for (const row of rows) yield { ...row, ratedAt: row.ratedAt.toISOString() };
      if (rows.length < EXPORT_BATCH) return;
      after = rows[rows.length - 1].movieId;
    }
  }

  private async checkPassword(userId: number, password: string, field: string): Promise<void> {
    const credentials = await this.users.findCredentials({ id: userId });
    if (!(await verifyPassword(credentials?.passwordHash ?? null, password))) throw badUserInput(field, 'is not your current password');
  }
}
