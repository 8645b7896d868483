import { Injectable } from '@nestjs/common';
import { Prisma } from '@reelrank/prisma';
import { PrismaService } from '../prisma/prisma.service';
import type { Movie } from '../movies/models/movie.model';
import { RATING_PRIOR } from '../movies/rating-prior';

/**
 * Cold start ranks by the damped mean (n·mean + m·μ) / (n + m) with m = 25 pseudo-ratings at the global
 * mean μ, as coldStartRanking of @reelrank/recommender does: a movie needs many good ratings to rank high.
 */
export const COLD_START_DAMPING = 25;

/** Onboarding draws from this many most-rated movies ("well-known"), round-robin over their genres. */
export const ONBOARDING_POOL = 500;

/** Global lists are recomputed at most this often; per-user exclusions (rated and skipped movies) are applied to the cached list. */
const LIST_TTL_MS = 60_000;

/** Length of the cached global lists: the largest page plus room for movies a user already rated or skipped. */
const CACHED_LENGTH = 300;

export interface PopularMovie {
  movie: Movie;
  /** Damped mean rating (cold start score). */
  score: number;
  ratingCount: number;
  averageRating: number;
}

interface CachedList<T> {
  at: number;
  promise: Promise<T[]>;
}

/**
 * Non-personal lists over `movie_rating_stats`, which the API keeps current with every rating: the
 * cold-start ranking (damped mean) and the onboarding movies (well-known, genre-diverse). Both lists
 * are computed once a minute for everyone and cut per user (leaving out the movies they rated or marked
 * "Haven't seen it"); only a user who rated or skipped most of a cached list gets an exact per-user query.
 */
@Injectable()
export class PopularityService {
  private coldStartCache?: CachedList<PopularMovie>;
  private onboardingCache?: CachedList<Movie>;

  constructor(private readonly prisma: PrismaService) {}

  /** The best `first` movies by damped mean that `userId` (if any) has neither rated nor skipped. */
  async coldStart(userId: number | null, first: number): Promise<PopularMovie[]> {
    this.coldStartCache = this.fresh(this.coldStartCache, () => this.coldStartQuery(null, CACHED_LENGTH));
    return this.cut(
      await this.coldStartCache.promise,
      (item) => item.movie.id,
      userId,
      first,
      () => this.coldStartQuery(userId, first),
    );
  }

  /** `first` well-known, genre-diverse movies for a new user to rate, leaving out what `userId` (if any) rated or skipped. */
  async onboarding(userId: number | null, first: number): Promise<Movie[]> {
    this.onboardingCache = this.fresh(this.onboardingCache, () => this.onboardingQuery(null, CACHED_LENGTH));
    return this.cut(
      await this.onboardingCache.promise,
      (movie) => movie.id,
      userId,
      first,
      () => this.onboardingQuery(userId, first),
    );
  }

  /** Drops the cached lists (tests; after bulk imports). */
  clear(): void {
    this.coldStartCache = undefined;
    this.onboardingCache = undefined;
  }

  private fresh<T>(cached: CachedList<T> | undefined, compute: () => Promise<T[]>): CachedList<T> {
    if (cached && Date.now() - cached.at < LIST_TTL_MS) return cached;
    const entry: CachedList<T> = { at: Date.now(), promise: compute() };
    // A failed query is not cached.
    entry.promise.catch(() => {
      if (this.coldStartCache === entry) this.coldStartCache = undefined;
      if (this.onboardingCache === entry) this.onboardingCache = undefined;
    });
    return entry;
  }

  /** The first `first` items of the cached list that the user has neither rated nor skipped; the exact query when too few remain. */
  private async cut<T>(
    list: T[],
    idOf: (item: T) => number,
    userId: number | null,
    first: number,
    exact: () => Promise<T[]>,
  ): Promise<T[]> {
    if (userId === null) return list.slice(0, first);
    const ids = list.map(idOf);
    const excluded = new Set(
      (
        await this.prisma.$queryRaw<{ movieId: number }[]>`
          SELECT movie_id AS "movieId" FROM ratings WHERE user_id = ${userId} AND movie_id = ANY(${ids}::integer[])
          UNION ALL
          SELECT movie_id FROM movie_skips WHERE user_id = ${userId} AND movie_id = ANY(${ids}::integer[])`
      ).map((row) => row.movieId),
    );
    const remaining = list.filter((item) => !excluded.has(idOf(item)));
    // The cached list was cut at CACHED_LENGTH: when it ran short, more such movies may exist beyond it.
    if (remaining.length >= first || list.length < CACHED_LENGTH) return remaining.slice(0, first);
    return exact();
  }

