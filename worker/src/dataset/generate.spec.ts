import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDataset, GENRES, GenerateOptionError, plantedModel, resolveGenerateOptions, type PlantedManifest } from './generate';

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

    expect(read(out, 'links.csv')[0]).toBe('movieId,imdbId,tmdbId');
    expect(read(out, 'tags.csv')[0]).toBe('userId,movieId,tag,timestamp');
    expect(read(out, 'movies.csv')[0]).toBe('movieId,title,genres');
    expect(readdirSync(out).sort()).toEqual(['links.csv', 'movies.csv', 'planted.json', 'ratings.csv', 'tags.csv']);
  });

  it('is deterministic for a seed', async () => {
    await generateDataset({ out: join(dir, 'b'), ratings: 3000, seed: 9 });
    await generateDataset({ out: join(dir, 'c'), ratings: 3000, seed: 9 });
    for (const file of ['movies.csv', 'links.csv', 'tags.csv', 'ratings.csv', 'planted.json']) {
      expect(readFileSync(join(dir, 'b', file))).toEqual(readFileSync(join(dir, 'c', file)));
    }
  });

  describe('planted taste', () => {
    const options = { ratings: 60_000, users: 400, movies: 1500, seed: 5, rank: 8, noise: 0.7 };
    let out: string;
    let manifest: PlantedManifest;
    let rows: number[][];
    const model = plantedModel({ seed: options.seed, rank: options.rank, movies: options.movies });
    const movieIndex = new Map(Array.from(model.movieIds, (id, index) => [id, index]));

    beforeAll(async () => {
      out = join(dir, 'planted');
      await generateDataset({ out, ...options });
      manifest = JSON.parse(readFileSync(join(out, 'planted.json'), 'utf8')) as PlantedManifest;
      rows = read(out, 'ratings.csv')
        .slice(1)
        .map((line) => line.split(',').map(Number));
    });

    it('records its figures, and its noise floor is the planted model’s RMSE on the written ratings', () => {
      expect(manifest).toMatchObject({
        generator: 'planted-taste',
        seed: 5,
        rank: 8,
        sigma: 0.7,
        ratings: 60_000,
        users: 400,
        movies: 1500,
      });
      let squared = 0;
      const users = new Map<number, ReturnType<typeof model.user>>();
      for (const [userId, movieId, rating] of rows) {
        if (!users.has(userId)) users.set(userId, model.user(userId - 1));
        squared += (rating - model.truth(users.get(userId)!, movieIndex.get(movieId)!)) ** 2;
      }
      expect(manifest.noiseFloor.rmse).toBeCloseTo(Math.sqrt(squared / rows.length), 10);
      // Gaussian noise of 0.7 plus half-star rounding, less what clipping to 0.5..5 removes.
      expect(manifest.noiseFloor.rmse).toBeGreaterThan(0.6);
      expect(manifest.noiseFloor.rmse).toBeLessThan(0.75);
      // The ratings carry the taste term: the planted prediction explains them better than each movie's mean.
      const byMovie = new Map<number, number[]>();
      for (const [, movieId, rating] of rows) byMovie.set(movieId, [...(byMovie.get(movieId) ?? []), rating]);
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      const movieMeanRmse = Math.sqrt(
        mean([...byMovie.values()].flatMap((ratings) => ratings.map((rating) => (rating - mean(ratings)) ** 2))) as number,
      );
      expect(movieMeanRmse).toBeGreaterThan(manifest.noiseFloor.rmse * 1.15);
    });

    it('gives each movie the 1 to 3 genres its hidden factors point to most', () => {
      const lines = read(out, 'movies.csv').slice(1);
      let checked = 0;
      for (const line of lines) {
        const [id, ...rest] = line.split(',');
        const genres = rest.at(-1)!.split('|');
        if (genres[0] === '(no genres listed)') continue;
        expect(genres.length).toBeGreaterThanOrEqual(1);
        expect(genres.length).toBeLessThanOrEqual(3);
        const movie = movieIndex.get(Number(id))!;
        const score = (genre: string) => {
          const g = GENRES.indexOf(genre);
          return model.taste(model.genreDirections.subarray(g * options.rank, (g + 1) * options.rank), movie);
        };
        const lowestTaken = Math.min(...genres.map(score));
        for (const other of GENRES.filter((genre) => !genres.includes(genre))) expect(score(other)).toBeLessThan(lowestTaken);
        checked++;
      }
      expect(checked).toBeGreaterThan(1400);
    });

    it('makes users rate more of what they like, with long-tailed activity and popularity', () => {
      const perUser = new Map<number, number>();
      const perMovie = new Map<number, number>();
      let tasteOfRated = 0;
      for (const [userId, movieId] of rows) {
        perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
        perMovie.set(movieId, (perMovie.get(movieId) ?? 0) + 1);
        tasteOfRated += model.taste(model.user(userId - 1).factors, movieIndex.get(movieId)!);
      }
      // x_u·y_i has mean 0 over all pairs (standard deviation 0.5): over the rated pairs it is clearly positive.
      expect(tasteOfRated / rows.length).toBeGreaterThan(0.15);
      const share = (counts: Map<number, number>, top: number) =>
        [...counts.values()]
          .sort((a, b) => b - a)
          .slice(0, Math.round(counts.size * top))
          .reduce((a, b) => a + b, 0) / rows.length;
      expect(Math.min(...perUser.values())).toBeGreaterThanOrEqual(20);
      // The most active tenth of the users has at least twice its share; the most popular tenth of the movies, three times.
      expect(share(perUser, 0.1)).toBeGreaterThan(0.2);
      expect(share(perMovie, 0.1)).toBeGreaterThan(0.3);
    });
  });

  describe('bad input', () => {
    const bad: [string, Parameters<typeof resolveGenerateOptions>[0], string][] = [
      ['no ratings', { out: 'x' }, '--ratings (or --preset) is required'],
      ['no out', { out: '', ratings: 10 }, '--out is required'],
      ['zero ratings', { out: 'x', ratings: 0 }, '--ratings must be an integer from 1 to 200,000,000 (got "0")'],
      ['negative ratings', { out: 'x', ratings: '-5' }, '--ratings must be an integer from 1 to 200,000,000 (got "-5")'],
      ['absurd ratings', { out: 'x', ratings: '1e12' }, '--ratings must be an integer from 1 to 200,000,000 (got "1e12")'],
      ['malformed ratings', { out: 'x', ratings: '12k' }, '--ratings must be an integer from 1 to 200,000,000 (got "12k")'],
      ['fractional ratings', { out: 'x', ratings: 10.5 }, '--ratings must be an integer'],
      ['more users than ratings', { out: 'x', ratings: 100, users: 101 }, '--users must be from 1 to --ratings (100)'],
      ['no movies', { out: 'x', ratings: 100, movies: 0 }, '--movies must be an integer from 1 to 10,000,000 (got "0")'],
      [
        'too few movies',
        { out: 'x', ratings: 10_000, users: 10, movies: 100 },
        '--movies must be at least 1,667 for 10,000 ratings of 10 users',
      ],
      [
        'unknown preset',
        { out: 'x', preset: 'ml-64m' },
        '--preset must be one of ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m (got "ml-64m")',
      ],
      ['negative seed', { out: 'x', ratings: 10, seed: -1 }, '--seed must be an integer from 0 to 4,294,967,295 (got "-1")'],
      ['malformed seed', { out: 'x', ratings: 10, seed: 'abc' }, '--seed must be an integer from 0 to 4,294,967,295 (got "abc")'],
      ['negative noise', { out: 'x', ratings: 10, noise: '-0.1' }, '--noise must be a number from 0 to 5 (got "-0.1")'],
      ['rank 0', { out: 'x', ratings: 10, rank: 0 }, '--rank must be an integer from 1 to 128 (got "0")'],
    ];
    it.each(bad)('%s: one line naming the option and its range', (_, options, message) => {
      let error: unknown;
      try {
        resolveGenerateOptions(options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(GenerateOptionError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain('\n');
    });

    it('takes a preset’s sizes, and scales users and movies as MovieLens does for other sizes', () => {
      expect(resolveGenerateOptions({ out: 'x', preset: 'ml-32m' })).toMatchObject({ ratings: 32_000_000, users: 200_000, movies: 87_000 });
      expect(resolveGenerateOptions({ out: 'x', ratings: 1_000_000 })).toMatchObject({ users: 6_040, movies: 3_706 });
      const between = resolveGenerateOptions({ out: 'x', ratings: 5_000_000 });
      expect(between.users).toBeGreaterThan(6_040);
      expect(between.users).toBeLessThan(69_878);
    });

    it('refuses a folder that holds something, and removes its partial folder when writing fails', async () => {
      const used = join(dir, 'used');
      mkdirSync(used);
      writeFileSync(join(used, 'keep.txt'), 'mine');
      await expect(generateDataset({ out: used, ratings: 100 })).rejects.toThrow(GenerateOptionError);
      expect(readdirSync(used)).toEqual(['keep.txt']);

      const failing = join(dir, 'failing');
      await expect(
        generateDataset({
          out: failing,
          ratings: 50_000,
          onProgress: (written) => {
            if (written > 10_000) throw new Error('disk full');
          },
        }),
      ).rejects.toThrow('disk full');
      expect(existsSync(failing)).toBe(false);
      expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
    });

    it('the command line: exit code 2, one line on stderr, nothing written', () => {
      const cli = resolve(__dirname, 'generate-cli.ts');
      const out = join(dir, 'cli');
      for (const [args, line] of [
        [['--ratings=-3'], 'dataset:generate: --ratings must be an integer from 1 to 200,000,000 (got "-3")'],
        [['--ratings', '-3'], "dataset:generate: Option '--ratings' argument is ambiguous."],
        [['--ratings', '1000', '--noise', 'loud'], 'dataset:generate: --noise must be a number from 0 to 5 (got "loud")'],
        [['--preset', 'huge'], 'dataset:generate: --preset must be one of ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m (got "huge")'],
        [['--ratings', '100', '--colour', 'red'], "dataset:generate: Unknown option '--colour'"],
      ] as const) {
        const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), cli, '--out', out, ...args], { encoding: 'utf8' });
        expect(run.status).toBe(2);
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(run.stderr).toContain(line);
        expect(existsSync(out)).toBe(false);
      }
    }, 60_000);
  });
});
