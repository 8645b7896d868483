/**
 * "More like this": top-k items by cosine similarity of item factors, weighted by genre overlap. One item
 * (the API's request) or a block of items at once (publish): a block scores four sources per pass over the
 * candidates, so each candidate's factors are read once for four sources, and keeps each source's top k
 * as it goes. Every similarity is computed with the same operations in the same order whatever the block,
 * so an item's list does not depend on how items are grouped or which thread ranks them.
 */
import type { ItemGenres } from './genres';
import type { AlsModel } from './model';
import type { AlsWorkerPool } from './pool';
import { offThreadInOrder, sharedCopy, type JobArgs } from './jobs';

/** Share of "More like this" similarity that rests on shared genres (chosen on ml-latest-small, see README). */
export const SIMILAR_GENRE_WEIGHT = 0.8;

/** What ranking similar items reads of a model: its item side. */
export interface SimilarityInput {
  rank: number;
  itemFactors: Float64Array;
  itemCounts: Int32Array;
  /** Euclidean norm of each item's factors ({@link itemNorms}). */
  norms: Float64Array;
  genres?: ItemGenres;
}

export interface SimilarBlock {
  /** Source s's neighbours (dense indices) at `neighbours[s·k ..]`, best first, padded with −1. */
  neighbours: Int32Array;
  similarities: Float64Array;
}

const normCache = new WeakMap<Float64Array, Float64Array>();

/** The norm of every item's factors (cached per model). */
export function itemNorms(model: Pick<AlsModel, 'rank' | 'itemFactors'>): Float64Array {
  let norms = normCache.get(model.itemFactors);
  if (!norms) {
    const k = model.rank;
    norms = new Float64Array(model.itemFactors.length / k);
    for (let i = 0; i < norms.length; i++) {
      let s = 0;
      for (let r = 0; r < k; r++) s += model.itemFactors[i * k + r] ** 2;
      norms[i] = Math.sqrt(s);
    }
    normCache.set(model.itemFactors, norms);
  }
  return norms;
}

/**
 * The top `k` similar items of each item in `sources` (dense indices), among items with at least
 * `minRatings` ratings and non-zero factors, the source itself left out; ties go to the lower index.
 * similarity = cosine · (1 − w + w·Jaccard(genres)) with genres, the cosine without.
 */
export function similarBlock(input: SimilarityInput, sources: Int32Array, k: number, minRatings: number): SimilarBlock {
  const { rank, itemFactors: y, itemCounts, norms, genres } = input;
  const candidates: number[] = [];
  for (let j = 0; j < norms.length; j++) if (norms[j] !== 0 && itemCounts[j] >= minRatings) candidates.push(j);
  const neighbours = new Int32Array(sources.length * k).fill(-1);
  const similarities = new Float64Array(sources.length * k);
  const sizes = new Int32Array(sources.length);
  const mine = genres ? new Uint8Array(genres.names.length) : undefined;
  // A genre factor is at most 1 unless an item lists a genre twice: then a cosine that cannot beat a full
  // list's last (non-negative) entry cannot after weighting either, and its genres need not be read.
  const prune = !genres || listsEachGenreOnce(genres);
  const offer = (s: number, j: number, cosine: number) => {
    const source = sources[s];
    if (j === source) return;
    const o = s * k;
    if (prune && sizes[s] === k && similarities[o + k - 1] >= 0 && !(cosine > similarities[o + k - 1])) return;
    const value = genres ? cosine * genreFactor(genres, source, j, mine as Uint8Array) : cosine;
    insert(neighbours, similarities, sizes, s, k, j, value);
  };
  for (let s0 = 0; s0 < sources.length; s0 += 4) {
    const width = Math.min(4, sources.length - s0);
    const o0 = sources[s0] * rank;
    const o1 = sources[s0 + Math.min(1, width - 1)] * rank;
    const o2 = sources[s0 + Math.min(2, width - 1)] * rank;
    const o3 = sources[s0 + Math.min(3, width - 1)] * rank;
    const n0 = norms[sources[s0]];
    const n1 = norms[sources[s0 + Math.min(1, width - 1)]];
    const n2 = norms[sources[s0 + Math.min(2, width - 1)]];
    const n3 = norms[sources[s0 + Math.min(3, width - 1)]];
    for (const j of candidates) {
      const jo = j * rank;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let r = 0; r < rank; r++) {
        const v = y[jo + r];
        a0 += y[o0 + r] * v;
        a1 += y[o1 + r] * v;
        a2 += y[o2 + r] * v;
        a3 += y[o3 + r] * v;
      }
      const nj = norms[j];
      if (n0 !== 0) offer(s0, j, a0 / (n0 * nj));
      if (width > 1 && n1 !== 0) offer(s0 + 1, j, a1 / (n1 * nj));
      if (width > 2 && n2 !== 0) offer(s0 + 2, j, a2 / (n2 * nj));
      if (width > 3 && n3 !== 0) offer(s0 + 3, j, a3 / (n3 * nj));
    }
  }
  return { neighbours, similarities };
}

