import { Inject, Injectable } from '@nestjs/common';
import { TasteProfile, type RatingInput } from '@reelrank/recommender';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import type { LoadedModels } from './active-model.service';

/**
 * What identifies the ratings a state was computed from: their number and the newest `rated_at` (epoch
 * microseconds, exact). Any rating, re-rating or removal changes it, also when another API instance
 * wrote it, so a cached state is never served for changed ratings.
 */
export interface RatingsKey {
  count: number;
  lastRatedAt: string;
}

export const sameRatings = (a: RatingsKey, b: RatingsKey) => a.count === b.count && a.lastRatedAt === b.lastRatedAt;

export interface RankedItem {
  movieId: number;
  score: number;
}

/** A user's current ratings folded into one model version (the engine's taste ranking), with what was derived from them so far. */
export class UserState {
  readonly taste: TasteProfile;
  private ranking?: { k: number; items: RankedItem[] };
  private readonly explanations = new Map<number, { movieId: number; rating: number } | null>();

  constructor(
    readonly userId: number,
    readonly models: LoadedModels,
    readonly key: RatingsKey,
    readonly ratings: RatingInput[],
    /** Movies the user marked "Haven't seen it": never recommended. */
    readonly skipped: readonly number[],
  ) {
    this.taste = new TasteProfile(models, ratings);
  }

  get rated(): ReadonlySet<number> {
    return this.taste.rated;
  }

  /** Number of rated movies the model knows (0: fold-in has nothing to go on). */
  get knownRatings(): number {
    return this.taste.knownRatings;
  }

  /** Predicted rating (explicit model, 0.5..5) of a movie from the folded-in explicit profile. */
  predictedRating(movieId: number): number {
    return this.taste.predictedRating(movieId);
  }

  /** The top `k` movies neither rated nor skipped, best first (memoized; a larger k recomputes). */
  top(k: number): RankedItem[] {
    if (!this.ranking || this.ranking.k < k) {
      const picks = this.taste.top(k, this.skipped);
      this.ranking = { k, items: picks.map((pick) => ({ movieId: pick.itemId, score: pick.score })) };
    }
    return this.ranking.items.slice(0, k);
  }

  /**
   * The liked movie (rated at least `minRating`) that contributes most to `movieId`'s score, with
   * the user's rating; null when no such movie contributes positively. Never a disliked movie.
   */
  because(movieId: number, minRating: number): { movieId: number; rating: number } | null {
    if (!this.explanations.has(movieId)) {
      const best = this.taste.because(movieId, minRating);
      this.explanations.set(movieId, best ? { movieId: best.itemId, rating: best.rating } : null);
    }
    return this.explanations.get(movieId) ?? null;
  }
}

/**
 * Per-user fold-in states, least recently used first out, at most RECOMMENDATIONS_CACHE_SIZE users for
 * RECOMMENDATIONS_CACHE_SECONDS each. A state is only reused for the same model version and the same
 * ratings key; rating mutations also drop the user's state at once (invalidate).
 */
@Injectable()
export class UserStateCache {
  private readonly states = new Map<number, { state: UserState; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxSize: number;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.ttlMs = config.RECOMMENDATIONS_CACHE_SECONDS * 1000;
    this.maxSize = config.RECOMMENDATIONS_CACHE_SIZE;
  }

  get(userId: number, version: string, key: RatingsKey): UserState | undefined {
    const entry = this.states.get(userId);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now() || entry.state.models.version !== version || !sameRatings(entry.state.key, key)) {
      this.states.delete(userId);
      return undefined;
    }
    this.states.delete(userId);
    this.states.set(userId, entry);
    return entry.state;
  }

  set(state: UserState): void {
    if (this.maxSize === 0 || this.ttlMs === 0) return;
    this.states.delete(state.userId);
    this.states.set(state.userId, { state, expiresAt: Date.now() + this.ttlMs });
    while (this.states.size > this.maxSize) this.states.delete(this.states.keys().next().value!);
  }

  /** Drops the states of other model versions (they would keep those models in memory). */
  retainVersion(version: string): void {
    for (const [userId, entry] of this.states) if (entry.state.models.version !== version) this.states.delete(userId);
  }

  invalidate(userId: number): void {
    this.states.delete(userId);
  }

  clear(): void {
    this.states.clear();
  }

  get size(): number {
    return this.states.size;
  }
}
