import { DEFAULT_EXPLICIT_GRID, DEFAULT_IMPLICIT_GRID } from '@reelrank/workflows';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainImplicit } from './als';
import { main } from './cli';
import { itemGenres } from './genres';
import { MovieInfo } from './movies';
import { mulberry32 } from './random';
import { readRatingsFile } from './ratings';
import { deserializeModel, ModelManifest } from './serialize';
import { similarItems } from './serving';

const HEADER = 'userId,movieId,rating,timestamp';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'recommender-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * 40 users × 30 movies from a rank-2 taste model, half-star ratings, about half observed;
 * user 1000 and movie 5000 have a single rating each.
 */
function syntheticCsv(newline = '\n'): string {
  const random = mulberry32(5);
  const lines = [HEADER];
  const taste = Array.from({ length: 40 }, () => [random() - 0.5, random() - 0.5]);
  const profile = Array.from({ length: 30 }, () => [random() - 0.5, random() - 0.5]);
  for (let u = 0; u < 40; u++) {
    for (let i = 0; i < 30; i++) {
      if (random() < 0.5) continue;
      const raw = 3.2 + 3 * (taste[u][0] * profile[i][0] + taste[u][1] * profile[i][1]) + (random() - 0.5);
      const rating = Math.min(5, Math.max(0.5, Math.round(raw * 2) / 2));
      lines.push(`${u + 1},${(i + 1) * 10},${rating.toFixed(1)},${1_000_000 + u * 100 + i}`);
    }
  }
  lines.push('1000,10,4.0,1', '1,5000,3.5,2');
  return lines.join(newline) + newline;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
  /** The `summary {...}` stderr line of recommend and similar. */
  summary: Record<string, unknown>;
}