function listsEachGenreOnce(genres: ItemGenres): boolean {
  const seen = new Int32Array(genres.names.length).fill(-1);
  for (let item = 0; item + 1 < genres.indptr.length; item++) {
    for (let p = genres.indptr[item]; p < genres.indptr[item + 1]; p++) {
      if (seen[genres.indices[p]] === item) return false;
      seen[genres.indices[p]] = item;
    }
  }
  return true;
}

/** 1 − w + w·|G_i ∩ G_j| / |G_i ∪ G_j| (`mine` is scratch space, one slot per genre). */
function genreFactor(genres: ItemGenres, item: number, other: number, mine: Uint8Array): number {
  for (let p = genres.indptr[item]; p < genres.indptr[item + 1]; p++) mine[genres.indices[p]] = 1;
  let shared = 0;
  for (let p = genres.indptr[other]; p < genres.indptr[other + 1]; p++) shared += mine[genres.indices[p]];
  for (let p = genres.indptr[item]; p < genres.indptr[item + 1]; p++) mine[genres.indices[p]] = 0;
  const size = genres.indptr[item + 1] - genres.indptr[item];
  const union = size + genres.indptr[other + 1] - genres.indptr[other] - shared;
  const jaccard = union > 0 ? shared / union : 0;
  return 1 - SIMILAR_GENRE_WEIGHT + SIMILAR_GENRE_WEIGHT * jaccard;
}

/** Inserts (item, value) into source s's sorted top-k as kernel.ts's topK does: strictly better only, NaN never. */
function insert(items: Int32Array, values: Float64Array, sizes: Int32Array, s: number, k: number, item: number, value: number): void {
  const o = s * k;
  const size = sizes[s];
  if ((size === k && !(value > values[o + k - 1])) || Number.isNaN(value)) return;
  let p = size < k ? sizes[s]++ : k - 1;
  while (p > 0 && values[o + p - 1] < value) {
    values[o + p] = values[o + p - 1];
    items[o + p] = items[o + p - 1];
    p--;
  }
  values[o + p] = value;
  items[o + p] = item;
}

/** The item side of `model` that similarity reads, in SharedArrayBuffers (pool threads share it, nothing is copied). */
export function similarityInput(model: AlsModel, genres?: ItemGenres): SimilarityInput {
  return sharedCopy({ rank: model.rank, itemFactors: model.itemFactors, itemCounts: model.itemCounts, norms: itemNorms(model), genres });
}

/**
 * {@link similarBlock} for `sources` in blocks of `blockSize` spread across the pool's threads (inline
 * without one); yields each block's sources and result in order.
 */
export async function* similarBlocks(
  input: SimilarityInput,
  sources: Int32Array,
  options: { k: number; minRatings: number; pool?: AlsWorkerPool; blockSize?: number },
): AsyncGenerator<{ sources: Int32Array; block: SimilarBlock }> {
  const size = options.blockSize ?? 256;
  const blocks = Array.from({ length: Math.ceil(sources.length / size) }, (_, b) => sources.slice(b * size, (b + 1) * size));
  const calls = blocks.map((block): JobArgs<'similarBlock'> => [input, block, options.k, options.minRatings]);
  let b = 0;
  for await (const block of offThreadInOrder(options.pool, 'similarBlock', calls)) yield { sources: blocks[b++], block };
}
