import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './cli';
import { mulberry32 } from './random';
import { deserializeModel, ModelManifest } from './serialize';

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
}

async function run(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main([...args, '--threads', '1'], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return { code, stdout, stderr, json: code === 0 ? JSON.parse(last) : {} };
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

  it('tune (explicit) keeps every configuration and returns the best by CV RMSE', async () => {
    const { code, json } = await run('tune', '--ratings', ratings, '--model', 'explicit', '--folds', '3', '--seed', '1');
    expect(code).toBe(0);
    const configurations = json.configurations as { rmse: number; folds: number }[];
    expect(configurations.length).toBeGreaterThan(10);
    const fullyEvaluated = configurations.filter((c) => c.folds === 3);
    expect(json.rmse).toBe(Math.min(...fullyEvaluated.map((c) => c.rmse)));
    expect(allFinite(json)).toBe(true);
  });

  it('tune (implicit) picks the configuration with the best validation NDCG', async () => {
    const { code, json } = await run('tune', '--ratings', ratings, '--model', 'implicit', '--seed', '1');
    expect(code).toBe(0);
    const configurations = json.configurations as { ndcgAtK: number }[];
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

  it('exits non-zero with a one-line message on error', () => {
    const result = spawnCli('cv', '--ratings', join(dir, 'missing.csv'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: .*missing\.csv: cannot read ratings file/)]);
  });
});
