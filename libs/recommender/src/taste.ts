/**
 * The "for you" ranking: one function used by the API, the retrain's precomputed lists and the
 * command line. A person's ratings are folded into both models and blended:
 *
 *     score(i) = cf(i) · exp(genreWeight · max_g∈G(i) signpow(affinity_g, genrePower))
 *                + explicitWeight · (predicted(i) − μ) + popularityWeight · log(1 + n_i) / log(1 + max n)
 *
 * - cf(i): the rating-aware implicit model's score (a low rating is a dislike: evidence against
 *   the movie and the movies like it), scaled so the best unrated movie scores 1;
 * - the genre factor: the profile's affinity for the item's best-matching genre (see genres.ts),
 *   raised to a power so a focused profile (eight animated films loved) moves the list a lot and a
 *   profile like everybody's barely at all; multiplicative, so it re-orders what the collaborative
 *   filter finds plausible instead of promoting unknown movies;
 * - the explicit model's predicted stars above the global mean, which keeps well-liked movies
 *   ahead of merely popular ones;
 * - a popularity prior (n_i: the movie's training ratings): what ten ratings cannot tell apart,
 *   the movies most people have seen decide; a focused profile's genre factor outweighs it.
 *
 * Every weight was chosen with the new-user protocol (README: "Taste").
 */
import { ImplicitFoldIn } from './fold-in';
import { genreAffinity, ItemGenres } from './genres';
import { topK } from './kernel';
import { ExplicitModel, ImplicitModel, indexOfId } from './model';
import { clipRating, scoreItemsMany } from './scoring';
import type { Explanation, RatingInput, UserProfile } from './profile';
import { coldStartRanking, foldInUser, predictRating } from './serving';

export interface TasteModels {
  explicit: ExplicitModel;
  implicit: ImplicitModel;
  /** Genres of the implicit model's items; without them the genre factor is 1. */
  genres?: ItemGenres;
}

export interface TasteParams {
  explicitWeight: number;
  genreWeight: number;
  genrePower: number;
  genrePrior: number;
  popularityWeight: number;
}

export const DEFAULT_TASTE_PARAMS: TasteParams = {
  explicitWeight: 0.8,
  genreWeight: 6,
  genrePower: 4,
  genrePrior: 10,
  popularityWeight: 1,
};

export interface TastePick {
  itemId: number;
  score: number;
  /** The explicit model's predicted rating (0.5..5). */
  predictedRating: number;
  source: 'model' | 'cold-start';
}

/**
 * A person's current ratings folded into both models, with what was derived from them so far: the folded-in
 * factors, never a score per movie (the API caches thousands of profiles; each ranking scores the catalogue anew).
 */
export class TasteProfile {
  readonly rated: Set<number>;
  private implicitFoldIn?: ImplicitFoldIn;
  private explicitFoldIn?: UserProfile;

  constructor(
    readonly models: TasteModels,
    readonly ratings: readonly RatingInput[],
    readonly params: TasteParams = DEFAULT_TASTE_PARAMS,
  ) {
    this.rated = new Set(ratings.map((rating) => rating.itemId));
  }

  get implicit(): ImplicitFoldIn {
    this.implicitFoldIn ??= new ImplicitFoldIn(this.models.implicit, this.ratings);
    return this.implicitFoldIn;
  }

  /** Rated movies the model knows (0: nothing to go on, the list is the cold-start ranking). */
  get knownRatings(): number {
    return this.implicit.profile.items.length;
  }

  predictedRating(itemId: number): number {
    return predictRating(this.models.explicit, this.explicit, itemId);
  }

  /**
   * The top `k` movies that are neither rated nor in `exclude`, best first; `modelScores` are this profile's
   * {@link ModelScores} when already computed (with other profiles' by {@link scoreProfiles}; they are consumed).
   */
  top(k: number, exclude: Iterable<number> = [], modelScores?: ModelScores): TastePick[] {
    const { implicit } = this.models;
    const excluded = new Set<number>();
    for (const id of [...this.rated, ...exclude]) {
      const item = indexOfId(implicit.itemIds, id);
      if (item !== undefined) excluded.add(item);
    }
    if (this.knownRatings === 0) {
      return coldStartRanking(implicit, { k, exclude: [...this.rated, ...exclude] }).map((pick) => ({
        itemId: pick.itemId,
        score: pick.score,
        predictedRating: this.predictedRating(pick.itemId),
        source: 'cold-start',
      }));
    }
    const scores = this.blend(modelScores ?? scoreProfiles([this])[0]);
    return Array.from(
      topK(scores, k, (item) => excluded.has(item)),
      (item) => ({
        itemId: implicit.itemIds[item],
        score: scores[item],
        predictedRating: this.predictedRating(implicit.itemIds[item]),
        source: 'model',
      }),
    );
  }