async function run(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main([...args, '--threads', '1'], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  const summaryLine = stderr.split('\n').find((line) => line.startsWith('summary '));
  return {
    code,
    stdout,
    stderr,
    json: code === 0 && last ? JSON.parse(last) : {},
    summary: summaryLine ? JSON.parse(summaryLine.slice('summary '.length)) : {},
  };
}

/** Every number anywhere in the value is finite. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

describe('cli commands', () => {
  let ratings: string;
  beforeAll(() => {
    ratings = file('ratings.csv', syntheticCsv());
  });

  it('cv prints fold metrics, mean ± std and params as the last JSON line', async () => {
    const { code, json, stderr } = await run(
      'cv',
      '--ratings',
      ratings,
      '--model',
      'explicit',
      '--folds',
      '5',
      '--seed',
      '42',
      '--rank',
      '3',
      '--iterations',
      '5',
    );
    expect(code).toBe(0);
    expect(json.folds).toHaveLength(5);
    expect(json.rmse).toBeGreaterThan(0);
    expect(json.rmse).toBeLessThan(1.5);
    expect(json).toHaveProperty('rmseStd');
    expect(json).toHaveProperty('mae');
    expect(json).toHaveProperty('secondsPerSweep');
    expect(json.params).toMatchObject({ rank: 3, iterations: 5, seed: 42 });
    expect(allFinite(json)).toBe(true);
    expect(stderr).toMatch(/fold 1\/5/);
  });

  it('cv with the default (tuned) params and the worker pool agrees with the inline run', async () => {
    const inline = await run('cv', '--ratings', ratings, '--folds', '3');
    let pooledOut = '';
    const code = await main(['cv', '--ratings', ratings, '--folds', '3', '--threads', '2', '--quiet'], {
      stdout: { write: (text: string) => (pooledOut += text) },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    expect(JSON.parse(pooledOut).rmse).toBe(inline.json.rmse);
  });

  it('accepts CRLF line endings', async () => {
    const crlf = file('crlf.csv', syntheticCsv('\r\n'));
    const a = await run('cv', '--ratings', ratings, '--rank', '2', '--iterations', '3');
    const b = await run('cv', '--ratings', crlf, '--rank', '2', '--iterations', '3');
    expect(b.code).toBe(0);
    expect(b.json.rmse).toBe(a.json.rmse);
  });

  it('tune (explicit) runs the retrain tuner on its default grid: every configuration kept, the best by CV RMSE', async () => {
    const { code, json } = await run('tune', '--ratings', ratings, '--model', 'explicit', '--folds', '3', '--seed', '1');
    expect(code).toBe(0);
    expect(json).toMatchObject({ protocol: 'kfold', sampleUsers: null, folds: 3 });
    const configurations = json.configurations as { rmse: number; folds: number }[];
    const { ranks, lambdas, pseudoCounts, biasLambdas, iterations } = DEFAULT_EXPLICIT_GRID;
    expect(configurations).toHaveLength(ranks.length * lambdas.length * pseudoCounts.length * biasLambdas.length * iterations.length);
    const fullyEvaluated = configurations.filter((c) => c.folds === 3);
    expect(json.rmse).toBe(Math.min(...fullyEvaluated.map((c) => c.rmse)));
    expect(allFinite(json)).toBe(true);
  });

  it('tune (implicit) picks the configuration with the best validation NDCG', async () => {
    const { code, json } = await run('tune', '--ratings', ratings, '--model', 'implicit', '--seed', '1');
    expect(code).toBe(0);
    const configurations = json.configurations as { ndcgAtK: number }[];
    const { ranks, lambdas, alphas, confidences, iterations } = DEFAULT_IMPLICIT_GRID;
    expect(configurations).toHaveLength(ranks.length * lambdas.length * alphas.length * confidences.length * iterations.length);
    expect(json.ndcgAtK).toBe(Math.max(...configurations.map((c) => c.ndcgAtK)));
    expect(json.params).toHaveProperty('alpha');
    expect(allFinite(json)).toBe(true);
  });

  it.each(['implicit', 'explicit'])('rank-eval --model %s reports model and popularity metrics', async (model) => {
    const { code, json } = await run(
      'rank-eval',
      '--ratings',
      ratings,
      '--model',
      model,
      '--k',
      '5',
      '--test-fraction',
      '0.25',
      '--seed',
      '42',
    );
    expect(code).toBe(0);
    for (const metrics of [json, json.popularity as Record<string, number>]) {
      for (const name of ['precisionAtK', 'recallAtK', 'ndcgAtK', 'mapAtK', 'coverage']) {
        expect(metrics[name]).toBeGreaterThanOrEqual(0);
        expect(metrics[name]).toBeLessThanOrEqual(1);
      }
    }
    expect((json.params as { rank: number }).rank).toBeGreaterThan(0);
    expect(allFinite(json)).toBe(true);
  });

  it('rank-eval --tune tunes on the training part and evaluates with the chosen params', async () => {
    const { code, json } = await run('rank-eval', '--ratings', ratings, '--model', 'implicit', '--tune', '--k', '5');
    expect(code).toBe(0);
    expect((json.tuning as { params: object }).params).toEqual(json.params);
  });

  it('train writes a manifest and binary files that load back', async () => {
    const out = join(dir, 'model');
    const { code, json } = await run(
      'train',
      '--ratings',
      ratings,
      '--model',
      'explicit',
      '--out',
      out,
      '--rank',
      '3',
      '--iterations',
      '3',
    );
    expect(code).toBe(0);
    expect(json.out).toBe(out);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ModelManifest;
    const files = Object.fromEntries(manifest.files.map((f) => [f.name, new Uint8Array(readFileSync(join(out, f.name)))]));
    const model = deserializeModel(manifest, files);
    expect(model.userIds).toContain(1000);
    expect(model.itemIds).toContain(5000);
  });
});

describe('cli bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['empty file', '', /empty/],
    ['header only', `${HEADER}\n`, /no ratings after the header/],
    ['wrong header', 'user,movie,rating\n1,2,3\n', /:1: expected header starting userId,movieId,rating/],
    ['rating above range', `${HEADER}\n1,2,4,0\n1,3,5.5,0\n`, /:3: rating "5.5" is not in 0.5..5 in half steps/],
    ['rating zero', `${HEADER}\n1,2,0,0\n`, /:2: rating "0"/],
    ['not a half step', `${HEADER}\n1,2,3.3,0\n`, /:2: rating "3.3"/],
    ['missing rating', `${HEADER}\n1,2,,0\n`, /:2: rating ""/],
    ['non-integer user id', `${HEADER}\n1,2,3,0\n1.5,2,3,0\n`, /:3: userId "1.5" is not a non-negative integer/],
    ['non-numeric movie id', `${HEADER}\n1,abc,3,0\n`, /:2: movieId "abc"/],
    ['too few columns', `${HEADER}\n1,2\n`, /:2: expected at least 3 columns/],
    ['duplicate rating', `${HEADER}\n1,2,3,0\n1,3,3,0\n1,2,4,0\n`, /:4: duplicate rating of movie 2 by user 1 \(first on line 2\)/],
  ];

  it.each(cases)('%s: exits non-zero with one clear line naming the file', async (_name, content, message) => {
    const path = file('bad.csv', content);
    const { code, stdout, stderr } = await run('cv', '--ratings', path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(path);
    expect(stderr).toMatch(message);
  });

  it('reports a missing file', async () => {
    const { code, stderr } = await run('rank-eval', '--ratings', join(dir, 'nope.csv'), '--model', 'implicit');
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope\.csv: cannot read ratings file \(ENOENT\)/);
  });

  it('reports too few ratings for the folds', async () => {
    const path = file('tiny.csv', `${HEADER}\n1,2,3,0\n2,2,4,0\n`);
    const { code, stderr } = await run('cv', '--ratings', path, '--folds', '5');
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot split 2 ratings into 5 folds/);
  });

  it.each([
    [['cv', '--ratings', 'x.csv', '--bogus', '1'], /unknown option --bogus/],
    [['cv', '--ratings', 'x.csv', '--folds', '0'], /--folds must be a positive integer/],
    [['cv', '--ratings', 'x.csv', '--lambda', 'abc'], /--lambda must be a positive number/],
    [
      ['rank-eval', '--ratings', 'x.csv', '--model', 'implicit', '--test-fraction', '1.5'],
      /--test-fraction must be a number between 0 and 1/,
    ],
    [['cv', '--model', 'explicit'], /--ratings FILE is required/],
    [['cv', '--ratings', 'x.csv', '--model', 'implicit'], /cv evaluates rating prediction/],
    [['tune', '--ratings', 'x.csv'], /--model must be explicit or implicit/],
    [['rank-eval', '--ratings', 'x.csv', '--model', 'explicit', '--alpha', '2'], /--alpha does not apply to --model explicit/],
    [['predict', '--ratings', 'x.csv'], /unknown command "predict"/],
    [['cv', '--ratings'], /--ratings needs a value/],
  ])('usage error %#: exit 2', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('handles single-rating users/items and ids unseen in training without NaN', async () => {
    // Users 2..9 and movies 20..90 have one rating each, so every fold has unseen ids.
    const lines = [HEADER];
    for (let m = 1; m <= 12; m++) lines.push(`1,${m},${(1 + (m % 9) / 2).toFixed(1)},0`);
    for (let u = 2; u <= 9; u++) lines.push(`${u},${u * 10},4.5,0`);
    const path = file('sparse.csv', lines.join('\n'));
    const cv = await run('cv', '--ratings', path, '--folds', '4');
    expect(cv.code).toBe(0);
    expect(allFinite(cv.json)).toBe(true);
    const ranking = await run('rank-eval', '--ratings', path, '--model', 'implicit', '--k', '3');
    expect(ranking.code).toBe(0);
    expect(allFinite(ranking.json)).toBe(true);
  });
});

describe('cli process', () => {
  const cli = join(__dirname, 'cli.ts');
  const spawnCli = (...args: string[]) =>
    spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), cli, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints progress on stderr and exactly one JSON object as the last stdout line', () => {
    const ratings = file('spawn.csv', syntheticCsv());
    const result = spawnCli('cv', '--ratings', ratings, '--folds', '3', '--rank', '2', '--iterations', '3');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toHaveProperty('rmse');
    expect(result.stderr).toMatch(/fold 3\/3/);
  });

  it('recommend prints only its {userId, movieIds} lines on stdout, the summary on stderr', () => {
    const ratings = file('spawn-recommend.csv', twoClustersCsv());
    const profiles = file('spawn-profiles.csv', 'userId,movieId,rating\n1,11,5\n2,1,\n');
    const result = spawnCli('recommend', '--ratings', ratings, '--profiles', profiles, '--k', '3');
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => Object.keys(line))).toEqual([
      ['userId', 'movieIds'],
      ['userId', 'movieIds'],
    ]);
    expect(result.stderr).toMatch(/2 lists of 3/);
    expect(result.stderr).toMatch(/^summary \{"users":2,"k":3,/m);
  });

  it('exits non-zero with a one-line message on error', () => {
    const result = spawnCli('cv', '--ratings', join(dir, 'missing.csv'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: .*missing\.csv: cannot read ratings file/)]);
  });
});

/** Every stdout line of a successful run as JSON. */
function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Two clusters: movies 1..10 (A) and 11..20 (B). Odd users love B, even users love A: about 8 of
 * their own cluster at 4–5 stars and 3 of the other at 1–2.5, timestamps in rating order.
 */
function twoClustersCsv(users = 40, own = 0.8, other = 0.3): string {
  const random = mulberry32(11);
  const lines = [HEADER];
  for (let u = 1; u <= users; u++) {
    const fan = u % 2 === 0 ? 0 : 1;
    for (let m = 1; m <= 20; m++) {
      const mine = (m <= 10 ? 0 : 1) === fan;
      if (random() > (mine ? own : other)) continue;
      const rating = mine ? 4 + Math.round(random() * 2) / 2 : 1 + Math.round(random() * 3) / 2;
      lines.push(`${u},${m},${rating.toFixed(1)},${1000 + u * 100 + m}`);
    }
  }
  return lines.join('\n') + '\n';
}

const CLUSTER_A = (id: number) => id <= 10;

/** Mean position of cluster A's movies in `list`, counting only `candidates` (so lists with different exclusions compare). */
function meanPositionOfA(list: number[], candidates: Set<number>): number {
  const kept = list.filter((id) => candidates.has(id));
  const positions = kept.flatMap((id, position) => (CLUSTER_A(id) ? [position] : []));
  return positions.reduce((sum, p) => sum + p, 0) / positions.length;
}

describe('cli recommend', () => {
  let sub: string;
  let ratings: string;
  beforeAll(() => {
    sub = mkdtempSync(join(dir, 'recommend-'));
    ratings = join(sub, 'ratings.csv');
    writeFileSync(ratings, twoClustersCsv());
  });
  const profiles = (name: string, rows: string[]) => {
    const path = join(sub, name);
    writeFileSync(path, ['userId,movieId,rating', ...rows].join('\n') + '\n');
    return path;
  };
  const listsOf = (stdout: string) => new Map(jsonLines(stdout).map((line) => [line.userId as number, line.movieIds as number[]]));

  it('prints one {userId, movieIds} line per user in order of first appearance, and a summary on stderr', async () => {
    const path = profiles('contract.csv', ['9001,11,5', '3,1,4.5', '9001,12,', '9001,2,2', '3,13,', '77,999,4', '3,14,3.5']);
    const { code, stdout, summary: json, stderr } = await run('recommend', '--ratings', ratings, '--profiles', path, '--k', '5');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.map((line) => line.userId)).toEqual([9001, 3, 77]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['userId', 'movieIds']);
      expect(line.movieIds).toHaveLength(5);
      expect(new Set(line.movieIds as number[]).size).toBe(5);
    }
    const lists = listsOf(stdout);
    // Rated movies and skips are left out.
    for (const id of [11, 12, 2]) expect(lists.get(9001)).not.toContain(id);
    for (const id of [1, 13, 14]) expect(lists.get(3)).not.toContain(id);
    // User 77 rated only a movie the model does not know: the cold-start ranking.
    expect(json).toMatchObject({ users: 3, k: 5, coldStartUsers: 1, genres: null });
    expect(json.params).toHaveProperty('explicit');
    expect(json.params).toHaveProperty('implicit');
    expect(allFinite(json)).toBe(true);
    expect(stderr).toMatch(/loaded 3 profiles \(5 ratings, 2 skips\)/);
    expect(stderr).toMatch(/no genres: no --movies and no movies\.csv beside/);
  });

  it('uses only the PROFILES ratings: a training user gets the list of an unknown user with the same profile', async () => {
    // User 2 loves cluster A in training; here they rate two B movies only, like new user 9002.
    const path = profiles('known.csv', ['2,11,5', '2,12,4.5', '9002,11,5', '9002,12,4.5']);
    const { code, stdout } = await run('recommend', '--ratings', ratings, '--profiles', path, '--k', '8');
    expect(code).toBe(0);
    const lists = listsOf(stdout);
    expect(lists.get(2)).toEqual(lists.get(9002));
    expect(lists.get(2)!.filter(CLUSTER_A).length).toBeLessThanOrEqual(2);
  });

  it.each([
    ['without genres', false],
    ['with genres from movies.csv beside the ratings', true],
  ])('a 2-star rating pushes the movies like it down, a 5-star pulls them up (%s)', async (_name, withGenres) => {
    const own = mkdtempSync(join(dir, 'genres-'));
    const path = join(own, 'ratings.csv');
    writeFileSync(path, twoClustersCsv());
    if (withGenres) {
      const movies = Array.from(
        { length: 20 },
        (_, i) => `${i + 1},Movie ${i + 1} (2000),${i < 10 ? 'Animation|Children' : 'Crime|Drama'}`,
      );
      writeFileSync(join(own, 'movies.csv'), ['movieId,title,genres', ...movies].join('\n') + '\n');
    }
    // Everyone liked B movie 11 and A movie 2; then movie 1 (cluster A) rated 2 stars, 5 stars, or not at all.
    const base = (user: number) => [`${user},11,5`, `${user},2,5`];
    const file = profiles('two-stars.csv', [...base(1), ...base(2), '2,1,2', ...base(3), '3,1,5']);
    const { code, stdout, summary: json } = await run('recommend', '--ratings', path, '--profiles', file, '--k', '20');
    expect(code).toBe(0);
    expect(json.genres).toBe(withGenres ? join(own, 'movies.csv') : null);
    const lists = listsOf(stdout);
    const candidates = new Set([3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const without = meanPositionOfA(lists.get(1)!, candidates);
    const disliked = meanPositionOfA(lists.get(2)!, candidates);
    const liked = meanPositionOfA(lists.get(3)!, candidates);
    expect(disliked).toBeGreaterThan(without + 2);
    expect(liked).toBeLessThan(without);
    // The 2-star profile's top 5 holds no movie of the disliked movie's cluster; the 5-star one's holds mostly them.
    expect(lists.get(2)!.slice(0, 5).filter(CLUSTER_A)).toEqual([]);
    expect(lists.get(3)!.slice(0, 5).filter(CLUSTER_A).length).toBeGreaterThanOrEqual(4);
  });

  it('a skipped movie never comes back, even when it would be the top pick, and is not a rating', async () => {
    // Without skips: user 1's top pick, and the cold-start top pick (user 5 only rated a movie the model does not know).
    const first = await run(
      'recommend',
      '--ratings',
      ratings,
      '--profiles',
      profiles('top.csv', ['1,11,5', '1,2,5', '5,999,4']),
      '--k',
      '6',
    );
    const top = listsOf(first.stdout).get(1)!;
    const coldTop = listsOf(first.stdout).get(5)!;
    const second = await run(
      'recommend',
      '--ratings',
      ratings,
      '--profiles',
      profiles('skip.csv', ['1,11,5', '1,2,5', `1,${top[0]},`, `5,${coldTop[0]},`]),
      '--k',
      '6',
    );
    expect(second.code).toBe(0);
    const lists = listsOf(second.stdout);
    // The same list without the skipped movie (a skip is not folded in as a rating), one more movie at the end.
    expect(lists.get(1)).not.toContain(top[0]);
    expect(lists.get(1)!.slice(0, 5)).toEqual(top.slice(1));
    // A user with nothing but a skip gets the cold-start ranking without it.
    expect(lists.get(5)).not.toContain(coldTop[0]);
    expect(lists.get(5)!.slice(0, 5)).toEqual(coldTop.slice(1));
    expect(second.summary.coldStartUsers).toBe(1);
  });

  it('--tune runs both tunings first and trains with the chosen params', async () => {
    const {
      code,
      summary: json,
      stderr,
    } = await run('recommend', '--ratings', ratings, '--profiles', profiles('tune.csv', ['1,11,5']), '--tune');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^explicit .*fold/m);
    const tuning = json.tuning as { explicit: { params: object }; implicit: { params: object } };
    expect((json.params as { explicit: object }).explicit).toEqual(tuning.explicit.params);
    expect((json.params as { implicit: object }).implicit).toEqual(tuning.implicit.params);
  });

  const broken: [string, string, RegExp][] = [
    ['empty file', '', /profiles\.csv: file is empty/],
    ['wrong header', 'user,movie,rating\n1,2,3\n', /:1: expected header userId,movieId,rating but found "user,movie,rating"/],
    ['header only', 'userId,movieId,rating\n', /no profile rows after the header/],
    ['non-integer user id', 'userId,movieId,rating\n1,2,3\nx,2,3\n', /:3: userId "x" is not a non-negative integer/],
    ['negative movie id', 'userId,movieId,rating\n1,-2,3\n', /:2: movieId "-2" is not a non-negative integer/],
    ['rating 7', 'userId,movieId,rating\n1,2,7\n', /:2: rating "7" is not in 0\.5\.\.5 in half steps/],
    ['rating 0', 'userId,movieId,rating\n1,2,0\n', /:2: rating "0" is not in 0\.5\.\.5/],
    ['not a half step', 'userId,movieId,rating\n1,2,3.3\n', /:2: rating "3\.3"/],
    ['non-numeric rating', 'userId,movieId,rating\n1,2,good\n', /:2: rating "good"/],
    ['too few columns', 'userId,movieId,rating\n1,2\n', /:2: expected 3 columns/],
    ['duplicate pair', 'userId,movieId,rating\n1,2,3\n1,3,4\n1,2,4\n', /:4: duplicate movie 2 for user 1 \(first on line 2\)/],
    ['a skip and a rating of one movie', 'userId,movieId,rating\n1,2,\n1,2,4\n', /:3: duplicate movie 2 for user 1/],
  ];

  it.each(broken)('broken profiles (%s): exit 1, one line naming the file and line, nothing on stdout', async (_name, content, message) => {
    const path = join(sub, 'profiles.csv');
    writeFileSync(path, content);
    const { code, stdout, stderr } = await run('recommend', '--ratings', ratings, '--profiles', path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(path);
    expect(stderr).toMatch(message);
  });

  it('reports a missing profiles file', async () => {
    const { code, stderr } = await run('recommend', '--ratings', ratings, '--profiles', join(sub, 'nope.csv'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope\.csv: cannot read profiles file \(ENOENT\)/);
  });
});

describe('cli similar', () => {
  it('prints one {movieId, similar} line per movie with enough ratings, ascending, and a summary on stderr', async () => {
    const path = file('similar.csv', twoClustersCsv());
    const { code, stdout, summary: json } = await run('similar', '--ratings', path, '--k', '4', '--min-ratings', '22');
    expect(code).toBe(0);
    const counts = new Map<number, number>();
    for (const line of readFileSync(path, 'utf8').trim().split('\n').slice(1)) {
      const movie = Number(line.split(',')[1]);
      counts.set(movie, (counts.get(movie) ?? 0) + 1);
    }
    const eligible = [...counts].filter(([, n]) => n >= 22).map(([id]) => id);
    expect(eligible.length).toBeGreaterThan(5);
    expect(eligible.length).toBeLessThan(20);
    const lines = jsonLines(stdout);
    expect(lines.map((line) => line.movieId)).toEqual([...eligible].sort((a, b) => a - b));
    let sameCluster = 0;
    let total = 0;
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['movieId', 'similar']);
      const similar = line.similar as number[];
      expect(similar).toHaveLength(4);
      expect(similar).not.toContain(line.movieId);
      for (const id of similar) expect(eligible).toContain(id);
      sameCluster += similar.filter((id) => CLUSTER_A(id) === CLUSTER_A(line.movieId as number)).length;
      total += similar.length;
    }
    expect(sameCluster / total).toBeGreaterThan(0.75);
    expect(json).toMatchObject({ movies: lines.length, k: 4, minRatings: 22 });
    expect(json.params).toHaveProperty('likeThreshold');
  });

  it.each([
    ['without genres', false],
    ['with genres from movies.csv beside the ratings', true],
  ])('gives the lists the retrain publishes (similarItems of the default implicit model, %s)', async (_name, withGenres) => {
    const own = mkdtempSync(join(dir, 'similar-'));
    const path = join(own, 'ratings.csv');
    writeFileSync(path, twoClustersCsv());
    // Genres that cut across the clusters, so the genre weighting changes the lists.
    const movies: MovieInfo[] = Array.from({ length: 20 }, (_, i) => ({
      movieId: i + 1,
      title: `Movie ${i + 1}`,
      genres: [i % 2 ? 'Comedy' : 'Horror'],
    }));
    if (withGenres)
      writeFileSync(
        join(own, 'movies.csv'),
        ['movieId,title,genres', ...movies.map((m) => `${m.movieId},${m.title},${m.genres[0]}`)].join('\n') + '\n',
      );
    const { code, stdout, summary: json } = await run('similar', '--ratings', path);
    expect(code).toBe(0);
    expect(json.genres).toBe(withGenres ? join(own, 'movies.csv') : null);
    const model = await trainImplicit(readRatingsFile(path));
    const genres = withGenres ? itemGenres(model.itemIds, model.itemCounts, new Map(movies.map((m) => [m.movieId, m.genres]))) : undefined;
    const lines = jsonLines(stdout);
    expect(lines.length).toBeGreaterThan(10);
    let differFromPlainCosine = 0;
    for (const line of lines) {
      expect(line.similar).toEqual(similarItems(model, line.movieId as number, { k: 10, minRatings: 10, genres }).map((s) => s.itemId));
      const plain = similarItems(model, line.movieId as number, { k: 10, minRatings: 10 }).map((s) => s.itemId);
      if (JSON.stringify(plain) !== JSON.stringify(line.similar)) differFromPlainCosine++;
    }
    if (withGenres) expect(differFromPlainCosine).toBeGreaterThan(lines.length / 2);
    else expect(differFromPlainCosine).toBe(0);
  });
});

