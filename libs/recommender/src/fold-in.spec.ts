import { Matrix, solve } from 'ml-matrix';
import { confidenceOf, trainImplicit } from './als';
import { ImplicitFoldIn } from './fold-in';
import { indexOfId, ImplicitModel } from './model';
import { mulberry32 } from './random';
import { ratingsFromTriplets } from './ratings';
import type { RatingInput } from './profile';

/** x = (YᵀY + λI + Σ_j (c_j − 1)y_jy_jᵀ)⁻¹ Σ_j c_j·p_j·y_j, built densely with ml-matrix; and A for the shares. */
function denseFoldIn(model: ImplicitModel, ratings: RatingInput[]): { x: number[]; a: Matrix } {
  const k = model.rank;
  const y = new Matrix(Array.from({ length: model.itemIds.length }, (_, i) => Array.from(model.itemFactors.subarray(i * k, (i + 1) * k))));
  const a = y.transpose().mmul(y).add(Matrix.eye(k).mul(model.params.lambda));
  const rhs = Matrix.zeros(k, 1);
  for (const { itemId, rating } of ratings) {
    const item = indexOfId(model.itemIds, itemId);
    if (item === undefined) continue;
    const signed = confidenceOf(rating, model.params);
    const row = y.getRowVector(item);
    a.add(
      row
        .transpose()
        .mmul(row)
        .mul(Math.abs(signed) - 1),
    );
    if (signed > 0) rhs.add(row.transpose().mul(signed));
  }
  return { x: solve(a, rhs).getColumn(0), a };
}

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
    model = await trainImplicit(ratings, { rank: 8, iterations: 4, likeThreshold: 3, dislikeWeight: 1 });
  });

  const someUser = (): RatingInput[] => [
    { itemId: 10, rating: 5 },
    { itemId: 250, rating: 4 },
    { itemId: 730, rating: 1.5 },
    { itemId: 1200, rating: 3.5 },
    { itemId: 999_999, rating: 5 }, // unknown to the model: ignored
  ];

  it('solves the training equations of a user, a low rating as a dislike (preference 0)', () => {
    const mine = new ImplicitFoldIn(model, someUser());
    const { x } = denseFoldIn(model, someUser());
    expect(Array.from(mine.profile.items, (item) => model.itemIds[item])).toEqual([10, 250, 730, 1200]);
    mine.profile.factors.forEach((value, r) => expect(value).toBeCloseTo(x[r], 10));
  });

  it('splits each score into per-rated-item shares that add up to it; a disliked movie has none', () => {
    const mine = new ImplicitFoldIn(model, someUser());
    const k = model.rank;
    for (const itemId of [20, 500, 1490, 10]) {
      const shares = mine.explain(itemId, 10);
      const item = indexOfId(model.itemIds, itemId)!;
      let score = 0;
      for (let r = 0; r < k; r++) score += mine.profile.factors[r] * model.itemFactors[item * k + r];
      expect(shares.reduce((sum, share) => sum + share.contribution, 0)).toBeCloseTo(score, 10);
      expect(shares.find((share) => share.itemId === 730)?.contribution).toBe(0);
    }
  });

  it('finds the strongest highly rated reason as the full list of shares ranks it', () => {
    const mine = new ImplicitFoldIn(model, someUser());
    for (const itemId of [20, 500, 1490, 30, 40]) {
      for (const minRating of [0.5, 3.5, 4.5]) {
        const expected = mine.explain(itemId, 10).find((share) => share.rating >= minRating && share.contribution > 0);
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
