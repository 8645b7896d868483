/**
 * The new-user protocol: how well a ranking serves someone who has just told us ten ratings.
 *
 * Users with at least `minRatings` ratings are shuffled with the seed and dealt into `groups`
 * groups. Each group in turn is "new": each of its users' first `profileSize` ratings by time
 * (ties by movie id) are the profile, folded in at serving time; their later ratings are held out
 * (≥ `likedMin` liked, ≤ `dislikedMax` disliked); the model trains on everything but the group's
 * held-out ratings. Personas are synthetic new users: the most-rated movies of one genre at 5★
 * and the most-rated crime dramas at 2★.
 */
import { MovieInfo } from './movies';
import { mulberry32, range, shuffleInPlace } from './random';
import { Ratings, RatingsError, selectRatings } from './ratings';
import type { RatingInput } from './profile';

export interface NewUserOptions {
  groups?: number;
  profileSize?: number;
  minRatings?: number;
  likedMin?: number;
  dislikedMax?: number;
  seed?: number;
}

export interface NewUserCase {
  userId: number;
  /** The first ratings by time, in that order. */
  profile: RatingInput[];
  /** Held-out movie ids rated ≥ likedMin / ≤ dislikedMax. */
  liked: Set<number>;
  disliked: Set<number>;
}

export interface NewUserGroup {
  cases: NewUserCase[];
  /**
   * The group's training ratings (everything but its held-out part, without timestamps), built anew
   * on each call: hold one group's at a time, each is almost the whole data set.
   */
  trainingRatings(): Ratings;
}

export const NEW_USER_DEFAULTS = { groups: 5, profileSize: 10, minRatings: 40, likedMin: 4, dislikedMax: 2, seed: 42 };

/**
 * The protocol's groups as plain data (a pool job's result, see jobs.ts): each group's cases, the group of
 * every user (−1: not eligible) and which ratings are held out.
 */
export interface NewUserPlan {
  cases: NewUserCase[][];
  groupOf: Int32Array;
  heldOut: Uint8Array;
}

/** Deals the eligible users into groups and splits each one's ratings by time into profile and held-out part. */
export function newUserPlan(ratings: Ratings, options: NewUserOptions = {}): NewUserPlan {
  const { groups, profileSize, minRatings, likedMin, dislikedMax, seed } = { ...NEW_USER_DEFAULTS, ...options };
  const timestamps = ratings.timestamps;
  if (!timestamps) throw new RatingsError('the new-user protocol orders ratings by time: the ratings need a timestamp column');
  const byUser: number[][] = Array.from({ length: ratings.userIds.length }, () => []);
  for (let r = 0; r < ratings.values.length; r++) byUser[ratings.users[r]].push(r);
  const eligible = byUser.flatMap((positions, user) => (positions.length >= minRatings ? [user] : []));
  if (eligible.length < groups) {
    throw new RatingsError(`the new-user protocol needs at least ${groups} users with ≥ ${minRatings} ratings, found ${eligible.length}`);
  }
  const order = shuffleInPlace(Int32Array.from(eligible), mulberry32(seed));
  const groupOf = new Int32Array(ratings.userIds.length).fill(-1);
  order.forEach((user, p) => (groupOf[user] = p % groups));

  const heldOut = new Uint8Array(ratings.values.length);
  const cases: NewUserCase[][] = Array.from({ length: groups }, () => []);
  for (const user of eligible) {
    const positions = byUser[user].sort(
      (a, b) => timestamps[a] - timestamps[b] || ratings.itemIds[ratings.items[a]] - ratings.itemIds[ratings.items[b]],
    );
    const liked = new Set<number>();
    const disliked = new Set<number>();
    for (const p of positions.slice(profileSize)) {
      heldOut[p] = 1;
      const movieId = ratings.itemIds[ratings.items[p]];
      if (ratings.values[p] >= likedMin) liked.add(movieId);
      else if (ratings.values[p] <= dislikedMax) disliked.add(movieId);
    }
    cases[groupOf[user]].push({
      userId: ratings.userIds[user],
      profile: positions.slice(0, profileSize).map((p) => ({ itemId: ratings.itemIds[ratings.items[p]], rating: ratings.values[p] })),
      liked,
      disliked,
    });
  }
  return { cases, groupOf, heldOut };
}