  private notRatedNorSkippedBy(userId: number | null, movieId: Prisma.Sql): Prisma.Sql {
    return userId === null
      ? Prisma.empty
      : Prisma.sql`AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.user_id = ${userId} AND r.movie_id = ${movieId})
                   AND NOT EXISTS (SELECT 1 FROM movie_skips k WHERE k.user_id = ${userId} AND k.movie_id = ${movieId})`;
  }

  private async coldStartQuery(userId: number | null, limit: number): Promise<PopularMovie[]> {
    const rows = await this.prisma.$queryRaw<
      { id: number; title: string; year: number | null; ratingCount: number; ratingSum: number; score: number }[]
    >`
      WITH g AS (
        SELECT coalesce(sum(rating_sum) / nullif(sum(rating_count), 0), ${RATING_PRIOR.mean}::float8) AS mean FROM movie_rating_stats
      )
      SELECT m.id, m.title, m.year, s.rating_count AS "ratingCount", s.rating_sum::float8 AS "ratingSum",
             ((s.rating_sum + g.mean * ${COLD_START_DAMPING}) / (s.rating_count + ${COLD_START_DAMPING}))::float8 AS score
      FROM movie_rating_stats s CROSS JOIN g JOIN movies m ON m.id = s.movie_id
      WHERE s.rating_count > 0 ${this.notRatedNorSkippedBy(userId, Prisma.sql`s.movie_id`)}
      ORDER BY score DESC, s.movie_id
      LIMIT ${limit}`;
    return rows.map((row) => ({
      movie: { id: row.id, title: row.title, year: row.year },
      score: row.score,
      ratingCount: row.ratingCount,
      averageRating: row.ratingSum / row.ratingCount,
    }));
  }

  /**
   * Among the ONBOARDING_POOL most-rated movies: each genre's movies by number of ratings, taken
   * round-robin over the genres (most-rated genres first), each movie once; movies with a damped mean
   * (Movie.bayesianRating) of at least the prior mean come before the others.
   */
  private onboardingQuery(userId: number | null, limit: number): Promise<Movie[]> {
    const { mean, weight } = RATING_PRIOR;
    return this.prisma.$queryRaw<Movie[]>`
      WITH pool AS (
        SELECT s.movie_id, s.rating_count,
               CASE WHEN (s.rating_sum + ${mean * weight}::float8) / (s.rating_count + ${weight}) >= ${mean}::float8 THEN 0 ELSE 1 END AS tier,
               (s.rating_sum + ${mean * weight}::float8) / (s.rating_count + ${weight}) AS bayesian
        FROM movie_rating_stats s
        WHERE s.rating_count > 0 ${this.notRatedNorSkippedBy(userId, Prisma.sql`s.movie_id`)}
        ORDER BY s.rating_count DESC, s.movie_id
        LIMIT ${ONBOARDING_POOL}
      ), genre_order AS (
        SELECT mg.genre_id, row_number() OVER (ORDER BY sum(p.rating_count) DESC, mg.genre_id) AS genre_rank
        FROM movie_genres mg JOIN pool p ON p.movie_id = mg.movie_id
        GROUP BY mg.genre_id
      ), turns AS (
        SELECT p.movie_id, p.tier, go.genre_rank,
               row_number() OVER (PARTITION BY mg.genre_id, p.tier ORDER BY p.rating_count DESC, p.bayesian DESC, p.movie_id) AS round
        FROM pool p JOIN movie_genres mg ON mg.movie_id = p.movie_id JOIN genre_order go ON go.genre_id = mg.genre_id
      ), first_turn AS (
        SELECT DISTINCT ON (movie_id) movie_id, tier, round, genre_rank
        FROM turns WHERE round <= ${limit}
        ORDER BY movie_id, tier, round, genre_rank
      )
      SELECT m.id, m.title, m.year
      FROM first_turn t JOIN movies m ON m.id = t.movie_id
      ORDER BY t.tier, t.round, t.genre_rank, t.movie_id
      LIMIT ${limit}`;
  }
}
