import type { ApiConfig } from '../config/api-config';
import type { LoadedModels } from './active-model.service';
import { UserState, UserStateCache } from './user-state.cache';

const models = (version: string) => ({ version }) as LoadedModels;
const config = (size: number, seconds = 300) => ({ RECOMMENDATIONS_CACHE_SIZE: size, RECOMMENDATIONS_CACHE_SECONDS: seconds }) as ApiConfig;
const key = { count: 2, lastRatedAt: '1700000000123456' };
const state = (userId: number, version = 'v1') => new UserState(userId, models(version), key, [], []);

describe('UserStateCache', () => {
  it('reuses a state only for the same model version and the same ratings', () => {
    const cache = new UserStateCache(config(10));
    cache.set(state(1));
    expect(cache.get(1, 'v1', { ...key })).toBeDefined();
    expect(cache.get(1, 'v1', { ...key, lastRatedAt: '1700000000123457' })).toBeUndefined();
    cache.set(state(1));
    expect(cache.get(1, 'v1', { ...key, count: 3 })).toBeUndefined();
    cache.set(state(1));
    expect(cache.get(1, 'v2', key)).toBeUndefined();
  });

  it('drops a user at once on invalidate, and other versions on retainVersion', () => {
    const cache = new UserStateCache(config(10));
    cache.set(state(1));
    cache.set(state(2, 'v2'));
    cache.invalidate(1);
    expect(cache.get(1, 'v1', key)).toBeUndefined();
    cache.set(state(3));
    cache.retainVersion('v2');
    expect(cache.size).toBe(1);
    expect(cache.get(2, 'v2', key)).toBeDefined();
  });

  it('keeps at most RECOMMENDATIONS_CACHE_SIZE users, least recently used out first', () => {
    const cache = new UserStateCache(config(2));
    cache.set(state(1));
    cache.set(state(2));
    cache.get(1, 'v1', key);
    cache.set(state(3));
    expect(cache.get(2, 'v1', key)).toBeUndefined();
    expect(cache.get(1, 'v1', key)).toBeDefined();
    expect(cache.get(3, 'v1', key)).toBeDefined();
  });

  it('caches nothing with a size or lifetime of 0', () => {
    for (const cache of [new UserStateCache(config(0)), new UserStateCache(config(10, 0))]) {
      cache.set(state(1));
      expect(cache.get(1, 'v1', key)).toBeUndefined();
    }
  });
});
