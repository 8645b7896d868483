import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from './generate';

describe('generateDataset', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'reelrank-generate-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = (out: string, file: string) => readFileSync(join(out, file), 'utf8').trimEnd().split('\n');

  it('writes a MovieLens-shaped folder with exactly the requested ratings, sorted by user then movie', async () => {
    const out = join(dir, 'a');
    const result = await generateDataset({ out, ratings: 20_000, users: 100, movies: 800, seed: 1 });
    expect(result).toMatchObject({ ratings: 20_000, users: 100, movies: 800, links: 800 });

    const ratings = read(out, 'ratings.csv');
    expect(ratings[0]).toBe('userId,movieId,rating,timestamp');
    expect(ratings).toHaveLength(20_001);
    const rows = ratings.slice(1).map((line) => line.split(',').map(Number));
    const movieIds = new Set(
      read(out, 'movies.csv')
        .slice(1)
        .map((line) => Number(line.split(',')[0])),
    );
    const perUser = new Map<number, number>();
    for (let i = 0; i < rows.length; i++) {
      const [user, movie, rating, timestamp] = rows[i];
      if (i > 0) expect(user > rows[i - 1][0] || (user === rows[i - 1][0] && movie > rows[i - 1][1])).toBe(true);
      expect(movieIds.has(movie)).toBe(true);
      expect(rating * 2).toBe(Math.round(rating * 2));
      expect(rating).toBeGreaterThanOrEqual(0.5);
      expect(rating).toBeLessThanOrEqual(5);
      expect(timestamp).toBeGreaterThan(Date.UTC(1996, 0, 1) / 1000);
      expect(timestamp).toBeLessThan(Date.UTC(2019, 0, 1) / 1000);
      perUser.set(user, (perUser.get(user) ?? 0) + 1);
    }
    expect(perUser.size).toBe(100);
    expect(Math.min(...perUser.values())).toBeGreaterThanOrEqual(20);
    // Power law: the most active tenth of users has at least twice its share of the ratings.
    const counts = [...perUser.values()].sort((a, b) => b - a);
    expect(counts.slice(0, 10).reduce((a, b) => a + b, 0)).toBeGreaterThan(20_000 * 0.2);

    expect(read(out, 'links.csv')[0]).toBe('movieId,imdbId,tmdbId');
    expect(read(out, 'tags.csv')[0]).toBe('userId,movieId,tag,timestamp');
    expect(read(out, 'movies.csv')[0]).toBe('movieId,title,genres');
  });

  it('is deterministic for a seed', async () => {
    await generateDataset({ out: join(dir, 'b'), ratings: 3000, seed: 9 });
    await generateDataset({ out: join(dir, 'c'), ratings: 3000, seed: 9 });
    for (const file of ['movies.csv', 'links.csv', 'tags.csv', 'ratings.csv']) {
      expect(readFileSync(join(dir, 'b', file))).toEqual(readFileSync(join(dir, 'c', file)));
    }
  });
});
