import { explainRecommendation, foldInUser, mulberry32, ratingsFromTriplets, trainImplicit, type RatingInput } from '@reelrank/recommender';
import { ImplicitFoldIn } from './fold-in';

describe('ImplicitFoldIn', () => {
  const random = mulberry32(7);
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  for (let user = 1; user <= 120; user++) {
    for (let item = 1; item <= 150; item++) {
      if (random() < 0.12) {
        users.push(user);
        items.push(item * 10);
        values.push(Math.round(random() * 9 + 1) / 2);
      }
    }
  }
  const ratings = ratingsFromTriplets(users, items, values);
  let model: Awaited<ReturnType<typeof trainImplicit>>;

  beforeAll(async () => {
    model = await trainImplicit(ratings, { rank: 8, iterations: 4 });
  });

  const someUser = (): RatingInput[] => [
    { itemId: 10, rating: 5 },
    { itemId: 250, rating: 4 },
    { itemId: 730, rating: 1.5 },
    { itemId: 1200, rating: 3.5 },
    { itemId: 999_999, rating: 5 }, // unknown to the model: ignored
  ];

  it('solves the same user vector as foldInUser', () => {
    const mine = new ImplicitFoldIn(model, someUser());
    const library = foldInUser(model, someUser());
    expect(Array.from(mine.profile.items)).toEqual(Array.from(library.items));
    mine.profile.factors.forEach((value, r) => expect(value).toBeCloseTo(library.factors[r], 10));
  });

  it('splits scores into the same per-rated-item shares as explainRecommendation', () => {
    const mine = new ImplicitFoldIn(model, someUser());
    for (const itemId of [20, 500, 1490, 10]) {
      const expected = explainRecommendation(model, someUser(), itemId, 10);
      const actual = mine.explain(itemId, 10);
      expect(actual.map((share) => share.itemId)).toEqual(expected.map((share) => share.itemId));
      actual.forEach((share, j) => {
        expect(share.rating).toBe(expected[j].rating);
        expect(share.contribution).toBeCloseTo(expected[j].contribution, 10);
      });
    }
  });

  it('finds the strongest highly rated reason as explainRecommendation would list it', () => {
    const mine = new ImplicitFoldIn(model, someUser());
    for (const itemId of [20, 500, 1490, 30, 40]) {
      for (const minRating of [0.5, 3.5, 4.5]) {
        const expected = explainRecommendation(model, someUser(), itemId, 10).find(
          (share) => share.rating >= minRating && share.contribution > 0,
        );
        const actual = mine.strongestReason(itemId, minRating);
        if (!expected) {
          expect(actual).toBeNull();
        } else {
          expect(actual).toMatchObject({ itemId: expected.itemId, rating: expected.rating });
          expect(actual!.contribution).toBeCloseTo(expected.contribution, 10);
        }
      }
    }
  });

  it('gives zero factors and no explanation without known ratings', () => {
    const empty = new ImplicitFoldIn(model, [{ itemId: 424242, rating: 4 }]);
    expect(Array.from(empty.profile.factors)).toEqual(new Array(8).fill(0));
    expect(empty.explain(10)).toEqual([]);
    expect(empty.strongestReason(10, 0.5)).toBeNull();
  });
});
