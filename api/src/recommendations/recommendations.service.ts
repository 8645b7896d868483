import { Inject, Injectable } from '@nestjs/common';
import { indexOfId, predictRating, similarItems, type RatingInput } from '@reelrank/recommender';
import { PrismaService } from '../prisma/prisma.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { REVOKED, type TokenClaims } from '../auth/request-auth';
import { unauthenticated } from '../graphql/errors';
import type { Loaders } from '../graphql/loaders';
import type { Movie } from '../movies/models/movie.model';
import { MoviesService } from '../movies/movies.service';
import { OnRatingsChanged, type RatingsChangedEvent } from '../ratings/ratings-changed.event';
import { type ActiveVersion, ActiveModelService, type LoadedModels } from './active-model.service';
import {
  type Recommendation,
  type RecommendationExplanation,
  RecommendationSource,
  type SimilarMovie,
} from './models/recommendation.model';
import { PopularityService } from './popularity.service';
import { type RatingsKey, UserState, UserStateCache } from './user-state.cache';

/** "Because you rated X" names a movie the user rated at least this well. */
export const EXPLANATION_MIN_RATING = 3.5;

/** The model fallback of `similar` leaves out movies with fewer training ratings (their factors are mostly prior). */
export const SIMILAR_MIN_RATINGS = 5;

/**
 * What identifies a user's feedback: their ratings (number, newest `rated_at`) and skips (number, newest
 * `created_at`), times in epoch microseconds as text (exact).
 */
export interface FeedbackCounts {
  ratingCount: number;
  lastRatedAt: string;
  skipCount: number;
  lastSkippedAt: string;
}

/**
 * The key of a user's fold-in state (RatingsKey): `count` is the number of ratings (cold start below
 * RECOMMENDATIONS_MIN_RATINGS); `lastRatedAt`, which the cache only compares for equality, holds the newest
 * rating time and, once the user has skipped movies, the number and newest time of their skips too. Any
 * rating, skip or removal of either changes the key, also when another API instance wrote it, so a cached
 * state is never served after the user's ratings or skips changed.
 */
export function feedbackKey({ ratingCount, lastRatedAt, skipCount, lastSkippedAt }: FeedbackCounts): RatingsKey {
  return { count: ratingCount, lastRatedAt: skipCount === 0 ? lastRatedAt : `${lastRatedAt} skips ${skipCount} ${lastSkippedAt}` };
}

/**
 * One row of the recommendations query: the account's token version (null: no account), the user's ratings and skips (their
 * key) and the active version, plus one precomputed pick (or none).
 */
interface PrecomputedRow extends FeedbackCounts {
  /** The account's token version; null when the account does not exist. */
  tokenVersion: number | null;
  version: string | null;
  snapshotAt: Date | null;
  ratedSince: boolean | null;
  movieId: number | null;
  score: number | null;
  predictedRating: number | null;
  title: string | null;
  year: number | null;
  /** The pick's movie_rating_stats (0 without a row) and whether it has ENRICHED details, to prime the loaders. */
  movieRatingCount: number | null;
  movieRatingSum: number | null;
  enriched: boolean | null;
  becauseMovieId: number | null;
  becauseTitle: string | null;
  becauseYear: number | null;
  becauseRating: number | null;
}

/** "5", "4.5" */
const stars = (rating: number) => `${Number(rating.toFixed(1))}★`;

export const becauseText = (title: string, rating: number | null) =>
  rating === null ? `Because you liked ${title}` : `Because you rated ${title} ${stars(rating)}`;

/**
 * The signed-in user's recommendations, in order of preference:
 *
 * 1. COLD_START without an active model or with fewer than RECOMMENDATIONS_MIN_RATINGS ratings.
 * 2. PRECOMPUTED: the active version's `user_recommendations`, when the user has rated nothing since the
 *    model's snapshot and the list holds at least `first` picks. One indexed query returns the list
 *    together with the user's rating count, newest rating, skips and the active version.
 * 3. FOLD_IN otherwise: the user's current ratings folded into the active implicit model (explicit for the
 *    predicted ratings), all movies scored, rated ones left out. Cached per user until their ratings or
 *    skips change.
 *
 * Every path leaves out the movies the user rated or skipped ("Haven't seen it").
 */
