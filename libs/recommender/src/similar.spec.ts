import { itemGenres, type ItemGenres } from './genres';
import { topK } from './kernel';
import { ImplicitModel } from './model';
import { AlsWorkerPool } from './pool';
import { mulberry32 } from './random';
import { SIMILAR_GENRE_WEIGHT, similarItems } from './serving';
import { similarBlocks, similarityInput } from './similar';

/**
 * The single-item scan similarItems ran before blocks (kept here as the reference): every item's cosine
 * with the source into one array, the genre weight applied to all of it, then topK.
 */
function scanSimilar(model: ImplicitModel, item: number, k: number, minRatings: number, genres?: ItemGenres) {
  const rank = model.rank;
  const y = model.itemFactors;
  const n = model.itemIds.length;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < rank; r++) s += y[i * rank + r] ** 2;
    norms[i] = Math.sqrt(s);
  }
  if (norms[item] === 0) return [];
  const similarity = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (norms[j] === 0) continue;
    let s = 0;
    for (let r = 0; r < rank; r++) s += y[item * rank + r] * y[j * rank + r];
    similarity[j] = s / (norms[item] * norms[j]);
  }
  if (genres) {
    const mine = new Uint8Array(genres.names.length);
    for (let p = genres.indptr[item]; p < genres.indptr[item + 1]; p++) mine[genres.indices[p]] = 1;
    const size = genres.indptr[item + 1] - genres.indptr[item];
    for (let j = 0; j < n; j++) {
      let shared = 0;
      for (let p = genres.indptr[j]; p < genres.indptr[j + 1]; p++) shared += mine[genres.indices[p]];
      const union = size + genres.indptr[j + 1] - genres.indptr[j] - shared;
      similarity[j] *= 1 - SIMILAR_GENRE_WEIGHT + SIMILAR_GENRE_WEIGHT * (union > 0 ? shared / union : 0);
    }
  }
  const excluded = (j: number) => j === item || norms[j] === 0 || model.itemCounts[j] < minRatings;
  return Array.from(topK(similarity, k, excluded), (j) => ({ itemId: model.itemIds[j], similarity: similarity[j] }));
}

/**
 * 403 items at rank 7 (not a multiple of the 4-source block): random factors, every fifth item a copy of
 * another (exact ties), a few all-zero, rating counts 0..29, zero to three of six genres (one item lists a
 * genre twice, some have none; `distinctGenres` lists each once).
 */
function catalogue(): { model: ImplicitModel; genres: ItemGenres; distinctGenres: ItemGenres } {
  const random = mulberry32(5);
  const items = 403;
  const rank = 7;
  const itemFactors = Float64Array.from({ length: items * rank }, () => random() - 0.5);
  for (let i = 5; i < items; i += 5) itemFactors.copyWithin(i * rank, (i - 3) * rank, (i - 2) * rank);
  for (const zero of [3, 150, 402]) itemFactors.fill(0, zero * rank, (zero + 1) * rank);
  const itemIds = Int32Array.from({ length: items }, (_, i) => 1000 + i);
  const itemCounts = Int32Array.from({ length: items }, () => Math.floor(random() * 30));
  const names = ['Action', 'Animation', 'Comedy', 'Drama', 'Horror', 'Romance'];
  const genresOf = new Map<number, string[]>();
  for (const id of itemIds)
    genresOf.set(
      id,
      Array.from({ length: Math.floor(random() * 4) }, () => names[Math.floor(random() * names.length)]),
    );
  genresOf.set(1007, ['Comedy', 'Comedy', 'Drama']);
  const model: ImplicitModel = {
    kind: 'implicit',
    params: { rank, lambda: 1, alpha: 1, confidence: 'linear', epsilon: 1, iterations: 1, seed: 1 },
    rank,
    userIds: new Int32Array(0),
    itemIds,
    userFactors: new Float64Array(0),
    itemFactors,
    globalMean: 3,
    itemCounts,
    itemMeans: new Float64Array(items),
    userCounts: new Int32Array(0),
  };
  const distinct = new Map([...genresOf].map(([id, names]) => [id, [...new Set(names)]]));
  return { model, genres: itemGenres(itemIds, itemCounts, genresOf), distinctGenres: itemGenres(itemIds, itemCounts, distinct) };
}

describe('similar items in blocks', () => {
  const { model, genres, distinctGenres } = catalogue();
  let pool: AlsWorkerPool;

  beforeAll(() => {
    pool = new AlsWorkerPool({ threads: 2 });
  });
  afterAll(() => pool.close());

  it('gives every movie exactly the single-item scan’s list, with and without genres', () => {
    for (const withGenres of [undefined, genres, distinctGenres]) {
      for (const [k, minRatings] of [
        [10, 5],
        [25, 1],
      ]) {
        for (let item = 0; item < model.itemIds.length; item++) {
          const expected = scanSimilar(model, item, k, minRatings, withGenres);
          expect(similarItems(model, model.itemIds[item], { k, minRatings, genres: withGenres })).toEqual(expected);
        }
      }
    }
  });

  it.each([
    ['genres listed once', () => distinctGenres],
    ['a genre listed twice', () => genres],
  ])('gives the same lists in blocks on the pool’s threads, in order (%s)', async (_, genresOf) => {
    const genres = genresOf();
    const sources = Int32Array.from({ length: model.itemIds.length }, (_, i) => i).filter((i) => model.itemCounts[i] >= 5);
    const seen: number[] = [];
    for await (const { sources: block, block: result } of similarBlocks(similarityInput(model, genres), sources, {
      k: 10,
      minRatings: 5,
      pool,
      blockSize: 37,
    })) {
      block.forEach((item, s) => {
        seen.push(item);
        const neighbours = Array.from(result.neighbours.subarray(s * 10, (s + 1) * 10)).filter((j) => j >= 0);
        const listed = neighbours.map((j, r) => ({ itemId: model.itemIds[j], similarity: result.similarities[s * 10 + r] }));
        expect(listed).toEqual(scanSimilar(model, item, 10, 5, genres));
      });
    }
    expect(seen).toEqual(Array.from(sources));
  });
});
