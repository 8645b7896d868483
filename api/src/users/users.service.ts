import { Injectable } from '@nestjs/common';
import { Prisma, UserRole, UserSource } from '@reelrank/prisma';
import { confusableSkeleton, isNonAscii } from '../auth/email-address';
import { PrismaService } from '../prisma/prisma.service';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import { badUserInput } from '../graphql/errors';
import { type ConnectionShape, toConnection } from '../graphql/pagination';
import type { User } from './models/user.model';

/** The columns of a User: all but the password hash and the email skeleton. */
const PUBLIC_FIELDS = { id: true, email: true, displayName: true, role: true, source: true, createdAt: true, tokenVersion: true } as const;
const USERS_CURSOR = 'users:ID';

/** Advisory lock class ("LOOK") of sign-ups, keyed by the hash of the address's skeleton. */
const LOOK_ALIKE_LOCK = 0x4c4f4f4b;

/** Rows given their email skeleton per statement by backfillEmailSkeletons. */
const SKELETON_BATCH = 500;

export interface Credentials {
  user: User;
  passwordHash: string | null;
}

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Runs for every authenticated request (GqlAuthGuard): one plain SQL statement, which costs the API about
   * half the CPU of the equivalent `findUnique` (whose query Prisma's client builds and interprets).
   */
  async findById(id: number): Promise<User | null> {
    const [user] = await this.prisma.$queryRaw<User[]>`
      SELECT id, email, display_name AS "displayName", role::text AS role, source::text AS source, created_at AS "createdAt",
             token_version AS "tokenVersion"
      FROM users WHERE id = ${id}`;
    return user ?? null;
  }

  /** The account of this email or id with its password hash; null when there is none. */
  async findCredentials(where: { email: string } | { id: number }): Promise<Credentials | null> {
    const row = await this.prisma.user.findUnique({ where, select: { ...PUBLIC_FIELDS, passwordHash: true } });
    if (!row) return null;
    const { passwordHash, ...user } = row;
    return { user, passwordHash };
  }

  /**
   * Creates a SIGNUP user; BAD_USER_INPUT (field `input.email`) when the address looks like an existing
   * account's (lookAlikeExists); throws Prisma P2002 when the email is taken.
   */
  createSignUp(data: { email: string; passwordHash: string; displayName: string | null }): Promise<User> {
    const emailSkeleton = confusableSkeleton(data.email);
    return this.prisma.$transaction(async (tx) => {
      // Sign-ups of look-alike addresses take turns, so two of them cannot both pass the check.
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${LOOK_ALIKE_LOCK}::integer, hashtext(${emailSkeleton}))::text`;
      if (await lookAlikeExists(tx, data.email, emailSkeleton)) {
        throw badUserInput('input.email', 'looks like the address of an existing account; use another address');
      }
      return tx.user.create({
        data: { ...data, emailSkeleton, source: UserSource.SIGNUP, role: UserRole.USER },
        select: PUBLIC_FIELDS,
      });
    });
  }

  /**
   * Gives accounts created before email skeletons were stored theirs, a batch at a time; returns how many
   * it filled. Until then such an account is not seen by the look-alike check.
   */
  async backfillEmailSkeletons(): Promise<number> {
    let filled = 0;
    for (;;) {
      const rows = await this.prisma.$queryRaw<{ id: number; email: string }[]>`
        SELECT id, email FROM users WHERE email IS NOT NULL AND email_skeleton IS NULL ORDER BY id LIMIT ${SKELETON_BATCH}`;
      if (rows.length === 0) return filled;
      await this.prisma.$executeRaw`
        UPDATE users SET email_skeleton = t.skeleton
        FROM unnest(${rows.map((row) => row.id)}::integer[], ${rows.map((row) => confusableSkeleton(row.email))}::text[]) AS t(id, skeleton)
        WHERE users.id = t.id`;
      filled += rows.length;
    }
  }

  /**
   * Makes sure an ADMIN account with this email exists: creates it with `passwordHash()` when missing,
   * otherwise only promotes it (an existing password is kept). Safe to run concurrently.
   */
  async ensureAdmin(email: string, passwordHash: () => Promise<string>): Promise<'created' | 'promoted' | 'unchanged'> {
    const existing = await this.prisma.user.findUnique({ where: { email }, select: { id: true, role: true } });
    if (!existing) {
      try {
        await this.prisma.user.create({
          data: {
            email,
            emailSkeleton: confusableSkeleton(email),
            passwordHash: await passwordHash(),
            role: UserRole.ADMIN,
            source: UserSource.SIGNUP,
          },
        });
        return 'created';
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
        return this.ensureAdmin(email, passwordHash);
      }
    }
    if (existing.role === UserRole.ADMIN) return 'unchanged';
    await this.prisma.user.update({ where: { id: existing.id }, data: { role: UserRole.ADMIN } });
    return 'promoted';
  }

  /** All users by id (admin listing). */
  async list(first: number, after?: string): Promise<ConnectionShape<User>> {
    const position = after ? decodeCursor(after, USERS_CURSOR, null) : undefined;
    const rows = await this.prisma.user.findMany({
      where: position ? { id: { gt: position.id } } : undefined,
      orderBy: { id: 'asc' },
      take: first + 1,
      select: PUBLIC_FIELDS,
    });
    return toConnection(
      rows,
      first,
      (user) => ({ cursor: encodeCursor(USERS_CURSOR, { key: null, id: user.id }), node: user }),
      () => this.prisma.user.count(),
    );
  }
}

/**
 * True when another account's address has the same confusable skeleton as `email` and one of the two has a
 * character outside ASCII: "соре" (Cyrillic) next to "cope". Two ASCII addresses never count: their
 * skeletons also join "l" and "1" or "rn" and "m", which people type on purpose.
 */
async function lookAlikeExists(tx: Prisma.TransactionClient, email: string, emailSkeleton: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ exists: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM users
      WHERE email_skeleton = ${emailSkeleton} AND email <> ${email} AND (${isNonAscii(email)} OR email ~ '[^\x01-\x7f]')
    ) AS exists`;
  return row.exists;
}