describe('cli rank-eval --protocol new-user', () => {
  let sub: string;
  let ratings: string;
  let movies: string;
  beforeAll(() => {
    sub = mkdtempSync(join(dir, 'new-user-'));
    // 30 users with about 45 ratings each over 60 movies: A (1..30, Animation) and B (31..60, Crime|Drama).
    const random = mulberry32(21);
    const lines = [HEADER];
    for (let u = 1; u <= 30; u++) {
      const fan = u % 2;
      for (let m = 1; m <= 60; m++) {
        const mine = (m <= 30 ? 0 : 1) === fan;
        if (random() > (mine ? 0.95 : 0.55)) continue;
        const rating = mine ? 3.5 + Math.round(random() * 3) / 2 : 1 + Math.round(random() * 4) / 2;
        lines.push(`${u},${m},${rating.toFixed(1)},${Math.floor(random() * 1e6)}`);
      }
    }
    ratings = join(sub, 'ratings.csv');
    writeFileSync(ratings, lines.join('\n') + '\n');
    movies = join(sub, 'movies-genres.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${i + 1},"Movie ${i + 1}, The (2000)",${i < 30 ? 'Animation' : 'Crime|Drama'}`);
    writeFileSync(movies, ['movieId,title,genres', ...rows].join('\n') + '\n');
  });

  it('reports every ranker and the personas, with a stderr line per ranker and persona', async () => {
    const { code, json, stderr } = await run('rank-eval', '--protocol', 'new-user', '--ratings', ratings, '--personas', movies, '--k', '5');
    expect(code).toBe(0);
    expect(json).toMatchObject({ protocol: 'new-user', k: 5, seed: 42, groups: 5, profileSize: 10, minRatings: 40, genres: movies });
    const metrics = json.metrics as Record<string, Record<string, number>>;
    expect(Object.keys(metrics)).toEqual(['taste', 'popularity', 'explicit', 'ease']);
    for (const [name, m] of Object.entries(metrics)) {
      for (const key of ['likedPrecisionAtK', 'likedNdcgAtK', 'dislikedShare', 'blockbusterShare', 'coverage']) {
        expect(m[key]).toBeGreaterThanOrEqual(0);
        expect(m[key]).toBeLessThanOrEqual(1);
      }
      expect(m.users).toBeGreaterThan(20);
      expect(stderr).toMatch(new RegExp(`^${name} +liked-P@5 \\d\\.\\d{4} `, 'm'));
    }
    // The taste ranking follows each profile's cluster; popularity cannot.
    expect(metrics.taste.likedPrecisionAtK).toBeGreaterThan(metrics.popularity.likedPrecisionAtK);
    const personas = json.personas as { genre: string; inGenre: number; movieIds: number[] }[];
    expect(personas.map((p) => p.genre)).toEqual(['Animation', 'Crime', 'Drama']);
    for (const persona of personas) {
      expect(persona.movieIds).toHaveLength(5);
      expect(persona.inGenre).toBeGreaterThanOrEqual(0);
      expect(persona.inGenre).toBeLessThanOrEqual(5);
    }
    expect(personas[0].inGenre).toBeGreaterThanOrEqual(4);
    expect(stderr).toMatch(/^persona Animation: \d\/5 of the genre: Movie \d+, The \(2000\)/m);
    expect(stderr).toMatch(/genres from .*movies-genres\.csv \(the --personas file; --movies not given\)/);
    expect(allFinite(json)).toBe(true);
  });

  it('takes genres from movies.csv beside the ratings, and --no-ease leaves EASE out', async () => {
    writeFileSync(join(sub, 'movies.csv'), readFileSync(movies, 'utf8'));
    const { code, json, stderr } = await run('rank-eval', '--protocol', 'new-user', '--ratings', ratings, '--no-ease');
    rmSync(join(sub, 'movies.csv'));
    expect(code).toBe(0);
    expect(json.genres).toBe(join(sub, 'movies.csv'));
    expect(Object.keys(json.metrics as object)).toEqual(['taste', 'popularity', 'explicit']);
    expect(json).not.toHaveProperty('personas');
    expect(stderr).toMatch(/beside the ratings file/);
  });

  it('needs timestamps: a ratings file without a timestamp column is an error (exit 1)', async () => {
    const path = join(sub, 'no-time.csv');
    writeFileSync(path, readFileSync(ratings, 'utf8').replace(/,\d+$/gm, '').replace(',rating,timestamp', ',rating'));
    const { code, stdout, stderr } = await run('rank-eval', '--protocol', 'new-user', '--ratings', path, '--quiet');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: .*no-time\.csv: the new-user protocol orders each user's ratings by time/),
    ]);
  });

  it('reports too few users with enough ratings (exit 1)', async () => {
    const { code, stderr } = await run('rank-eval', '--protocol', 'new-user', '--ratings', file('few.csv', syntheticCsv()));
    expect(code).toBe(1);
    expect(stderr).toMatch(/needs at least 5 users with ≥ 40 ratings, found 0/);
  });
});

