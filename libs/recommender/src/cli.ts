/**
 * Command line: `recommender <cv|tune|rank-eval|train> --ratings F ...`.
 * The last stdout line is one JSON object; progress goes to stderr; errors exit non-zero with a
 * one-line message on stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainExplicit, trainImplicit, TrainOptions } from './als';
import { crossValidate, rankEvaluate, rankingSplit } from './evaluate';
import { ConfidenceScaling, ExplicitParams, ImplicitParams } from './model';
import { AlsWorkerPool, defaultThreadCount } from './pool';
import { readRatingsFile } from './ratings';
import { serializeModel } from './serialize';
import { tuneExplicit, tuneImplicit } from './tune';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = `usage: recommender <command> --ratings FILE [options]
commands:
  cv         k-fold CV of explicit ALS      [--folds 5] [--seed 42] [model params]
  tune       grid search                    --model explicit|implicit [--folds 5] [--seed 42] [--k 10] [--test-fraction 0.25]
  rank-eval  top-k ranking vs popularity    --model implicit|explicit [--k 10] [--test-fraction 0.25] [--seed 42] [--tune] [model params]
  train      train on all ratings           --model explicit|implicit --out DIR [model params]
model params: --rank R --lambda L --iterations N --seed S
  explicit:   --pseudo-count C --bias-lambda B
  implicit:   --alpha A --confidence linear|log --epsilon E
other: --threads N (default ${defaultThreadCount()}; 1 = single-threaded), --quiet`;

class UsageError extends Error {}

const FLAGS = new Set(['tune', 'quiet', 'help']);
const OPTIONS = new Set([
  'ratings',
  'model',
  'folds',
  'seed',
  'k',
  'test-fraction',
  'rank',
  'lambda',
  'iterations',
  'pseudo-count',
  'bias-lambda',
  'alpha',
  'confidence',
  'epsilon',
  'threads',
  'out',
]);

function parseArgs(argv: readonly string[]): { command: string; options: Map<string, string> } {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError('missing command');
  const options = new Map<string, string>();
  for (let a = 0; a < rest.length; a++) {
    const arg = rest[a];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (FLAGS.has(name)) {
      options.set(name, 'true');
    } else if (OPTIONS.has(name)) {
      const value = inline ?? (rest[a + 1]?.startsWith('--') ? undefined : rest[++a]);
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { command, options };
}

function numberOption(
  options: Map<string, string>,
  name: string,
  check: 'int' | 'positive' | 'non-negative' | 'fraction',
): number | undefined {
  const raw = options.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (check === 'int'
      ? Number.isInteger(value) && value >= 1
      : check === 'positive'
        ? value > 0
        : check === 'non-negative'
          ? value >= 0
          : value > 0 && value < 1);
  if (!ok) {
    const expected = {
      int: 'a positive integer',
      positive: 'a positive number',
      'non-negative': 'a non-negative number',
      fraction: 'a number between 0 and 1',
    }[check];
    throw new UsageError(`--${name} must be ${expected}, got "${raw}"`);
  }
  return value;
}

function seedOption(options: Map<string, string>): number {
  const raw = options.get('seed');
  if (raw === undefined) return 42;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new UsageError(`--seed must be an integer in 0..4294967295, got "${raw}"`);
  return value;
}

function modelOption(options: Map<string, string>, fallback?: 'explicit' | 'implicit'): 'explicit' | 'implicit' {
  const model = options.get('model') ?? fallback;
  if (model !== 'explicit' && model !== 'implicit')
    throw new UsageError(`--model must be explicit or implicit${model ? `, got "${model}"` : ''}`);
  return model;
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function explicitParams(options: Map<string, string>, seed: number): Partial<ExplicitParams> {
  return defined({
    rank: numberOption(options, 'rank', 'int'),
    lambda: numberOption(options, 'lambda', 'positive'),
    pseudoCount: numberOption(options, 'pseudo-count', 'non-negative'),
    biasLambda: numberOption(options, 'bias-lambda', 'positive'),
    iterations: numberOption(options, 'iterations', 'int'),
    seed,
  });
}

function implicitParams(options: Map<string, string>, seed: number): Partial<ImplicitParams> {
  const confidence = options.get('confidence');
  if (confidence !== undefined && confidence !== 'linear' && confidence !== 'log')
    throw new UsageError(`--confidence must be linear or log, got "${confidence}"`);
  return defined({
    rank: numberOption(options, 'rank', 'int'),
    lambda: numberOption(options, 'lambda', 'positive'),
    alpha: numberOption(options, 'alpha', 'positive'),
    confidence: confidence as ConfidenceScaling | undefined,
    epsilon: numberOption(options, 'epsilon', 'positive'),
    iterations: numberOption(options, 'iterations', 'int'),
    seed,
  });
}

function rejectOptions(options: Map<string, string>, names: string[], why: string): void {
  const given = names.filter((name) => options.has(name));
  if (given.length > 0) throw new UsageError(`--${given[0]} ${why}`);
}

const EXPLICIT_ONLY = ['pseudo-count', 'bias-lambda'];
const IMPLICIT_ONLY = ['alpha', 'confidence', 'epsilon'];

/** Throws if any number in the result is NaN or infinite (the output contract forbids them). */
function assertFinite(value: unknown, path = 'result'): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`internal error: ${path} is ${value}`);
  if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) assertFinite(child, `${path}.${key}`);
}

