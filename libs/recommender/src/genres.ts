/**
 * Genre evidence for a short profile. A person who rated eight animated films 5★ and five crime
 * dramas 2★ has told us more than ten ratings can tell a collaborative filter: the genres of what
 * they loved are over-represented against what a typical rating is about, those of what they
 * disliked too. Each genre's affinity is the log-lift of its share among the liked ratings over
 * its base rate (the share of all training ratings about it), minus the same for the disliked
 * ratings (in proportion to their weight in the profile), both shrunk towards the base rate by
 * `prior` pseudo-ratings, and divided by the largest lift the genre can have, log(1/base): 1 when
 * every liked movie is of the genre, whether it is Documentary (1 % of ratings) or Comedy (38 %).
 * A profile that looks like everybody's gets affinities near 0, a focused one near 1.
 */
import type { RatingInput } from './profile';
import { indexOfId } from './model';

/** The genres of a model's items (by dense index) and each genre's base rate. */
export interface ItemGenres {
  names: string[];
  /** Item index → genre indices, as CSR. */
  indptr: Int32Array;
  indices: Int32Array;
  /** Share of the training ratings whose movie has each genre. */
  baseRates: Float64Array;
}

/** Builds the genre table of a model's items from (movieId → genres); base rates weighted by the items' rating counts. */
export function itemGenres(itemIds: Int32Array, itemCounts: Int32Array, genresOf: ReadonlyMap<number, readonly string[]>): ItemGenres {
  const names = [...new Set([...genresOf.values()].flat())].sort();
  const genreIndex = new Map(names.map((name, g) => [name, g]));
  const indptr = new Int32Array(itemIds.length + 1);
  const indices: number[] = [];
  itemIds.forEach((id, item) => {
    for (const name of genresOf.get(id) ?? []) indices.push(genreIndex.get(name)!);
    indptr[item + 1] = indices.length;
  });
  const counts = new Float64Array(names.length);
  let total = 0;
  itemCounts.forEach((count, item) => {
    total += count;
    for (let p = indptr[item]; p < indptr[item + 1]; p++) counts[indices[p]] += count;
  });
  total = Math.max(1, total);
  // A genre nobody rated gets a tiny base rate (below 1), so one liked movie of it is strong evidence.
  const baseRates = counts.map((count) => Math.min(Math.max(count, 0.5) / total, 0.5));
  return { names, indptr, indices: Int32Array.from(indices), baseRates };
}

export interface GenreAffinityParams {
  /** Ratings ≥ this count as likes, below it as dislikes, weighted by their distance from it. */
  likeThreshold: number;
  /** Pseudo-ratings at the base rates that shrink a short profile's shares. */
  prior: number;
}

/** Per-genre affinity of a profile: log-lift of likes minus log-lift of dislikes, relative to log(1/base). */
export function genreAffinity(
  genres: ItemGenres,
  itemIds: Int32Array,
  profile: readonly RatingInput[],
  params: GenreAffinityParams,
): Float64Array {
  const g = genres.names.length;
  const liked = new Float64Array(g);
  const disliked = new Float64Array(g);
  let likedTotal = 0;
  let dislikedTotal = 0;
  for (const { itemId, rating } of profile) {
    const item = indexOfId(itemIds, itemId);
    if (item === undefined || !Number.isFinite(rating)) continue;
    const weight = rating - params.likeThreshold + 0.5;
    const into = weight > 0 ? liked : disliked;
    const amount = Math.abs(weight);
    if (weight > 0) likedTotal += amount;
    else dislikedTotal += amount;
    for (let p = genres.indptr[item]; p < genres.indptr[item + 1]; p++) into[genres.indices[p]] += amount;
  }
  const affinity = new Float64Array(g);
  // Dislikes count in proportion to their weight in the profile: eight loved crime films and five
  // disliked crime dramas still say "crime".
  const dislikedShare = dislikedTotal / Math.max(1e-9, likedTotal + dislikedTotal);
  for (let genre = 0; genre < g; genre++) {
    const base = genres.baseRates[genre];
    const lift = (sum: number, total: number) => Math.log((sum + params.prior * base) / (total + params.prior) / base);
    affinity[genre] = (lift(liked[genre], likedTotal) - dislikedShare * lift(disliked[genre], dislikedTotal)) / Math.log(1 / base);
  }
  return affinity;
}
