import { mulberry32 } from './random';
import { Ratings, ratingsFromTriplets } from './ratings';
import { foldSplit, kFoldAssignments, sampleUsers, stratifiedSplit } from './split';

function randomRatings(users: number, maxPerUser: number, seed: number): Ratings {
  const random = mulberry32(seed);
  const u: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  for (let user = 1; user <= users; user++) {
    const count = 1 + Math.floor(random() * maxPerUser);
    for (let item = 1; item <= count; item++) {
      u.push(user);
      i.push(item * 7);
      v.push(0.5 + Math.floor(random() * 10) / 2);
    }
  }
  return ratingsFromTriplets(u, i, v);
}

const key = (r: Ratings, p: number) => `${r.userIds[r.users[p]]}:${r.itemIds[r.items[p]]}`;
const keys = (r: Ratings) => Array.from({ length: r.values.length }, (_, p) => key(r, p));

describe('k-fold split', () => {
  const ratings = randomRatings(50, 30, 1);

  it('assigns every rating to exactly one fold, folds differing in size by at most one', () => {
    const assignment = kFoldAssignments(ratings.values.length, 5, 42);
    const sizes = [0, 0, 0, 0, 0];
    assignment.forEach((fold) => sizes[fold]++);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b)).toBe(ratings.values.length);
  });

  it('test folds partition the data and each train part is the complement', () => {
    const assignment = kFoldAssignments(ratings.values.length, 5, 42);
    const all = new Set(keys(ratings));
    const seen: string[] = [];
    for (let fold = 0; fold < 5; fold++) {
      const { train, test } = foldSplit(ratings, assignment, fold);
      const testKeys = keys(test);
      seen.push(...testKeys);
      const trainKeys = new Set(keys(train));
      expect(trainKeys.size + testKeys.length).toBe(all.size);
      for (const k of testKeys) expect(trainKeys.has(k)).toBe(false);
    }
    expect(seen.length).toBe(all.size);
    expect(new Set(seen)).toEqual(all);
  });

  it('is deterministic per seed', () => {
    expect(kFoldAssignments(1000, 5, 7)).toEqual(kFoldAssignments(1000, 5, 7));
    expect(kFoldAssignments(1000, 5, 7)).not.toEqual(kFoldAssignments(1000, 5, 8));
  });

  it('rejects impossible fold counts', () => {
    expect(() => kFoldAssignments(3, 5, 1)).toThrow(/cannot split/);
    expect(() => kFoldAssignments(30, 1, 1)).toThrow(/folds/);
  });
});

describe('stratified split', () => {
  const ratings = randomRatings(200, 12, 2);

  it('keeps at least one training rating for every user and holds out about the fraction', () => {
    const { train, test } = stratifiedSplit(ratings, 0.25, 42);
    expect(train.values.length + test.values.length).toBe(ratings.values.length);
    const trainCount = new Map<number, number>();
    const testCount = new Map<number, number>();
    const total = new Map<number, number>();
    for (let p = 0; p < train.values.length; p++) trainCount.set(train.users[p], (trainCount.get(train.users[p]) ?? 0) + 1);
    for (let p = 0; p < test.values.length; p++) testCount.set(test.users[p], (testCount.get(test.users[p]) ?? 0) + 1);
    for (let p = 0; p < ratings.values.length; p++) total.set(ratings.users[p], (total.get(ratings.users[p]) ?? 0) + 1);
    for (const [user, n] of total) {
      expect(trainCount.get(user) ?? 0).toBeGreaterThanOrEqual(1);
      expect(testCount.get(user) ?? 0).toBe(Math.min(n - 1, Math.round(n * 0.25)));
    }
    const trainKeys = new Set(keys(train));
    for (const k of keys(test)) expect(trainKeys.has(k)).toBe(false);
  });

  it('is deterministic per seed', () => {
    expect(keys(stratifiedSplit(ratings, 0.25, 5).test)).toEqual(keys(stratifiedSplit(ratings, 0.25, 5).test));
    expect(keys(stratifiedSplit(ratings, 0.25, 5).test)).not.toEqual(keys(stratifiedSplit(ratings, 0.25, 6).test));
  });
});

describe('sampleUsers', () => {
  const ratings = randomRatings(40, 12, 9);

  it('keeps every rating of the drawn users, with compact id maps, the same for the same seed', () => {
    const sample = sampleUsers(ratings, 10, 3);
    expect(sample.userIds).toHaveLength(10);
    const drawn = new Set(sample.userIds);
    const expected = ratings.users.filter((u) => drawn.has(ratings.userIds[u])).length;
    expect(sample.values).toHaveLength(expected);
    expect(Math.max(...sample.items)).toBeLessThan(sample.itemIds.length);
    expect(sampleUsers(ratings, 10, 3)).toEqual(sample);
    expect(sampleUsers(ratings, 10, 4).userIds).not.toEqual(sample.userIds);
  });

  it('is all the ratings when asked for as many users or more, and refuses an empty sample', () => {
    expect(sampleUsers(ratings, 100, 3).values).toEqual(ratings.values);
    expect(() => sampleUsers(ratings, 0, 3)).toThrow('a sample needs at least one user, got 0');
  });
});
