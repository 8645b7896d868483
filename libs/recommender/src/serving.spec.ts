import { trainExplicit, trainImplicit } from './als';
import { ExplicitModel, ImplicitModel } from './model';
import { itemGenres } from './genres';
import { mulberry32 } from './random';
import type { RatingInput } from './profile';
import { Ratings, ratingsFromTriplets } from './ratings';
import { deserializeModel, serializeModel } from './serialize';
import {
  coldStartRanking,
  explainRecommendation,
  foldInUser,
  predictRating,
  recommend,
  SIMILAR_GENRE_WEIGHT,
  similarItems,
  trainedUserProfile,
} from './serving';

/**
 * Two genres: movies 100..119 (A) and 200..219 (B). Users 1..30 love A and dislike B, users
 * 31..60 the opposite; each rates 8 to 15 movies, four in five from their own genre.
 */
function twoGenreRatings(): Ratings {
  const random = mulberry32(99);
  const u: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  for (let user = 1; user <= 60; user++) {
    const likesA = user <= 30;
    const chosen = new Set<number>();
    const count = 8 + Math.floor(random() * 8);
    while (chosen.size < count) {
      const ownGenre = random() < 0.8;
      chosen.add(Math.floor(random() * 20) + (ownGenre === likesA ? 0 : 20));
    }
    for (const movie of chosen) {
      const isA = movie < 20;
      const liked = isA === likesA;
      u.push(user);
      i.push(isA ? 100 + movie : 200 + movie - 20);
      v.push(liked ? 4 + Math.round(random() * 2) / 2 : 1 + Math.round(random() * 2) / 2);
    }
  }
  return ratingsFromTriplets(u, i, v);
}

const isGenreA = (itemId: number) => itemId < 200;
const countA = (ids: number[]) => ids.filter(isGenreA).length;
const genreRatings = (ids: number[], rating: number): RatingInput[] => ids.map((itemId) => ({ itemId, rating }));