@Injectable()
export class RecommendationsService {
  private readonly minRatings: number;
  private readonly pendingStates = new Map<string, Promise<UserState>>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly activeModels: ActiveModelService,
    private readonly states: UserStateCache,
    private readonly popularity: PopularityService,
    private readonly movies: MoviesService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.minRatings = config.RECOMMENDATIONS_MIN_RATINGS;
    activeModels.onLoaded((version) => this.states.retainVersion(version));
  }

  /** Ratings and skips made through this instance drop the state at once (the key catches other instances' writes). */
  @OnRatingsChanged()
  dropUserState({ userId }: RatingsChangedEvent): void {
    this.states.invalidate(userId);
  }

  /** The user's recommendations; UNAUTHENTICATED when the account does not exist (any more) or the token was revoked. */
  async recommend({ userId, tokenVersion }: TokenClaims, first: number, loaders: Loaders): Promise<Recommendation[]> {
    // The pick's movie (with its card data) and the "because" movie are joined in LATERAL subqueries kept apart
    // by OFFSET 0: each is planned on its own instead of in one eight-way join order search, which took
    // PostgreSQL several times longer to plan than to run this query (it is planned on every call).
    const rows = await this.prisma.$queryRaw<PrecomputedRow[]>`
      WITH mine AS (
        SELECT count(*)::integer AS rating_count, max(rated_at) AS last_rated_at FROM ratings WHERE user_id = ${userId}
      ), skips AS (
        SELECT count(*)::integer AS skip_count, max(created_at) AS last_skipped_at FROM movie_skips WHERE user_id = ${userId}
      )
      SELECT (SELECT token_version FROM users WHERE id = ${userId}) AS "tokenVersion", a.version, a.snapshot_at AS "snapshotAt", mine.last_rated_at > a.snapshot_at AS "ratedSince",
             mine.rating_count AS "ratingCount",
             coalesce((extract(epoch FROM mine.last_rated_at) * 1000000)::bigint, 0)::text AS "lastRatedAt",
             skips.skip_count AS "skipCount",
             coalesce((extract(epoch FROM skips.last_skipped_at) * 1000000)::bigint, 0)::text AS "lastSkippedAt",
             r.movie_id AS "movieId", r.score::float8 AS score, r.predicted_rating::float8 AS "predictedRating",
             c.title, c.year, c.rating_count AS "movieRatingCount", c.rating_sum AS "movieRatingSum", c.enriched,
             r.because_movie_id AS "becauseMovieId", b.title AS "becauseTitle", b.year AS "becauseYear", b.rating AS "becauseRating"
      FROM mine CROSS JOIN skips
      LEFT JOIN LATERAL (
        SELECT a.version, m.snapshot_at FROM active_model a JOIN model_versions m ON m.version = a.version WHERE a.id = 1 OFFSET 0
      ) a ON TRUE
      LEFT JOIN LATERAL (
        SELECT ur.rank, ur.movie_id, ur.score, ur.predicted_rating, ur.because_movie_id
        FROM user_recommendations ur
        WHERE ur.model_version = a.version AND ur.user_id = ${userId}
          AND NOT EXISTS (SELECT 1 FROM ratings x WHERE x.user_id = ${userId} AND x.movie_id = ur.movie_id)
          AND NOT EXISTS (SELECT 1 FROM movie_skips x WHERE x.user_id = ${userId} AND x.movie_id = ur.movie_id)
        ORDER BY ur.rank
        LIMIT ${first}
      ) r ON TRUE
      LEFT JOIN LATERAL (
        SELECT m.title, m.year, coalesce(s.rating_count, 0)::integer AS rating_count, coalesce(s.rating_sum, 0)::float8 AS rating_sum,
               EXISTS (SELECT 1 FROM movie_details d WHERE d.movie_id = m.id AND d.status = 'ENRICHED') AS enriched
        FROM movies m LEFT JOIN movie_rating_stats s ON s.movie_id = m.id
        WHERE m.id = r.movie_id
        OFFSET 0
      ) c ON TRUE
      LEFT JOIN LATERAL (
        SELECT bm.title, bm.year,
               (SELECT br.rating::float8 FROM ratings br WHERE br.user_id = ${userId} AND br.movie_id = bm.id) AS rating
        FROM movies bm
        WHERE bm.id = r.because_movie_id
        OFFSET 0
      ) b ON TRUE
      ORDER BY r.rank`;
    const [head] = rows;
    // The resolver only verified the token (GqlTokenGuard): the account is checked here, in the same statement.
    if (head.tokenVersion === null) throw unauthenticated('The account of this access token no longer exists');
    if (head.tokenVersion !== tokenVersion) throw unauthenticated(REVOKED);
    const active: ActiveVersion | null = head.version ? { version: head.version, snapshotAt: head.snapshotAt! } : null;
    this.activeModels.observe(active);
    const key = feedbackKey(head);
    // Cold start leaves out rated and skipped movies: none to look up for a user without either.
    const coldStart = (models: ActiveVersion | null) =>
      this.coldStart(head.ratingCount + head.skipCount > 0 ? userId : null, userId, first, models, key, loaders);

    if (!active || key.count < this.minRatings) return coldStart(active);
    const precomputed = rows.filter((row) => row.movieId !== null && row.title !== null);
    if (!head.ratedSince && precomputed.length >= first) return this.fromPrecomputed(userId, active, precomputed, loaders);

    const models = await this.activeModels.modelsOf(active.version);
    if (!models) {
      return precomputed.length ? this.fromPrecomputed(userId, active, precomputed, loaders) : coldStart(null);
    }
    const state = await this.userState(userId, models, key);
    if (state.knownRatings === 0) return coldStart(active);
    return this.foldIn(state, first, loaders);
  }

  /** Predicted ratings (explicit model, 0.5..5) of the user for these movies; null without a model or for movies it does not know. */
  async predictedRatings(userId: number, movieIds: readonly number[]): Promise<Map<number, number | null>> {
    const models = await this.activeModels.models();
    if (!models) return new Map();
    const state = await this.userState(userId, models, await this.currentKey(userId));
    return new Map(movieIds.map((id) => [id, indexOfId(models.explicit.itemIds, id) !== undefined ? state.predictedRating(id) : null]));
  }

  /**
   * The `first` most similar movies of each movie: the active version's `similar_movies`, else (a movie
   * without precomputed rows) cosine of the loaded implicit model's item factors; [] without a model.
   */
  async similar(movieIds: readonly number[], first: number, loaders: Loaders): Promise<Map<number, SimilarMovie[]>> {
    const rows = await this.prisma.$queryRaw<
      { movieId: number; similarMovieId: number; score: number; title: string; year: number | null }[]
    >`
      SELECT q.movie_id AS "movieId", s.similar_movie_id AS "similarMovieId", s.score::float8 AS score, m.title, m.year
      FROM unnest(${[...movieIds]}::integer[]) AS q(movie_id)
      CROSS JOIN LATERAL (
        SELECT sm.similar_movie_id, sm.score, sm.rank
        FROM similar_movies sm
        WHERE sm.model_version = (SELECT version FROM active_model WHERE id = 1) AND sm.movie_id = q.movie_id
        ORDER BY sm.rank
        LIMIT ${first}
      ) s
      JOIN movies m ON m.id = s.similar_movie_id
      ORDER BY q.movie_id, s.rank`;
    const result = new Map<number, SimilarMovie[]>();
    for (const row of rows) {
      loaders.movie.prime(row.similarMovieId, { id: row.similarMovieId, title: row.title, year: row.year });
      const list = result.get(row.movieId) ?? [];
      list.push({ movieId: row.similarMovieId, score: row.score });
      result.set(row.movieId, list);
    }
    const missing = movieIds.filter((id) => !result.has(id));
    if (missing.length === 0) return result;
    const models = await this.activeModels.models();
    if (!models) return result;
    const fallback = new Map(
      missing.map(
        (id) => [id, similarItems(models.implicit, id, { k: first, minRatings: SIMILAR_MIN_RATINGS, genres: models.genres })] as const,
      ),
    );
    const movies = await this.loadMovies(
      loaders,
      [...fallback.values()].flatMap((items) => items.map((item) => item.itemId)),
    );
    for (const [id, items] of fallback) {
      result.set(
        id,
        items.filter((item) => movies.has(item.itemId)).map((item) => ({ movieId: item.itemId, score: item.similarity })),
      );
    }
    return result;
  }

  private fromPrecomputed(userId: number, active: ActiveVersion, rows: PrecomputedRow[], loaders: Loaders): Recommendation[] {
    const models = this.activeModels.peek(active.version);
    return rows.map((row) => {
      const movieId = row.movieId!;
      const movie: Movie = { id: movieId, title: row.title!, year: row.year };
      // The query leaves out the movies the user rated or skipped: their rating of a pick is null.
      loaders.primeCard(movie, {
        stats: { ratingCount: row.movieRatingCount!, ratingSum: row.movieRatingSum! },
        enriched: row.enriched,
        notRatedBy: userId,
      });
      let explanation: RecommendationExplanation | null = null;
      if (row.becauseMovieId !== null && row.becauseTitle !== null) {
        const becauseMovie: Movie = { id: row.becauseMovieId, title: row.becauseTitle, year: row.becauseYear };
        loaders.movie.prime(becauseMovie.id, becauseMovie);
        explanation = { text: becauseText(row.becauseTitle, row.becauseRating), becauseMovie, becauseRating: row.becauseRating };
      }
      const predicted =
        row.predictedRating ??
        (models && indexOfId(models.explicit.itemIds, movieId) !== undefined ? predictRating(models.explicit, userId, movieId) : null);
      return { movie, score: row.score!, predictedRating: predicted, explanation, source: RecommendationSource.PRECOMPUTED };
    });
  }

  private async foldIn(state: UserState, first: number, loaders: Loaders): Promise<Recommendation[]> {
    const picks = state.top(first);
    const reasons = picks.map((pick) => state.because(pick.movieId, EXPLANATION_MIN_RATING));
    // The movies with their cards in one query. The state's ratings are the user's current ones (same ratings
    // key), and picks leave them out: the user's rating of a pick is null.
    const picked = new Set(picks.map((pick) => pick.movieId));
    const cards = await this.movies.cardsByIds([...new Set([...picked, ...reasons.flatMap((reason) => (reason ? [reason.movieId] : []))])]);
    for (const [id, card] of cards) {
      loaders.primeCard(card.movie, { stats: card.stats, enriched: card.enriched, notRatedBy: picked.has(id) ? state.userId : null });
    }
    return picks.flatMap((pick, i) => {
      const movie = cards.get(pick.movieId)?.movie;
      if (!movie) return [];
      const reason = reasons[i];
      const becauseMovie = reason ? cards.get(reason.movieId)?.movie : undefined;
      return [
        {
          movie,
          score: pick.score,
          predictedRating: state.predictedRating(pick.movieId),
          explanation:
            reason && becauseMovie
              ? { text: becauseText(becauseMovie.title, reason.rating), becauseMovie, becauseRating: reason.rating }
              : null,
          source: RecommendationSource.FOLD_IN,
        },
      ];
    });
  }

  /** Popular picks; `excludeFor` (the user, or null when they have neither ratings nor skips) leaves out their movies. */
  private async coldStart(
    excludeFor: number | null,
    userId: number,
    first: number,
    active: ActiveVersion | null,
    key: RatingsKey,
    loaders: Loaders,
  ): Promise<Recommendation[]> {
    const [popular, models] = await Promise.all([
      this.popularity.coldStart(excludeFor, first),
      active ? this.activeModels.modelsOf(active.version) : null,
    ]);
    const state = models ? await this.userState(userId, models, key) : null;

    return popular.map(({ movie, score, ratingCount, averageRating }) => {
      // Popular picks leave out what the user rated or skipped (stats are not primed: the list is cached for a minute).
      loaders.primeCard(movie, { notRatedBy: userId });
      return {
        movie,
        score,
        predictedRating: state && indexOfId(state.models.explicit.itemIds, movie.id) !== undefined ? state.predictedRating(movie.id) : null,
        explanation: {
          text: `Popular pick: ${stars(averageRating)} average from ${ratingCount} rating${ratingCount === 1 ? '' : 's'}`,
          becauseMovie: null,
          becauseRating: null,
        },
        source: RecommendationSource.COLD_START,
      };
    });
  }

  /** The user's state for these models, ratings and skips: cached, or built from their current ones. */
  private async userState(userId: number, models: LoadedModels, key: RatingsKey): Promise<UserState> {
    const cached = this.states.get(userId, models.version, key);
    if (cached) return cached;
    const pendingKey = `${userId}:${models.version}:${key.count}:${key.lastRatedAt}`;
    let pending = this.pendingStates.get(pendingKey);
    if (!pending) {
      pending = this.loadState(userId, models).finally(() => this.pendingStates.delete(pendingKey));
      this.pendingStates.set(pendingKey, pending);
    }
    return pending;
  }

  private async loadState(userId: number, models: LoadedModels): Promise<UserState> {
    // Ratings and skips (rating null) in one statement: one snapshot of both.
    const rows = await this.prisma.$queryRaw<{ movieId: number; rating: number | null; at: string }[]>`
      SELECT movie_id AS "movieId", rating::float8 AS rating, (extract(epoch FROM rated_at) * 1000000)::bigint::text AS at
      FROM ratings WHERE user_id = ${userId}
      UNION ALL
      SELECT movie_id, NULL, (extract(epoch FROM created_at) * 1000000)::bigint::text
      FROM movie_skips WHERE user_id = ${userId}`;
    const ratings: RatingInput[] = [];
    const skipped: number[] = [];
    let lastRated = 0n;
    let lastSkipped = 0n;
    for (const { movieId, rating, at } of rows) {
      const time = BigInt(at);
      if (rating === null) {
        skipped.push(movieId);
        if (time > lastSkipped) lastSkipped = time;
      } else {
        ratings.push({ itemId: movieId, rating });
        if (time > lastRated) lastRated = time;
      }
    }
    // The key comes from the very ratings and skips the state is built from, so it can never label newer data.
    const key = feedbackKey({
      ratingCount: ratings.length,
      lastRatedAt: lastRated.toString(),
      skipCount: skipped.length,
      lastSkippedAt: lastSkipped.toString(),
    });
    const state = new UserState(userId, models, key, ratings, skipped);
    this.states.set(state);
    return state;
  }

  private async currentKey(userId: number): Promise<RatingsKey> {
    const [row] = await this.prisma.$queryRaw<FeedbackCounts[]>`
      SELECT r.count AS "ratingCount", coalesce((extract(epoch FROM r.last) * 1000000)::bigint, 0)::text AS "lastRatedAt",
             s.count AS "skipCount", coalesce((extract(epoch FROM s.last) * 1000000)::bigint, 0)::text AS "lastSkippedAt"
      FROM (SELECT count(*)::integer AS count, max(rated_at) AS last FROM ratings WHERE user_id = ${userId}) r
      CROSS JOIN (SELECT count(*)::integer AS count, max(created_at) AS last FROM movie_skips WHERE user_id = ${userId}) s`;
    return feedbackKey(row);
  }

  private async loadMovies(loaders: Loaders, ids: number[]): Promise<Map<number, Movie>> {
    const movies = await loaders.movie.loadMany([...new Set(ids)]);
    return new Map(movies.flatMap((movie) => (movie && !(movie instanceof Error) ? [[movie.id, movie] as const] : [])));
  }
}
