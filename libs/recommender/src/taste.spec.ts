import { trainExplicit, trainImplicit } from './als';
import { itemGenres } from './genres';
import { ExplicitModel, ImplicitModel } from './model';
import { mulberry32 } from './random';
import { ratingsFromTriplets } from './ratings';
import { recommendForTaste, scoreProfiles, TasteModels, TasteProfile } from './taste';

/**
 * Two tastes: movies 1..20 (genre "Animation") and 101..120 ("Crime"). Each of 80 users loves one
 * side (4.5-5★ on ~60 % of it) and rates a few of the other side 1-2★; movies 1 and 101 are rated
 * by everybody, so plain popularity cannot tell the tastes apart.
 */
function twoTastes() {
  const random = mulberry32(11);
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  for (let user = 1; user <= 80; user++) {
    const loved = user % 2 === 0 ? 0 : 100;
    const other = 100 - loved;
    for (let m = 1; m <= 20; m++) {
      if (m === 1 || random() < 0.6) {
        users.push(user);
        items.push(loved + m);
        values.push(random() < 0.5 ? 5 : 4.5);
      }
      if (m === 1 || random() < 0.15) {
        users.push(user);
        items.push(other + m);
        values.push(random() < 0.5 ? 1 : 2);
      }
    }
  }
  return ratingsFromTriplets(users, items, values);
}

/** Bytes of the largest typed array reachable from `value` without passing through `shared` objects. */
function largestArrayHeld(value: unknown, shared: Set<object>, seen = new Set<object>()): number {
  if (value === null || typeof value !== 'object' || shared.has(value) || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  const children = value instanceof Map || value instanceof Set ? [...value.values()] : Object.values(value);
  return Math.max(0, ...children.map((child) => largestArrayHeld(child, shared, seen)));
}

describe('taste ranking', () => {
  let models: TasteModels;
  let explicit: ExplicitModel;
  let implicit: ImplicitModel;

  beforeAll(async () => {
    const ratings = twoTastes();
    implicit = await trainImplicit(ratings, { rank: 4, lambda: 5, iterations: 8 });
    explicit = await trainExplicit(ratings, { rank: 4, iterations: 8 });
    const genresOf = new Map<number, string[]>();
    for (let m = 1; m <= 20; m++) {
      genresOf.set(m, ['Animation']);
      genresOf.set(100 + m, ['Crime']);
    }
    models = { explicit, implicit, genres: itemGenres(implicit.itemIds, implicit.itemCounts, genresOf) };
  });

  const side = (ids: number[]) => ids.map((id) => (id > 100 ? 'crime' : 'animation'));

  it('ranks the loved side first, and a 2★ pushes the movies like it down', () => {
    const lovesAnimation = recommendForTaste(models, [{ itemId: 2, rating: 5 }], { k: 5 });
    expect(side(lovesAnimation.map((pick) => pick.itemId))).toEqual(Array(5).fill('animation'));
    const dislikesAnimation = recommendForTaste(models, [{ itemId: 2, rating: 2 }], { k: 5 });
    expect(side(dislikesAnimation.map((pick) => pick.itemId))).toEqual(Array(5).fill('crime'));
  });

  it('with collaborative evidence alone (no genres), a 2★ still ranks that side lower than a 5★', async () => {
    const plain = { explicit, implicit };
    const rankOfAnimation = (rating: number) => {
      const picks = recommendForTaste(plain, [{ itemId: 2, rating }], { k: 38 }).map((pick) => pick.itemId);
      return picks.findIndex((id) => id <= 20);
    };
    expect(rankOfAnimation(5)).toBe(0);
    expect(rankOfAnimation(2)).toBeGreaterThan(10);
  });

  it('never returns a rated or excluded (skipped) movie, even the best one', () => {
    const best = recommendForTaste(models, [{ itemId: 2, rating: 5 }], { k: 1 })[0].itemId;
    const picks = recommendForTaste(models, [{ itemId: 2, rating: 5 }], { k: 40, exclude: [best] }).map((pick) => pick.itemId);
    expect(picks).not.toContain(best);
    expect(picks).not.toContain(2);
    expect(new Set(picks).size).toBe(picks.length);
  });

  it('explains a pick by a liked movie, never by a disliked one', () => {
    const profile = new TasteProfile(models, [
      { itemId: 2, rating: 5 },
      { itemId: 3, rating: 4.5 },
      { itemId: 102, rating: 1 },
    ]);
    for (const pick of profile.top(5)) {
      const reason = profile.because(pick.itemId, 3.5);
      expect(reason === null || [2, 3].includes(reason.itemId)).toBe(true);
    }
    expect(profile.because(103, 0.5)?.itemId).not.toBe(102);
  });

  it('falls back to the cold-start ranking when no rated movie is known to the model', () => {
    const picks = recommendForTaste(models, [{ itemId: 99_999, rating: 5 }], { k: 3 });
    expect(picks).toHaveLength(3);
    expect(picks.every((pick) => pick.source === 'cold-start')).toBe(true);
  });

  it('keeps nothing the size of the catalogue once it has ranked and explained (the API caches thousands of profiles)', () => {
    const profile = new TasteProfile(models, [
      { itemId: 2, rating: 5 },
      { itemId: 102, rating: 1 },
    ]);
    const picks = profile.top(10);
    profile.because(picks[0].itemId, 3.5);
    profile.predictedRating(picks[0].itemId);
    expect(profile.top(10)).toEqual(picks);
    const catalogueBytes = implicit.itemIds.length * Float64Array.BYTES_PER_ELEMENT;
    expect(largestArrayHeld(profile, new Set<object>([models, explicit, implicit, models.genres as object]))).toBeLessThan(catalogueBytes);
  });

  it('scores profiles together exactly as one by one, and ranks the same with those scores', () => {
    const profiles = [
      [{ itemId: 2, rating: 5 }],
      [
        { itemId: 102, rating: 4.5 },
        { itemId: 3, rating: 1 },
      ],
      [{ itemId: 5, rating: 3 }],
    ].map((ratings) => new TasteProfile(models, ratings));
    const together = scoreProfiles(profiles);
    const alone = profiles.map((profile) => scoreProfiles([profile])[0]);
    expect(together).toEqual(alone);
    const dot = (user: Float64Array, item: number) =>
      user.reduce((sum, x, r) => sum + x * implicit.itemFactors[item * implicit.rank + r], 0);
    expect(together[1].implicit[7]).toBeCloseTo(dot(profiles[1].implicit.profile.factors, 7), 12);
    profiles.forEach((profile, p) => expect(profile.top(5, [], together[p])).toEqual(profile.top(5)));
  });

  it('refuses to score profiles of different models together', () => {
    const other = { ...models, implicit: { ...implicit } };
    const profiles = [new TasteProfile(models, [{ itemId: 2, rating: 5 }]), new TasteProfile(other, [{ itemId: 2, rating: 5 }])];
    expect(() => scoreProfiles(profiles)).toThrow(/different models/);
  });

  it('predicts ratings on the 0.5..5 scale from the explicit model', () => {
    const profile = new TasteProfile(models, [{ itemId: 2, rating: 5 }]);
    expect(profile.predictedRating(3)).toBeGreaterThan(profile.predictedRating(103));
    expect(profile.predictedRating(3)).toBeLessThanOrEqual(5);
  });
});