async function runCommand(
  command: string,
  options: Map<string, string>,
  log: (line: string) => void,
  pool: AlsWorkerPool | undefined,
): Promise<object> {
  const ratingsPath = options.get('ratings');
  if (!ratingsPath) throw new UsageError('--ratings FILE is required');
  const seed = seedOption(options);
  const onSweep: TrainOptions['onSweep'] = (p) => log(`${p.kind} sweep ${p.sweep}/${p.sweeps} ${(p.seconds * 1000).toFixed(1)} ms`);
  const load = () => {
    const ratings = readRatingsFile(ratingsPath);
    log(`loaded ${ratings.values.length} ratings, ${ratings.userIds.length} users, ${ratings.itemIds.length} items from ${ratingsPath}`);
    return ratings;
  };

  switch (command) {
    case 'cv': {
      if (modelOption(options, 'explicit') === 'implicit')
        throw new UsageError('cv evaluates rating prediction (explicit only); use rank-eval for --model implicit');
      rejectOptions(options, IMPLICIT_ONLY, 'applies to --model implicit only');
      const params = explicitParams(options, seed);
      const folds = numberOption(options, 'folds', 'int') ?? 5;
      const result = await crossValidate(load(), params, {
        folds,
        seed,
        pool,
        onSweep,
        onFold: (f) => log(`fold ${f.fold + 1}/${folds}: rmse ${f.rmse.toFixed(4)} mae ${f.mae.toFixed(4)} (${f.seconds.toFixed(1)} s)`),
      });
      log(`rmse ${result.rmse.toFixed(4)} ± ${result.rmseStd.toFixed(4)}, mae ${result.mae.toFixed(4)}`);
      return result;
    }
    case 'tune': {
      const kind = modelOption(options);
      const onProgress = (p: { message: string }) => log(p.message);
      if (kind === 'explicit') {
        const result = await tuneExplicit(load(), { folds: numberOption(options, 'folds', 'int') ?? 5, seed, pool, onProgress });
        log(
          `best ${JSON.stringify(result.params)}: rmse ${result.rmse.toFixed(4)} ± ${result.rmseStd.toFixed(4)} (${result.seconds.toFixed(1)} s)`,
        );
        return result;
      }
      const testFraction = numberOption(options, 'test-fraction', 'fraction') ?? 0.25;
      const k = numberOption(options, 'k', 'int') ?? 10;
      const { train } = rankingSplit(load(), testFraction, seed);
      const result = await tuneImplicit(train, { k, seed, pool, onProgress });
      log(`best ${JSON.stringify(result.params)}: validation NDCG@${k} ${result.ndcgAtK.toFixed(4)} (${result.seconds.toFixed(1)} s)`);
      return { ...result, testFraction };
    }
    case 'rank-eval': {
      const kind = modelOption(options);
      rejectOptions(options, kind === 'explicit' ? IMPLICIT_ONLY : EXPLICIT_ONLY, `does not apply to --model ${kind}`);
      const k = numberOption(options, 'k', 'int') ?? 10;
      const testFraction = numberOption(options, 'test-fraction', 'fraction') ?? 0.25;
      const ratings = load();
      let params: Partial<ExplicitParams> | Partial<ImplicitParams> =
        kind === 'explicit' ? explicitParams(options, seed) : implicitParams(options, seed);
      let tuning: object | undefined;
      if (options.has('tune')) {
        const onProgress = (p: { message: string }) => log(p.message);
        const { train } = rankingSplit(ratings, testFraction, seed);
        const tuned =
          kind === 'implicit'
            ? await tuneImplicit(train, { k, seed, pool, onProgress })
            : await tuneExplicit(train, { seed, pool, onProgress });
        params = { ...tuned.params, ...params };
        tuning = { params: tuned.params, seconds: tuned.seconds, configurations: tuned.configurations.length };
      }
      const result = await rankEvaluate(ratings, { kind, params, k, testFraction, seed, pool, onSweep });
      log(
        `P@${k} ${result.precisionAtK.toFixed(4)} NDCG@${k} ${result.ndcgAtK.toFixed(4)} (popularity P@${k} ${result.popularity.precisionAtK.toFixed(4)} NDCG@${k} ${result.popularity.ndcgAtK.toFixed(4)})`,
      );
      return tuning ? { ...result, tuning } : result;
    }
    case 'train': {
      const kind = modelOption(options);
      rejectOptions(options, kind === 'explicit' ? IMPLICIT_ONLY : EXPLICIT_ONLY, `does not apply to --model ${kind}`);
      const out = options.get('out');
      if (!out) throw new UsageError('--out DIR is required');
      const ratings = load();
      const started = performance.now();
      const model =
        kind === 'explicit'
          ? await trainExplicit(ratings, explicitParams(options, seed), { pool, onSweep })
          : await trainImplicit(ratings, implicitParams(options, seed), { pool, onSweep });
      const seconds = (performance.now() - started) / 1000;
      const { manifest, files } = serializeModel(model, { timings: { trainSeconds: seconds }, createdAt: new Date().toISOString() });
      mkdirSync(out, { recursive: true });
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(out, name), bytes);
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
      log(`wrote ${kind} model to ${out}`);
      return { out, manifest };
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Runs the CLI and returns the exit code (0 ok, 1 error, 2 usage). */
export async function main(argv: readonly string[], streams: CliStreams = process): Promise<number> {
  let pool: AlsWorkerPool | undefined;
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
      streams.stderr.write(`${USAGE}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    const { command, options } = parseArgs(argv);
    if (options.has('help')) {
      streams.stderr.write(`${USAGE}\n`);
      return 0;
    }
    const quiet = options.has('quiet');
    const log = (line: string) => {
      if (!quiet) streams.stderr.write(`${line}\n`);
    };
    const threads = numberOption(options, 'threads', 'int') ?? defaultThreadCount();
    if (threads > 1) pool = new AlsWorkerPool({ threads });
    const result = await runCommand(command, options, log, pool);
    assertFinite(result);
    streams.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    const usage = error instanceof UsageError;
    streams.stderr.write(`error: ${message}${usage ? ' (see --help)' : ''}\n`);
    return usage ? 2 : 1;
  } finally {
    await pool?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
