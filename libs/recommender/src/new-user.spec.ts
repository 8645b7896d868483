import { blockbusters, newUserGroups, newUserMetrics, personas } from './new-user';
import { ratingsFromTriplets } from './ratings';

/** 12 users with 45 ratings each (movie m rated at time 1000 − m, so the first by time are the highest ids), 2 users with 5. */
function timedRatings() {
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  for (let user = 1; user <= 14; user++) {
    const count = user <= 12 ? 45 : 5;
    for (let m = 1; m <= count; m++) {
      users.push(user);
      items.push(m);
      values.push(m % 5 === 0 ? 1 : m % 2 === 0 ? 4.5 : 3);
      times.push(1000 - m);
    }
  }
  return ratingsFromTriplets(users, items, values, times);
}

describe('new-user protocol', () => {
  const ratings = timedRatings();
  const groups = newUserGroups(ratings, { groups: 3, seed: 7 });

  it('deals every user with ≥ 40 ratings into exactly one group', () => {
    const dealt = groups.flatMap((group) => group.cases.map((c) => c.userId)).sort((a, b) => a - b);
    expect(dealt).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(groups.map((group) => group.cases.length)).toEqual([4, 4, 4]);
  });

  it('profiles the first 10 ratings by time and holds out the rest, liked ≥ 4 and disliked ≤ 2', () => {
    const first = groups[0].cases[0];
    expect(first.profile.map((r) => r.itemId)).toEqual([45, 44, 43, 42, 41, 40, 39, 38, 37, 36]);
    expect([...first.liked].sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 12, 14, 16, 18, 22, 24, 26, 28, 32, 34]);
    expect([...first.disliked].sort((a, b) => a - b)).toEqual([5, 10, 15, 20, 25, 30, 35]);
  });

  it("trains on everything but the group's held-out ratings (profiles included)", () => {
    for (const group of groups) {
      const inGroup = new Set(group.cases.map((c) => c.userId));
      const trainedByUser = new Map<number, number>();
      const train = group.trainingRatings();
      expect(train.timestamps).toBeUndefined();
      for (const user of train.users) trainedByUser.set(train.userIds[user], (trainedByUser.get(train.userIds[user]) ?? 0) + 1);
      for (let user = 1; user <= 14; user++) expect(trainedByUser.get(user)).toBe(inGroup.has(user) ? 10 : user <= 12 ? 45 : 5);
    }
  });

  it('refuses ratings without timestamps', () => {
    expect(() => newUserGroups(ratingsFromTriplets([1], [1], [4]))).toThrow(/timestamp/);
  });

  it('scores liked precision and NDCG, disliked and blockbuster shares, and coverage', () => {
    const cases = [
      { userId: 1, profile: [], liked: new Set([1, 2]), disliked: new Set([3]) },
      { userId: 2, profile: [], liked: new Set<number>(), disliked: new Set([1]) },
    ];
    const metrics = newUserMetrics(
      cases,
      [
        [2, 3, 4, 5],
        [1, 4, 6, 7],
      ],
      4,
      10,
      new Set([1, 2]),
    );
    expect(metrics.likedPrecisionAtK).toBeCloseTo(1 / 4, 12);
    expect(metrics.likedNdcgAtK).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 12);
    expect(metrics.dislikedShare).toBeCloseTo((1 / 4 + 1 / 4) / 2, 12);
    expect(metrics.blockbusterShare).toBeCloseTo((1 / 4 + 1 / 4) / 2, 12);
    expect(metrics.coverage).toBeCloseTo(7 / 10, 12);
    expect(metrics.users).toBe(1);
  });

  it('counts the most-rated 2 % of movies as blockbusters (at least one)', () => {
    expect([...blockbusters(ratings)]).toEqual([1]);
  });

  it('builds a persona per genre: its most-rated movies at 5★ and the most-rated other crime dramas at 2★', () => {
    const movies = [
      ...Array.from({ length: 40 }, (_, m) => ({
        movieId: m + 1,
        title: `m${m + 1}`,
        genres: m % 3 === 0 ? ['Crime', 'Drama'] : ['Animation'],
      })),
    ];
    const counts = ratingsFromTriplets(
      movies.flatMap((movie) => Array.from({ length: 41 - movie.movieId }, (_, u) => u + 1)),
      movies.flatMap((movie) => Array(41 - movie.movieId).fill(movie.movieId)),
      movies.flatMap((movie) => Array(41 - movie.movieId).fill(4)),
    );
    const list = personas(counts, movies, { minGenreMovies: 10 });
    expect(list.map((p) => p.genre)).toEqual(['Animation', 'Crime', 'Drama']);
    expect(list[0].profile).toEqual([
      ...[2, 3, 5, 6, 8, 9, 11, 12].map((itemId) => ({ itemId, rating: 5 })),
      ...[1, 4, 7, 10, 13].map((itemId) => ({ itemId, rating: 2 })),
    ]);
    expect(list[1].profile.filter((r) => r.rating === 2).map((r) => r.itemId)).toEqual([25, 28, 31, 34, 37]);
  });
});
