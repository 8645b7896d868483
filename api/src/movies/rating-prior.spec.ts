import { averageRating, bayesianAverage, RATING_PRIOR } from './rating-prior';

describe('bayesianAverage (damped mean)', () => {
  it('is the prior mean without ratings', () => {
    expect(bayesianAverage(0, 0)).toBe(RATING_PRIOR.mean);
  });

  it('adds prior.weight pseudo-ratings of prior.mean', () => {
    expect(bayesianAverage(5, 1, { mean: 3, weight: 4 })).toBeCloseTo((5 + 12) / 5, 12);
    expect(bayesianAverage(40, 10, { mean: 3.5, weight: 10 })).toBeCloseTo(3.75, 12);
  });

  it('ranks a few perfect ratings below many very good ones', () => {
    const oneFiveStar = bayesianAverage(5, 1);
    const manyGood = bayesianAverage(4.2 * 200, 200);
    expect(oneFiveStar).toBeCloseTo(40 / 11, 12);
    expect(manyGood).toBeGreaterThan(oneFiveStar);
  });

  it('tends to the plain mean as ratings accumulate', () => {
    expect(bayesianAverage(4.5 * 1e6, 1e6)).toBeCloseTo(4.5, 4);
  });

  it('rejects a negative count or a non-positive prior weight', () => {
    expect(() => bayesianAverage(0, -1)).toThrow(RangeError);
    expect(() => bayesianAverage(1, 1, { mean: 3, weight: 0 })).toThrow(RangeError);
  });
});

describe('averageRating', () => {
  it('is the plain mean, or null without ratings', () => {
    expect(averageRating(9, 2)).toBe(4.5);
    expect(averageRating(0, 0)).toBeNull();
  });
});
