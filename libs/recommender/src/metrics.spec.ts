import { averagePrecisionAtK, catalogCoverage, mae, meanAndStd, ndcgAtK, precisionAtK, recallAtK, rmse } from './metrics';

describe('accuracy metrics', () => {
  it('computes RMSE and MAE by hand', () => {
    // errors: 1, -2, 0, 0.5
    const predicted = [4, 1, 3, 2.5];
    const actual = [3, 3, 3, 2];
    expect(rmse(predicted, actual)).toBeCloseTo(Math.sqrt((1 + 4 + 0 + 0.25) / 4), 12);
    expect(mae(predicted, actual)).toBeCloseTo((1 + 2 + 0 + 0.5) / 4, 12);
    expect(rmse([], [])).toBe(0);
  });

  it('reports mean and sample standard deviation', () => {
    const { mean, std } = meanAndStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    expect(std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(meanAndStd([3])).toEqual({ mean: 3, std: 0 });
  });
});

describe('ranking metrics', () => {
  // Hits at ranks 1, 3 and 4 of a top-5 list; 4 relevant items in total (one never recommended).
  const recommended = [10, 20, 30, 40, 50];
  const relevant = new Set([10, 30, 40, 99]);

  it('precision@k counts hits over k', () => {
    expect(precisionAtK(recommended, relevant, 5)).toBeCloseTo(3 / 5, 12);
    expect(precisionAtK(recommended, relevant, 2)).toBeCloseTo(1 / 2, 12);
    expect(precisionAtK([10], relevant, 5)).toBeCloseTo(1 / 5, 12);
  });

  it('recall@k counts hits over the relevant items', () => {
    expect(recallAtK(recommended, relevant, 5)).toBeCloseTo(3 / 4, 12);
    expect(recallAtK(recommended, relevant, 1)).toBeCloseTo(1 / 4, 12);
    expect(recallAtK(recommended, new Set(), 5)).toBe(0);
  });

  it('NDCG@k uses 1/log2(rank+1) gains and the ideal ordering', () => {
    const dcg = 1 / Math.log2(2) + 1 / Math.log2(4) + 1 / Math.log2(5);
    const ideal = 1 / Math.log2(2) + 1 / Math.log2(3) + 1 / Math.log2(4) + 1 / Math.log2(5);
    expect(ndcgAtK(recommended, relevant, 5)).toBeCloseTo(dcg / ideal, 12);
    // k=3: ideal has min(3, 4) = 3 hits.
    const dcg3 = 1 + 1 / Math.log2(4);
    const ideal3 = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAtK(recommended, relevant, 3)).toBeCloseTo(dcg3 / ideal3, 12);
    expect(ndcgAtK([10, 30, 40, 99], relevant, 4)).toBeCloseTo(1, 12);
  });

  it('MAP@k averages precision at each hit over min(k, |relevant|)', () => {
    const ap = (1 / 1 + 2 / 3 + 3 / 4) / 4;
    expect(averagePrecisionAtK(recommended, relevant, 5)).toBeCloseTo(ap, 12);
    expect(averagePrecisionAtK(recommended, relevant, 2)).toBeCloseTo(1 / 2, 12);
    expect(averagePrecisionAtK([1, 2], relevant, 2)).toBe(0);
  });

  it('catalogue coverage counts distinct items in the top k over the catalogue', () => {
    const lists = [
      [1, 2, 3],
      [2, 3, 4],
      [9, 9, 9],
    ];
    expect(catalogCoverage(lists, 10, 2)).toBeCloseTo(4 / 10, 12); // {1,2,3,9}
    expect(catalogCoverage(lists, 10, 3)).toBeCloseTo(5 / 10, 12);
  });
});
