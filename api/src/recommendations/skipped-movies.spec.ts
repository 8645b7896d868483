import { mulberry32, ratingsFromTriplets, recommendForTaste, trainExplicit, trainImplicit, type RatingInput } from '@reelrank/recommender';
import type { LoadedModels } from './active-model.service';
import { feedbackKey } from './recommendations.service';
import { UserState } from './user-state.cache';

describe('skipped movies', () => {
  describe('UserState.top', () => {
    let models: LoadedModels;
    const ratings: RatingInput[] = [
      { itemId: 10, rating: 5 },
      { itemId: 20, rating: 4.5 },
      { itemId: 30, rating: 4 },
    ];
    const key = { count: ratings.length, lastRatedAt: '1' };

    beforeAll(async () => {
      const random = mulberry32(11);
      const [users, items, values]: number[][] = [[], [], []];
      for (let user = 1; user <= 80; user++) {
        for (let item = 1; item <= 60; item++) {
          if (random() < 0.2) {
            users.push(user);
            items.push(item * 10);
            values.push(Math.round(random() * 9 + 1) / 2);
          }
        }
      }
      const triplets = ratingsFromTriplets(users, items, values);
      const [implicit, explicit] = await Promise.all([
        trainImplicit(triplets, { rank: 6, iterations: 4 }),
        trainExplicit(triplets, { rank: 6, iterations: 4 }),
      ]);
      models = { version: 'v1', implicit, explicit } as LoadedModels;
    });

    it('leaves out skipped movies as well as rated ones, and never brings one back for a larger k', () => {
      const unskipped = new UserState(1, models, key, ratings, []).top(10).map((pick) => pick.movieId);
      const skipped = [unskipped[0], unskipped[4], 424242];
      const state = new UserState(1, models, key, ratings, skipped);
      const top = state.top(10).map((pick) => pick.movieId);
      expect(top).toEqual(recommendForTaste(models, ratings, { k: 10, exclude: skipped }).map((pick) => pick.itemId));
      expect(top.slice(0, 8)).toEqual(unskipped.filter((id) => !skipped.includes(id)));
      const all = state.top(60).map((pick) => pick.movieId);
      for (const id of [...skipped, 10, 20, 30]) expect(all).not.toContain(id);
      expect(all).toHaveLength(60 - 3 - 2);
    });
  });

  describe('feedbackKey', () => {
    const none = { ratingCount: 3, lastRatedAt: '1700000000123456', skipCount: 0, lastSkippedAt: '0' };

    it('is the plain ratings key without skips', () => {
      expect(feedbackKey(none)).toEqual({ count: 3, lastRatedAt: '1700000000123456' });
    });

    it('changes with every skip, removal or replacement of a skip, and keeps the rating count', () => {
      const keys = [
        none,
        { ...none, skipCount: 1, lastSkippedAt: '1700000000200000' },
        { ...none, skipCount: 2, lastSkippedAt: '1700000000300000' },
        // One skip removed and another added: same number, newer time.
        { ...none, skipCount: 2, lastSkippedAt: '1700000000300001' },
        { ...none, skipCount: 1, lastSkippedAt: '1700000000300001' },
      ].map(feedbackKey);
      expect(new Set(keys.map((key) => key.lastRatedAt)).size).toBe(keys.length);
      for (const key of keys) expect(key.count).toBe(3);
      // A rating's time cannot be mistaken for a skip's.
      expect(feedbackKey({ ...none, lastRatedAt: '5', skipCount: 1, lastSkippedAt: '6' })).not.toEqual(
        feedbackKey({ ...none, lastRatedAt: '6', skipCount: 1, lastSkippedAt: '5' }),
      );
    });
  });
});
