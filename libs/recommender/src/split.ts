/** Seeded train/test splits. */
import { mulberry32, range, shuffleInPlace } from './random';
import { Ratings, ratingsFromTriplets, selectRatings } from './ratings';

export interface TrainTestSplit {
  train: Ratings;
  test: Ratings;
}

/** Fold of every rating: ratings shuffled with the seed, then dealt round-robin into `folds` parts. */
export function kFoldAssignments(count: number, folds: number, seed: number): Int32Array {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be an integer ≥ 2, got ${folds}`);
  if (count < folds) throw new RangeError(`cannot split ${count} ratings into ${folds} folds`);
  const order = shuffleInPlace(range(count), mulberry32(seed));
  const assignment = new Int32Array(count);
  for (let p = 0; p < count; p++) assignment[order[p]] = p % folds;
  return assignment;
}

/** Training and test ratings of one fold: the fold is the test part, all others train. */
export function foldSplit(ratings: Ratings, assignment: Int32Array, fold: number): TrainTestSplit {
  const train: number[] = [];
  const test: number[] = [];
  for (let r = 0; r < assignment.length; r++) (assignment[r] === fold ? test : train).push(r);
  return { train: selectRatings(ratings, train), test: selectRatings(ratings, test) };
}

/**
 * Per-user stratified split: each user's ratings are shuffled with the seed and
 * round(n·testFraction) of them held out, but never the last one, so every user keeps at least
 * one training rating (a user with a single rating is entirely in training).
 */
export function stratifiedSplit(ratings: Ratings, testFraction: number, seed: number): TrainTestSplit {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`test fraction must be in (0, 1), got ${testFraction}`);
  const users = ratings.userIds.length;
  const byUser: number[][] = Array.from({ length: users }, () => []);
  for (let r = 0; r < ratings.values.length; r++) byUser[ratings.users[r]].push(r);
  const random = mulberry32(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const positions of byUser) {
    const shuffled = shuffleInPlace(Int32Array.from(positions), random);
    const held = Math.min(shuffled.length - 1, Math.round(shuffled.length * testFraction));
    for (let p = 0; p < shuffled.length; p++) (p < held ? test : train).push(shuffled[p]);
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: selectRatings(ratings, train), test: selectRatings(ratings, test) };
}

/**
 * The ratings of `count` users drawn with the seed (all ratings when `count` ≥ the users), with their own dense
 * id maps: the holdout protocol tunes and evaluates on such a sample of a large data set.
 */
export function sampleUsers(ratings: Ratings, count: number, seed: number): Ratings {
  const users = ratings.userIds.length;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a sample needs at least one user, got ${count}`);
  const order = shuffleInPlace(range(users), mulberry32(seed));
  const chosen = new Uint8Array(users);
  for (let p = 0; p < Math.min(count, users); p++) chosen[order[p]] = 1;
  const positions: number[] = [];
  for (let r = 0; r < ratings.users.length; r++) if (chosen[ratings.users[r]]) positions.push(r);
  const picked = selectRatings(ratings, positions);
  return ratingsFromTriplets(
    Int32Array.from(picked.users, (u) => ratings.userIds[u]),
    Int32Array.from(picked.items, (i) => ratings.itemIds[i]),
    picked.values,
    picked.timestamps,
  );
}