/** Group `group`'s training ratings (everything but its held-out part), without timestamps. */
export function groupTrainingRatings(ratings: Ratings, plan: Pick<NewUserPlan, 'groupOf' | 'heldOut'>, group: number): Ratings {
  const { groupOf, heldOut } = plan;
  return selectRatings(
    { ...ratings, timestamps: undefined },
    range(ratings.values.length).filter((p) => !(heldOut[p] && groupOf[ratings.users[p]] === group)),
  );
}

/** The protocol's groups: training ratings without the group's held-out part, and the group's users. */
export function newUserGroups(ratings: Ratings, options: NewUserOptions = {}): NewUserGroup[] {
  const plan = newUserPlan(ratings, options);
  return plan.cases.map((cases, group) => ({ cases, trainingRatings: () => groupTrainingRatings(ratings, plan, group) }));
}

/** Top-k movie ids for a profile, leaving out the profile's movies. */
export type ProfileRanker = (profile: readonly RatingInput[], k: number) => number[];

export interface NewUserMetrics {
  /** Share of the top k the user later rated ≥ likedMin (users with ≥ 1 liked held-out movie). */
  likedPrecisionAtK: number;
  likedNdcgAtK: number;
  /** Share of the top k the user later rated ≤ dislikedMax (all users). */
  dislikedShare: number;
  /** Share of the top k among the most-rated 2 % of movies (all users). */
  blockbusterShare: number;
  /** Distinct movies in all top-k lists / movies with ratings. */
  coverage: number;
  users: number;
}

/** The most-rated `fraction` of the rated movies (at least one). */
export function blockbusters(ratings: Ratings, fraction = 0.02): Set<number> {
  const counts = new Float64Array(ratings.itemIds.length);
  for (let r = 0; r < ratings.items.length; r++) counts[ratings.items[r]]++;
  const rated = range(counts.length).filter((i) => counts[i] > 0);
  rated.sort((a, b) => counts[b] - counts[a] || a - b);
  return new Set(rated.slice(0, Math.max(1, Math.ceil(rated.length * fraction))).map((i) => ratings.itemIds[i]));
}

/** Movies with at least one rating. */
export function ratedItemCount(ratings: Ratings): number {
  const rated = new Uint8Array(ratings.itemIds.length);
  let count = 0;
  for (let r = 0; r < ratings.items.length; r++) {
    if (!rated[ratings.items[r]]) count++;
    rated[ratings.items[r]] = 1;
  }
  return count;
}