describe('cli usage of the new commands', () => {
  it.each([
    [['recommend', '--ratings', 'x.csv'], /--profiles FILE is required/],
    [['recommend', '--ratings', 'x.csv', '--profiles', 'p.csv', '--model', 'implicit'], /--model does not apply to recommend/],
    [['recommend', '--ratings', 'x.csv', '--profiles', 'p.csv', '--k', '0'], /--k must be a positive integer/],
    [['similar', '--ratings', 'x.csv', '--min-ratings', '0'], /--min-ratings must be a positive integer/],
    [['similar', '--ratings', 'x.csv', '--profiles', 'p.csv'], /--profiles does not apply to similar/],
    [['rank-eval', '--ratings', 'x.csv', '--protocol', 'weekly'], /--protocol must be stratified or new-user, got "weekly"/],
    [['rank-eval', '--ratings', 'x.csv', '--protocol', 'new-user', '--model', 'implicit'], /--model does not apply to --protocol new-user/],
    [['rank-eval', '--ratings', 'x.csv', '--protocol', 'new-user', '--tune'], /--tune does not apply to --protocol new-user/],
    [['rank-eval', '--ratings', 'x.csv', '--protocol', 'new-user', '--ease', '--no-ease'], /--ease and --no-ease contradict/],
    [['rank-eval', '--ratings', 'x.csv', '--model', 'implicit', '--personas', 'm.csv'], /--personas applies to --protocol new-user only/],
  ])('usage error %#: exit 2', async (args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('--help documents the new commands and where their summaries go', async () => {
    let stderr = '';
    const code = await main(['--help'], { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } });
    expect(code).toBe(0);
    expect(stderr).toMatch(/--protocol new-user/);
    expect(stderr).toMatch(/recommend .*--profiles PROFILES\.csv/);
    expect(stderr).toMatch(/stdout holds only these lines; the summary \{"users":N,"k":k,\.\.\.\} goes to stderr/);
    expect(stderr).toMatch(/similar .*--min-ratings 10/);
  });
});