  /**
   * "Because you rated X": the liked movie (rated at least `minRating`) with the largest share of the
   * implicit score of `itemId`; a disliked movie never has a share. Null when none contributes.
   */
  because(itemId: number, minRating: number): Explanation | null {
    return this.implicit.strongestReason(itemId, Math.max(minRating, this.models.implicit.params.likeThreshold ?? 0));
  }

  /** The explicit model's fold-in of the ratings. */
  get explicit(): UserProfile {
    this.explicitFoldIn ??= foldInUser(this.models.explicit, this.ratings);
    return this.explicitFoldIn;
  }

  /** Whether the blend takes the explicit model's scores of every item (else, models of other items, one by one). */
  get scoresExplicitly(): boolean {
    return this.params.explicitWeight !== 0 && sameIds(this.models.explicit.itemIds, this.models.implicit.itemIds);
  }

  /** The blended score of every item from the models' scores (in place); the cf part is scaled by the best unrated item. */
  private blend(modelScores: ModelScores): Float64Array {
    const { implicit, explicit, genres } = this.models;
    const n = implicit.itemIds.length;
    const scores = modelScores.implicit;
    const rated = new Uint8Array(n);
    for (const item of this.implicit.profile.items) rated[item] = 1;
    let best = 0;
    for (let i = 0; i < n; i++) if (!rated[i] && scores[i] > best) best = scores[i];
    if (best > 0) for (let i = 0; i < n; i++) scores[i] /= best;
    if (genres) {
      const { genreWeight, genrePower, genrePrior } = this.params;
      const affinity = genreAffinity(genres, implicit.itemIds, this.ratings, {
        likeThreshold: implicit.params.likeThreshold || 3.5,
        prior: genrePrior,
      });
      const factor = affinity.map((a) => Math.exp(genreWeight * Math.sign(a) * Math.abs(a) ** genrePower));
      for (let i = 0; i < n; i++) {
        if (!(scores[i] > 0) || genres.indptr[i] === genres.indptr[i + 1]) continue;
        let strongest = 0;
        for (let p = genres.indptr[i]; p < genres.indptr[i + 1]; p++) strongest = Math.max(strongest, factor[genres.indices[p]]);
        scores[i] *= strongest;
      }
    }
    if (this.params.explicitWeight !== 0) {
      const predicted = modelScores.explicit;
      for (let i = 0; i < n; i++) {
        const stars = predicted ? clipRating(predicted[i]) : this.predictedRating(implicit.itemIds[i]);
        scores[i] += this.params.explicitWeight * (stars - explicit.globalMean);
      }
    }
    if (this.params.popularityWeight !== 0) {
      const prior = popularityPrior(implicit.itemCounts);
      for (let i = 0; i < n; i++) scores[i] += this.params.popularityWeight * prior[i];
    }
    return scores;
  }
}

/** A profile's scores of every item by each model, before the blend (explicit: null unless it {@link TasteProfile.scoresExplicitly}). */
export interface ModelScores {
  implicit: Float64Array;
  explicit: Float64Array | null;
}

/**
 * The {@link ModelScores} of profiles of the same models, each model's item factors read once for all of them
 * (publish ranks its users in blocks; one profile alone costs the same as before).
 */
export function scoreProfiles(profiles: readonly TasteProfile[]): ModelScores[] {
  if (profiles.length === 0) return [];
  const { implicit, explicit } = profiles[0].models;
  if (profiles.some((profile) => profile.models.implicit !== implicit || profile.models.explicit !== explicit))
    throw new Error('scoreProfiles: the profiles fold into different models');
  const n = implicit.itemIds.length;
  const scores = profiles.map((profile): ModelScores => ({
    implicit: new Float64Array(n),
    explicit: profile.scoresExplicitly ? new Float64Array(n) : null,
  }));
  scoreItemsMany(
    implicit,
    profiles.map((profile) => profile.implicit.profile),
    scores.map((score) => score.implicit),
  );
  const explicitly = profiles.filter((_, p) => scores[p].explicit);
  scoreItemsMany(
    explicit,
    explicitly.map((profile) => profile.explicit),
    scores.flatMap((score) => (score.explicit ? [score.explicit] : [])),
  );
  return scores;
}