/** Scores the top-k lists of every case; `lists[c]` belongs to `cases[c]`. */
export function newUserMetrics(
  cases: readonly NewUserCase[],
  lists: readonly number[][],
  k: number,
  catalogue: number,
  hits: Set<number>,
): NewUserMetrics {
  let precision = 0;
  let ndcg = 0;
  let likedUsers = 0;
  let disliked = 0;
  let popular = 0;
  const seen = new Set<number>();
  cases.forEach((c, index) => {
    const list = lists[index].slice(0, k);
    list.forEach((id) => seen.add(id));
    disliked += list.filter((id) => c.disliked.has(id)).length / k;
    popular += list.filter((id) => hits.has(id)).length / k;
    if (c.liked.size === 0) return;
    likedUsers++;
    let dcg = 0;
    list.forEach((id, rank) => {
      if (c.liked.has(id)) {
        precision += 1 / k;
        dcg += 1 / Math.log2(rank + 2);
      }
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(k, c.liked.size); rank++) ideal += 1 / Math.log2(rank + 2);
    ndcg += dcg / ideal;
  });
  const users = Math.max(1, cases.length);
  return {
    likedPrecisionAtK: precision / Math.max(1, likedUsers),
    likedNdcgAtK: ndcg / Math.max(1, likedUsers),
    dislikedShare: disliked / users,
    blockbusterShare: popular / users,
    coverage: catalogue > 0 ? seen.size / catalogue : 0,
    users: likedUsers,
  };
}

/** Runs each ranker (built per group from that group's training ratings) over every group; pooled metrics. */
export async function evaluateNewUsers<Name extends string>(
  ratings: Ratings,
  rankers: Record<Name, (train: Ratings) => ProfileRanker | Promise<ProfileRanker>>,
  options: NewUserOptions & { k?: number; onGroup?: (group: number, groups: number) => void } = {},
): Promise<Record<Name, NewUserMetrics>> {
  const k = options.k ?? 10;
  const groups = newUserGroups(ratings, options);
  const lists = new Map<Name, number[][]>();
  const cases: NewUserCase[] = [];
  for (const [index, group] of groups.entries()) {
    cases.push(...group.cases);
    const train = group.trainingRatings();
    for (const name of Object.keys(rankers) as Name[]) {
      const rank = await rankers[name](train);
      const named = lists.get(name) ?? [];
      for (const c of group.cases) named.push(rank(c.profile, k));
      lists.set(name, named);
    }
    options.onGroup?.(index + 1, groups.length);
  }
  const hits = blockbusters(ratings);
  const catalogue = ratedItemCount(ratings);
  return Object.fromEntries([...lists].map(([name, named]) => [name, newUserMetrics(cases, named, k, catalogue, hits)])) as Record<
    Name,
    NewUserMetrics
  >;
}

export interface Persona {
  genre: string;
  profile: RatingInput[];
}

export interface PersonaResult {
  genre: string;
  /** Movies of the loved genre in the top k. */
  inGenre: number;
  movieIds: number[];
}

/**
 * One persona per genre with at least `minGenreMovies` movies: its `loved` most-rated movies at 5★
 * and the `disliked` most-rated crime dramas (Crime and Drama, not among the loved) at 2★.
 */
export function personas(
  ratings: Ratings,
  movies: readonly MovieInfo[],
  options: { loved?: number; disliked?: number; minGenreMovies?: number } = {},
): Persona[] {
  const loved = options.loved ?? 8;
  const dislikedCount = options.disliked ?? 5;
  const counts = new Map<number, number>();
  for (let r = 0; r < ratings.items.length; r++) {
    const id = ratings.itemIds[ratings.items[r]];
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const byPopularity = movies
    .filter((m) => counts.has(m.movieId))
    .sort((a, b) => counts.get(b.movieId)! - counts.get(a.movieId)! || a.movieId - b.movieId);
  const genreSizes = new Map<string, number>();
  for (const movie of movies) for (const genre of movie.genres) genreSizes.set(genre, (genreSizes.get(genre) ?? 0) + 1);
  const genres = [...genreSizes]
    .filter(([, size]) => size >= (options.minGenreMovies ?? 30))
    .map(([genre]) => genre)
    .sort();
  return genres.map((genre) => {
    const favourites = byPopularity.filter((m) => m.genres.includes(genre)).slice(0, loved);
    const chosen = new Set(favourites.map((m) => m.movieId));
    const crimeDramas = byPopularity
      .filter((m) => m.genres.includes('Crime') && m.genres.includes('Drama') && !chosen.has(m.movieId))
      .slice(0, dislikedCount);
    return {
      genre,
      profile: [
        ...favourites.map((m) => ({ itemId: m.movieId, rating: 5 })),
        ...crimeDramas.map((m) => ({ itemId: m.movieId, rating: 2 })),
      ],
    };
  });
}

/** Each persona's top k and how many of them are of its genre. */
export function evaluatePersonas(list: readonly Persona[], movies: readonly MovieInfo[], rank: ProfileRanker, k = 10): PersonaResult[] {
  const genresOf = new Map(movies.map((m) => [m.movieId, m.genres]));
  return list.map(({ genre, profile }) => {
    const movieIds = rank(profile, k);
    return { genre, inGenre: movieIds.filter((id) => genresOf.get(id)?.includes(genre)).length, movieIds };
  });
}