describe('serving helpers', () => {
  const ratings = twoGenreRatings();
  let explicit: ExplicitModel;
  let implicit: ImplicitModel;

  beforeAll(async () => {
    explicit = await trainExplicit(ratings, { rank: 4, lambda: 0.05, pseudoCount: 2, biasLambda: 1, iterations: 60, seed: 1 });
    implicit = await trainImplicit(ratings, { rank: 4, lambda: 0.1, alpha: 2, iterations: 15, seed: 1 });
  });

  it.each(['explicit', 'implicit'] as const)('fold-in moves the %s top list towards newly liked items without retraining', (kind) => {
    const model = kind === 'explicit' ? explicit : implicit;
    const before = genreRatings([100, 101, 102], 5);
    const listBefore = recommend(model, before, { k: 8 }).map((r) => r.itemId);
    expect(countA(listBefore)).toBeGreaterThanOrEqual(6);

    // The same user now also loves many B movies and goes off A.
    const after = [...genreRatings([100, 101, 102], 1.5), ...genreRatings([200, 201, 202, 203, 204, 205, 206], 5)];
    const listAfter = recommend(model, after, { k: 8 }).map((r) => r.itemId);
    expect(countA(listAfter)).toBeLessThanOrEqual(2);
    for (const rated of after) expect(listAfter).not.toContain(rated.itemId);
  });

  it('fold-in of a training user reproduces the trained factors (up to ALS convergence)', () => {
    const userId = 7;
    const own: RatingInput[] = [];
    for (let p = 0; p < ratings.values.length; p++) {
      if (ratings.userIds[ratings.users[p]] === userId) own.push({ itemId: ratings.itemIds[ratings.items[p]], rating: ratings.values[p] });
    }
    const folded = foldInUser(explicit, own);
    const trained = trainedUserProfile(explicit, userId);
    expect(trained).toBeDefined();
    folded.factors.forEach((value, r) => expect(value).toBeCloseTo(trained!.factors[r], 2));
    expect(folded.bias).toBeCloseTo(trained!.bias, 2);
  });

  it.each(['explicit', 'implicit'] as const)('explains a %s recommendation by the rated item contributing most', (kind) => {
    const model = kind === 'explicit' ? explicit : implicit;
    const rated = [...genreRatings([100, 101, 102], 5), ...genreRatings([200], 1)];
    const [top] = recommend(model, rated, { k: 1 });
    const [because] = explainRecommendation(model, rated, top.itemId);
    expect(isGenreA(top.itemId)).toBe(true);
    expect([100, 101, 102]).toContain(because.itemId);
    expect(because.rating).toBe(5);
    expect(because.contribution).toBeGreaterThan(0);
    if (kind === 'implicit') {
      // The contributions add up exactly to the implicit score x_u·y_i.
      const all = explainRecommendation(model, rated, top.itemId, 10);
      expect(all.reduce((s, e) => s + e.contribution, 0)).toBeCloseTo(top.score, 9);
    }
  });

  it('finds similar items of the same genre', () => {
    const similar = similarItems(explicit, 105, { k: 5 }).map((s) => s.itemId);
    expect(similar).toHaveLength(5);
    expect(similar).not.toContain(105);
    expect(countA(similar)).toBeGreaterThanOrEqual(4);
    expect(similarItems(explicit, 999_999)).toEqual([]);
  });

  it('weights similarity by genre overlap when genres are given', () => {
    // Sub-genres the co-ratings cannot see: in A, even ids are "Animation", odd ones "Crime".
    const genresOf = new Map(Array.from(ratings.itemIds, (id) => [id, isGenreA(id) ? ['A', id % 2 === 0 ? 'Animation' : 'Crime'] : ['B']]));
    const genres = itemGenres(implicit.itemIds, implicit.itemCounts, genresOf);
    const plain = similarItems(implicit, 104, { k: 8 }).map((s) => s.itemId);
    const withGenres = similarItems(implicit, 104, { k: 8, genres });
    const even = (ids: number[]) => ids.filter((id) => id % 2 === 0 && isGenreA(id)).length;
    expect(even(withGenres.map((s) => s.itemId))).toBe(8);
    expect(even(plain)).toBeLessThan(8);
    const cosine = similarItems(implicit, 104, { k: 40 }).find((s) => s.itemId === withGenres[0].itemId)!.similarity;
    expect(withGenres[0].similarity).toBeCloseTo(cosine * (1 - SIMILAR_GENRE_WEIGHT + SIMILAR_GENRE_WEIGHT * 1), 12);
  });

  it('falls back for unknown ids instead of failing', () => {
    const unknownUser = predictRating(explicit, 12345, 100);
    const unknownItem = predictRating(explicit, 1, 999_999);
    const both = predictRating(explicit, 12345, 999_999);
    expect(unknownUser).toBeCloseTo(explicit.globalMean + explicit.itemBias[0], 12);
    expect(unknownItem).toBeCloseTo(explicit.globalMean + explicit.userBias[0], 12);
    expect(both).toBeCloseTo(explicit.globalMean, 12);
    const cold = recommend(explicit, [{ itemId: 999_999, rating: 5 }], { k: 3 });
    expect(cold).toHaveLength(3);
    expect(cold.every((r) => r.source === 'cold-start' && Number.isFinite(r.score))).toBe(true);
  });

  it('ranks cold-start items by damped mean rating', () => {
    const model: ImplicitModel = {
      ...implicit,
      itemIds: Int32Array.from([1, 2, 3]),
      itemCounts: Int32Array.from([1, 100, 50]),
      itemMeans: Float64Array.from([5, 4.2, 3]),
      globalMean: 3.5,
    };
    // (n·mean + 25·3.5) / (n + 25): 3.558, 4.06, 3.167
    const ranking = coldStartRanking(model, { k: 3 });
    expect(ranking.map((r) => r.itemId)).toEqual([2, 1, 3]);
    expect(ranking[0].score).toBeCloseTo((420 + 87.5) / 125, 12);
    expect(coldStartRanking(model, { k: 3, exclude: [2] }).map((r) => r.itemId)).toEqual([1, 3]);
    expect(coldStartRanking(model, { k: 3, damping: 0 })[0].itemId).toBe(1);
  });

  it.each(['explicit', 'implicit'] as const)('round-trips a %s model through binary buffers and a JSON manifest', (kind) => {
    const model = kind === 'explicit' ? explicit : implicit;
    const { manifest, files } = serializeModel(model, { metrics: { rmse: 0.84 } });
    const restored = deserializeModel(JSON.parse(JSON.stringify(manifest)), files);
    expect(manifest.counts).toEqual({ users: 60, items: 40, ratings: ratings.values.length });
    expect(files['item-factors.f32'].byteLength).toBe(40 * model.rank * 4);
    expect(restored.kind).toBe(kind);
    expect(restored.params).toEqual(model.params);
    expect(Array.from(restored.itemIds)).toEqual(Array.from(model.itemIds));
    restored.itemFactors.forEach((value, e) => expect(value).toBeCloseTo(model.itemFactors[e], 5));
    if (restored.kind === 'explicit') {
      expect(predictRating(restored, 3, 110)).toBeCloseTo(predictRating(explicit, 3, 110), 4);
    }
    expect(() => deserializeModel(manifest, { ...files, 'item-factors.f32': new Uint8Array(3) })).toThrow(/item-factors/);
  });
});