const priorCache = new WeakMap<Int32Array, Float64Array>();

/** log(1 + n_i) / log(1 + max n) of every item, computed once per model (not per person). */
function popularityPrior(itemCounts: Int32Array): Float64Array {
  let prior = priorCache.get(itemCounts);
  if (!prior) {
    let most = 1;
    for (let i = 0; i < itemCounts.length; i++) most = Math.max(most, itemCounts[i]);
    prior = Float64Array.from(itemCounts, (count) => Math.log1p(count) / Math.log1p(most));
    priorCache.set(itemCounts, prior);
  }
  return prior;
}

const sameIdsCache = new WeakMap<Int32Array, WeakMap<Int32Array, boolean>>();

/** Whether two models index the same items (both trained on one snapshot), so scores align by index. */
function sameIds(a: Int32Array, b: Int32Array): boolean {
  let known = sameIdsCache.get(a);
  if (!known) sameIdsCache.set(a, (known = new WeakMap()));
  let same = known.get(b);
  if (same === undefined) {
    same = a.length === b.length && a.every((id, i) => id === b[i]);
    known.set(b, same);
  }
  return same;
}

/** Users' rated items as CSR over a model's dense user and item indices (values: the ratings). */
export interface RatedItems {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Users whose scores {@link tasteLists} computes in one pass over the item factors (8 × 87,000 movies × 2 models: 11 MB). */
const USERS_SCORED_TOGETHER = 8;

/**
 * The "for you" lists of users `start`..`end`−1 (dense indices of the implicit model, their ratings from `rated`),
 * each from one {@link TasteProfile}: the top `k` model picks without their rated and `skipped` movies (external
 * ids, one list per user of the range or null) and, per pick, "because you rated" a movie rated at least
 * `minRating` (−1: none). A user the model cannot rank (cold start) gets no picks.
 */
export function tasteLists(
  models: TasteModels,
  rated: RatedItems,
  start: number,
  end: number,
  k: number,
  skipped: (readonly number[] | null)[],
  minRating: number,
): TasteLists {
  const { implicit } = models;
  const counts = new Int32Array(end - start);
  const items: number[] = [];
  const scores: number[] = [];
  const predicted: number[] = [];
  const because: number[] = [];
  for (let block = start; block < end; block += USERS_SCORED_TOGETHER) {
    const tastes = Array.from({ length: Math.min(end, block + USERS_SCORED_TOGETHER) - block }, (_, b) => {
      const ratings: RatingInput[] = [];
      for (let p = rated.indptr[block + b]; p < rated.indptr[block + b + 1]; p++)
        ratings.push({ itemId: implicit.itemIds[rated.indices[p]], rating: rated.values[p] });
      return new TasteProfile(models, ratings);
    });
    // A user the model cannot rank (cold start) gets no picks: nothing to score.
    const ranked = tastes.flatMap((taste, b) => (taste.knownRatings > 0 ? [{ taste, user: block + b }] : []));
    scoreProfiles(ranked.map(({ taste }) => taste)).forEach((modelScores, r) => {
      const { taste, user } = ranked[r];
      for (const pick of taste.top(k, skipped[user - start] ?? [], modelScores)) {
        counts[user - start]++;
        items.push(pick.itemId);
        scores.push(pick.score);
        predicted.push(pick.predictedRating);
        because.push(taste.because(pick.itemId, minRating)?.itemId ?? -1);
      }
    });
  }
  return {
    counts,
    items: Int32Array.from(items),
    scores: Float64Array.from(scores),
    predicted: Float64Array.from(predicted),
    because: Int32Array.from(because),
  };
}

/** {@link tasteLists}' picks of a range of users, flat in user order (`counts[u − start]` picks each). */
export interface TasteLists {
  counts: Int32Array;
  /** External movie ids. */
  items: Int32Array;
  scores: Float64Array;
  predicted: Float64Array;
  because: Int32Array;
}

/** The "for you" list of a person's ratings: `k` picks, rated movies and `exclude` left out. */
export function recommendForTaste(
  models: TasteModels,
  ratings: readonly RatingInput[],
  options: { k?: number; exclude?: Iterable<number>; params?: TasteParams } = {},
): TastePick[] {
  return new TasteProfile(models, ratings, options.params).top(options.k ?? 10, options.exclude);
}
