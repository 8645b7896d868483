/**
 * Accuracy and ranking metrics. Ranking metrics use binary relevance: an item is relevant when it
 * is in the user's held-out set. `recommended` is best-first and only its first k entries count.
 */

export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let r = 0; r < actual.length; r++) sum += (predicted[r] - actual[r]) ** 2;
  return actual.length > 0 ? Math.sqrt(sum / actual.length) : 0;
}

export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let r = 0; r < actual.length; r++) sum += Math.abs(predicted[r] - actual[r]);
  return actual.length > 0 ? sum / actual.length : 0;
}

function hitsAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  for (let rank = 0; rank < Math.min(k, recommended.length); rank++) if (relevant.has(recommended[rank])) hits++;
  return hits;
}

/** Hits in the top k divided by k (a short list is not rewarded). */
export function precisionAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  return hitsAtK(recommended, relevant, k) / k;
}

/** Hits in the top k divided by the number of relevant items. */
export function recallAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  return relevant.size > 0 ? hitsAtK(recommended, relevant, k) / relevant.size : 0;
}

/** DCG with gain 1/log2(rank+1) over the ideal DCG of min(k, |relevant|) hits. */
export function ndcgAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let dcg = 0;
  for (let rank = 0; rank < Math.min(k, recommended.length); rank++) {
    if (relevant.has(recommended[rank])) dcg += 1 / Math.log2(rank + 2);
  }
  let ideal = 0;
  for (let rank = 0; rank < Math.min(k, relevant.size); rank++) ideal += 1 / Math.log2(rank + 2);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Σ precision@i at each hit i ≤ k, divided by min(k, |relevant|). */
export function averagePrecisionAtK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  let sum = 0;
  for (let rank = 0; rank < Math.min(k, recommended.length); rank++) {
    if (relevant.has(recommended[rank])) {
      hits++;
      sum += hits / (rank + 1);
    }
  }
  const denominator = Math.min(k, relevant.size);
  return denominator > 0 ? sum / denominator : 0;
}

/** Distinct items across all top-k lists divided by the catalogue size. */
export function catalogCoverage(lists: readonly ArrayLike<number>[], catalogSize: number, k: number): number {
  const seen = new Set<number>();
  for (const list of lists) for (let rank = 0; rank < Math.min(k, list.length); rank++) seen.add(list[rank]);
  return catalogSize > 0 ? seen.size / catalogSize : 0;
}

/** Mean and sample standard deviation (n − 1; 0 for a single value). */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: 0 };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, std: Math.sqrt(variance) };
}
