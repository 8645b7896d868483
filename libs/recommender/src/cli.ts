/**
 * Command line: `recommender <cv|tune|rank-eval|train|recommend|similar> --ratings F ...`.
 * The last stdout line is one JSON object; progress goes to stderr; errors exit non-zero with a
 * one-line message on stderr. `recommend` and `similar` print only their result lines on stdout,
 * one JSON object per user / movie, and their summary as a `summary {...}` line on stderr.
 */
import { RETRAIN_DEFAULTS } from '@reelrank/workflows';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { trainExplicit, trainImplicit, TrainOptions } from './als';
import { DEFAULT_EASE_PARAMS, easeRecommend, trainEase } from './ease';
import { crossValidate, rankEvaluate, rankingSplit } from './evaluate';
import { itemGenres } from './genres';
import { topK } from './kernel';
import { ConfidenceScaling, ExplicitParams, ImplicitParams } from './model';
import { MovieInfo, readMoviesFile } from './movies';
import {
  evaluateNewUsers,
  evaluatePersonas,
  NEW_USER_DEFAULTS,
  NewUserMetrics,
  PersonaResult,
  personas as personasOf,
  ProfileRanker,
} from './new-user';
import { AlsWorkerPool, defaultThreadCount } from './pool';
import { csvRecords, idOf, isRating, MAX_RATING, MIN_RATING, Ratings, RatingsError, readRatingsFile, readTextFile } from './ratings';
import { serializeModel } from './serialize';
import type { RatingInput } from './profile';
import { recommend, SIMILAR_GENRE_WEIGHT, similarItems } from './serving';
import { recommendForTaste, TasteModels } from './taste';
import { tuneExplicit, tuneImplicit } from './tune';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = `usage: recommender <command> --ratings FILE [options]
commands:
  cv         k-fold CV of explicit ALS      [--folds 5] [--seed 42] [model params]
  tune       grid search                    --model explicit|implicit [--folds 5] [--seed 42] [--k 10] [--test-fraction 0.25]
             (the retrain's tuner and grid: k-fold up to ${RETRAIN_DEFAULTS.kfoldMaxRatings} ratings, else a holdout on a user sample)
  rank-eval  top-k ranking vs popularity    --model implicit|explicit [--k 10] [--test-fraction 0.25] [--seed 42] [--tune] [model params]
             (--protocol stratified, the default: all users, a stratified share of each one's ratings held out)
  rank-eval  new users vs baselines         --protocol new-user [--k 10] [--seed 42] [--movies F] [--personas MOVIES_CSV] [--ease|--no-ease]
             users with >= ${NEW_USER_DEFAULTS.minRatings} ratings in ${NEW_USER_DEFAULTS.groups} groups; each group in turn: its users' first ${NEW_USER_DEFAULTS.profileSize} ratings by time
             are the profile, their later ratings are held out (>= ${NEW_USER_DEFAULTS.likedMin} liked, <= ${NEW_USER_DEFAULTS.dislikedMax} disliked), both models are
             trained on the rest. Needs a timestamp column. Rankers: taste (the "for you" list), popularity
             (most-rated), explicit (by predicted rating) and EASE: included by default when at most 3,000
             movies have >= 10 ratings (ml-latest-small: ~2,100, about 7 s per group), --ease forces it,
             --no-ease leaves it out. --personas: also trains on all ratings and checks one persona per
             genre with >= 30 movies (its 8 most-rated movies at 5 stars, 5 most-rated crime dramas at 2).
  train      train on all ratings           --model explicit|implicit --out DIR [model params]
  recommend  "for you" lists                --profiles PROFILES.csv [--k 10] [--tune] [--movies F] [--seed 42]
             PROFILES.csv: header userId,movieId,rating; an empty rating is a skip ("haven't seen it").
             Trains both models on --ratings (engine defaults; --tune runs the retrain's tuning first),
             then prints one line {"userId":...,"movieIds":[...]} per user, in order of first appearance,
             from that user's PROFILES ratings only (fold-in), leaving out their rated and skipped movies;
             stdout holds only these lines; the summary {"users":N,"k":k,...} goes to stderr.
  similar    "more like this" lists         [--k 10] [--min-ratings 10] [--movies F] [--seed 42]
             Trains the implicit model (defaults); one line {"movieId":...,"similar":[...]} per movie with
             >= min-ratings ratings, ascending movieId: the retrain's lists (cosine of implicit item factors
             times (1 - w + w * genre Jaccard), w = ${SIMILAR_GENRE_WEIGHT}, plain cosine without genres; only movies with
             >= min-ratings ratings; the retrain keeps 20, --k 10 gives their first 10);
             stdout holds only these lines; the summary {"movies":N,"k":k,...} goes to stderr.
genres (rank-eval --protocol new-user, recommend, similar): --movies F, else the --personas file, else
  movies.csv beside the ratings file if it exists, else none.
model params: --rank R --lambda L --iterations N --seed S
  explicit:   --pseudo-count C --bias-lambda B
  implicit:   --alpha A --confidence linear|log --epsilon E
other: --threads N (default ${defaultThreadCount()}; 1 = single-threaded), --quiet`;

class UsageError extends Error {}

const FLAGS = new Set(['tune', 'quiet', 'help', 'ease', 'no-ease']);
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
  'protocol',
  'movies',
  'personas',
  'profiles',
  'min-ratings',
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

/** ", 1200-user sample" for a tuning on a sample, "" on all users. */
const sampleNote = (users: number | null) => (users === null ? '' : `, ${users}-user sample`);

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

const COMMON = ['ratings', 'seed', 'threads', 'quiet', 'help'];

/** Rejects every option but `allowed` (and the common ones) for `what`. */
function allowOnly(options: Map<string, string>, allowed: string[], what: string): void {
  const permitted = new Set([...COMMON, ...allowed]);
  const other = [...options.keys()].find((name) => !permitted.has(name));
  if (other !== undefined) throw new UsageError(`--${other} does not apply to ${what}`);
}

/** One user of a profiles file: their ratings and skips, in file order. */
export interface ProfileUser {
  userId: number;
  ratings: RatingInput[];
  /** Movies marked "haven't seen it" (an empty rating): never in the list, not a rating. */
  skips: number[];
}

const PROFILE_HEADER = ['userId', 'movieId', 'rating'];

/**
 * Parses a profiles file (header `userId,movieId,rating`; an empty rating is a skip). Users come in
 * order of first appearance. Errors name `source` and the 1-based line: a wrong header, ids that are
 * not non-negative integers, a rating outside 0.5..5 or not in half steps, a repeated (user, movie).
 */
export function parseProfilesCsv(text: string, source = '<input>'): ProfileUser[] {
  const records = csvRecords(text, source);
  if (records.length === 0) throw new RatingsError(`${source}: file is empty (expected header userId,movieId,rating)`);
  const header = records[0].record;
  if (PROFILE_HEADER.some((name, column) => header[column] !== name)) {
    throw new RatingsError(`${source}:${records[0].info.lines}: expected header userId,movieId,rating but found "${header.join(',')}"`);
  }
  if (records.length === 1) throw new RatingsError(`${source}: no profile rows after the header`);
  const users = new Map<number, ProfileUser>();
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const where = `${source}:${info.lines}`;
    if (record.length < 3) throw new RatingsError(`${where}: expected 3 columns (userId,movieId,rating), found ${record.length}`);
    const [user, movie, rating] = record;
    const userId = idOf(user, 'userId', where);
    const movieId = idOf(movie, 'movieId', where);
    const value = Number(rating);
    if (rating !== '' && !isRating(value)) {
      throw new RatingsError(
        `${where}: rating "${rating}" is not in ${MIN_RATING}..${MAX_RATING} in half steps (leave it empty for a skip)`,
      );
    }
    const key = `${user},${movie}`;
    const first = seen.get(key);
    if (first !== undefined) throw new RatingsError(`${where}: duplicate movie ${movie} for user ${user} (first on line ${first})`);
    seen.set(key, info.lines);
    let entry = users.get(userId);
    if (!entry) users.set(userId, (entry = { userId, ratings: [], skips: [] }));
    if (rating === '') entry.skips.push(movieId);
    else entry.ratings.push({ itemId: movieId, rating: value });
  }
  return [...users.values()];
}

export function readProfilesFile(path: string): ProfileUser[] {
  return parseProfilesCsv(readTextFile(path, 'profiles'), path);
}

/** Trains the two models of the "for you" ranking on `ratings` and builds the genre table from `movies`. */
export async function trainTasteModels(
  ratings: Ratings,
  options: {
    explicit?: Partial<ExplicitParams>;
    implicit?: Partial<ImplicitParams>;
    movies?: readonly MovieInfo[];
    pool?: AlsWorkerPool;
    onSweep?: TrainOptions['onSweep'];
  } = {},
): Promise<TasteModels> {
  const train = { pool: options.pool, onSweep: options.onSweep };
  const explicit = await trainExplicit(ratings, options.explicit ?? {}, train);
  const implicit = await trainImplicit(ratings, options.implicit ?? {}, train);
  if (!options.movies) return { explicit, implicit };
  const genresOf = new Map(options.movies.map((movie) => [movie.movieId, movie.genres]));
  return { explicit, implicit, genres: itemGenres(implicit.itemIds, implicit.itemCounts, genresOf) };
}

/** The popularity baseline: the most-rated movies of `train` (ties: lower movie id), the profile's movies left out. */
export function popularityRanker(train: Ratings): ProfileRanker {
  const counts = new Float64Array(train.itemIds.length);
  for (let r = 0; r < train.items.length; r++) counts[train.items[r]]++;
  const index = new Map<number, number>();
  train.itemIds.forEach((id, item) => index.set(id, item));
  return (profile, k) => {
    const rated = new Set(profile.map((rating) => index.get(rating.itemId)));
    return Array.from(
      topK(counts, k, (item) => rated.has(item) || counts[item] === 0),
      (item) => train.itemIds[item],
    );
  };
}

export interface NewUserRunOptions {
  k?: number;
  seed?: number;
  /** Genres for the taste ranking; without them it runs without its genre factor. */
  movies?: readonly MovieInfo[];
  /** Also train on all ratings and check one persona per genre (titles and genres from these movies). */
  personaMovies?: readonly MovieInfo[];
  /** Include the EASE baseline (default true). */
  ease?: boolean;
  pool?: AlsWorkerPool;
  log?: (line: string) => void;
}

export interface NewUserRun {
  protocol: 'new-user';
  k: number;
  seed: number;
  groups: number;
  profileSize: number;
  minRatings: number;
  likedMin: number;
  dislikedMax: number;
  /** Per ranker: taste (the product), popularity, explicit (by predicted rating), ease. */
  metrics: Record<string, NewUserMetrics>;
  personas?: PersonaResult[];
  seconds: number;
}

export const NEW_USER_RANKERS = {
  taste: 'taste (the "for you" list)',
  popularity: 'popularity (most-rated)',
  explicit: 'explicit ALS by predicted rating',
  ease: `EASE (λ ${DEFAULT_EASE_PARAMS.lambda}, likes ≥ ${DEFAULT_EASE_PARAMS.likeThreshold})`,
};

/** One log line of a ranker's new-user metrics. */
export function formatNewUserMetrics(name: string, m: NewUserMetrics, k: number): string {
  return (
    `${name.padEnd(10)} liked-P@${k} ${m.likedPrecisionAtK.toFixed(4)}  liked-NDCG@${k} ${m.likedNdcgAtK.toFixed(4)}  ` +
    `disliked ${m.dislikedShare.toFixed(4)}  blockbusters ${m.blockbusterShare.toFixed(4)}  coverage ${m.coverage.toFixed(4)}  (${m.users} users)`
  );
}

/**
 * The new-user protocol (see new-user.ts) for the taste ranking next to popularity, explicit ALS by
 * predicted rating and (optionally) EASE, each built per group from that group's training ratings;
 * the taste ranking and the explicit baseline share one pair of trained models per group.
 */
export async function runNewUserProtocol(ratings: Ratings, options: NewUserRunOptions = {}): Promise<NewUserRun> {
  const k = options.k ?? 10;
  const seed = options.seed ?? NEW_USER_DEFAULTS.seed;
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const params = { explicit: { seed }, implicit: { seed }, movies: options.movies, pool: options.pool };
  let cached: { train: Ratings; models: Promise<TasteModels> } | undefined;
  const modelsOf = (train: Ratings): Promise<TasteModels> => {
    if (cached?.train !== train) {
      const trainStarted = performance.now();
      const models = trainTasteModels(train, params).then((trained) => {
        log(
          `  trained explicit + implicit on ${train.values.length} ratings (${((performance.now() - trainStarted) / 1000).toFixed(1)} s)`,
        );
        return trained;
      });
      cached = { train, models };
    }
    return cached.models;
  };
  const rankers: Record<string, (train: Ratings) => ProfileRanker | Promise<ProfileRanker>> = {
    taste: async (train) => {
      const models = await modelsOf(train);
      return (profile, size) => recommendForTaste(models, profile, { k: size }).map((pick) => pick.itemId);
    },
    popularity: popularityRanker,
    explicit: async (train) => {
      const { explicit } = await modelsOf(train);
      return (profile, size) => recommend(explicit, profile, { k: size }).map((pick) => pick.itemId);
    },
  };
  if (options.ease ?? true) {
    rankers.ease = (train) => {
      const easeStarted = performance.now();
      const model = trainEase(train);
      log(`  trained EASE on ${model.itemIds.length} movies (${((performance.now() - easeStarted) / 1000).toFixed(1)} s)`);
      return (profile, size) => easeRecommend(model, profile, size);
    };
  }
  log(`new-user protocol: rankers ${Object.keys(rankers).join(', ')}; k ${k}, seed ${seed}, genres ${options.movies ? 'on' : 'off'}`);
  const metrics = await evaluateNewUsers(ratings, rankers, {
    k,
    seed,
    onGroup: (group, groups) => log(`group ${group}/${groups} done (${((performance.now() - started) / 1000).toFixed(1)} s)`),
  });
  cached = undefined;
  for (const [name, m] of Object.entries(metrics)) log(formatNewUserMetrics(name, m, k));
  const run: NewUserRun = {
    protocol: 'new-user',
    k,
    seed,
    groups: NEW_USER_DEFAULTS.groups,
    profileSize: NEW_USER_DEFAULTS.profileSize,
    minRatings: NEW_USER_DEFAULTS.minRatings,
    likedMin: NEW_USER_DEFAULTS.likedMin,
    dislikedMax: NEW_USER_DEFAULTS.dislikedMax,
    metrics,
    seconds: 0,
  };
  if (options.personaMovies) {
    const movies = options.personaMovies;
    const models = await trainTasteModels(ratings, params);
    log(`personas: trained explicit + implicit on all ${ratings.values.length} ratings`);
    const titles = new Map(movies.map((movie) => [movie.movieId, movie.title]));
    const rank: ProfileRanker = (profile, size) => recommendForTaste(models, profile, { k: size }).map((pick) => pick.itemId);
    run.personas = evaluatePersonas(personasOf(ratings, movies), movies, rank, k);
    for (const persona of run.personas) {
      const listed = persona.movieIds.map((id) => titles.get(id) ?? `movie ${id}`).join('; ');
      log(`persona ${persona.genre}: ${persona.inGenre}/${k} of the genre: ${listed}`);
    }
  }
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

/** EASE joins the new-user protocol by default up to this many movies (n×n inverse per group: ~7 s at 2,000 on one core). */
const EASE_AUTO_MOVIES = 3000;

function countMovies(ratings: Ratings, minRatings: number): number {
  const counts = new Int32Array(ratings.itemIds.length);
  for (let r = 0; r < ratings.items.length; r++) counts[ratings.items[r]]++;
  return counts.filter((count) => count >= minRatings).length;
}

/** Where the genres come from: --movies, else the --personas file, else movies.csv beside the ratings. */
function genreSource(options: Map<string, string>, ratingsPath: string, log: (line: string) => void): string | undefined {
  const given = options.get('movies');
  if (given) return given;
  const personas = options.get('personas');
  if (personas) {
    log(`genres from ${personas} (the --personas file; --movies not given)`);
    return personas;
  }
  const beside = join(dirname(ratingsPath), 'movies.csv');
  if (existsSync(beside)) {
    log(`genres from ${beside} (beside the ratings file; --movies chooses another)`);
    return beside;
  }
  log(`no genres: no --movies and no movies.csv beside ${ratingsPath}`);
  return undefined;
}

/** What `recommend` and `similar` report after their result lines: on stderr, so stdout holds only results. */
class Summary {
  constructor(readonly value: object) {}
}

const summary = (value: object) => new Summary(value);

async function runCommand(
  command: string,
  options: Map<string, string>,
  log: (line: string) => void,
  pool: AlsWorkerPool | undefined,
  emit: (value: object) => void,
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
          `best ${JSON.stringify(result.params)}: rmse ${result.rmse.toFixed(4)} ± ${result.rmseStd.toFixed(4)} (${result.protocol}${sampleNote(result.sampleUsers)}, ${result.seconds.toFixed(1)} s)`,
        );
        return result;
      }
      const testFraction = numberOption(options, 'test-fraction', 'fraction') ?? 0.25;
      const k = numberOption(options, 'k', 'int') ?? 10;
      const result = await tuneImplicit(load(), { k, testFraction, seed, pool, onProgress });
      log(
        `best ${JSON.stringify(result.params)}: validation NDCG@${k} ${result.ndcgAtK.toFixed(4)} (${result.protocol}${sampleNote(result.sampleUsers)}, ${result.seconds.toFixed(1)} s)`,
      );
      return result;
    }
    case 'rank-eval': {
      const protocol = options.get('protocol') ?? 'stratified';
      if (protocol === 'new-user') {
        allowOnly(options, ['protocol', 'k', 'movies', 'personas', 'ease', 'no-ease'], '--protocol new-user');
        if (options.has('ease') && options.has('no-ease')) throw new UsageError('--ease and --no-ease contradict each other');
        const k = numberOption(options, 'k', 'int') ?? 10;
        const ratings = load();
        if (!ratings.timestamps) {
          throw new RatingsError(
            `${ratingsPath}: the new-user protocol orders each user's ratings by time, but the file has no timestamp column (header userId,movieId,rating,timestamp)`,
          );
        }
        const moviesPath = genreSource(options, ratingsPath, log);
        const personasPath = options.get('personas');
        const read = new Map<string, MovieInfo[]>();
        const movies = (path: string) => {
          if (!read.has(path)) {
            read.set(path, readMoviesFile(path));
            log(`loaded ${read.get(path)!.length} movies from ${path}`);
          }
          return read.get(path)!;
        };
        let ease = options.has('ease') || !options.has('no-ease');
        if (!options.has('ease') && !options.has('no-ease')) {
          const easeMovies = countMovies(ratings, DEFAULT_EASE_PARAMS.minRatings);
          ease = easeMovies <= EASE_AUTO_MOVIES;
          if (!ease) {
            log(
              `EASE left out: ${easeMovies} movies with >= ${DEFAULT_EASE_PARAMS.minRatings} ratings (its n×n inverse is run by default up to ${EASE_AUTO_MOVIES}; --ease forces it)`,
            );
          }
        }
        const run = await runNewUserProtocol(ratings, {
          k,
          seed,
          movies: moviesPath ? movies(moviesPath) : undefined,
          personaMovies: personasPath ? movies(personasPath) : undefined,
          ease,
          pool,
          log,
        });
        return { ...run, genres: moviesPath ?? null };
      }
      if (protocol !== 'stratified') throw new UsageError(`--protocol must be stratified or new-user, got "${protocol}"`);
      rejectOptions(options, ['movies', 'personas', 'ease', 'no-ease'], 'applies to --protocol new-user only');
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
        const tuned =
          kind === 'implicit'
            ? await tuneImplicit(ratings, { k, testFraction, seed, pool, onProgress })
            : await tuneExplicit(rankingSplit(ratings, testFraction, seed).train, { seed, pool, onProgress });
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
    case 'recommend': {
      allowOnly(options, ['profiles', 'k', 'tune', 'movies'], 'recommend');
      const profilesPath = options.get('profiles');
      if (!profilesPath) throw new UsageError('--profiles FILE is required');
      const k = numberOption(options, 'k', 'int') ?? 10;
      const profiles = readProfilesFile(profilesPath);
      const rated = profiles.reduce((sum, user) => sum + user.ratings.length, 0);
      const skipped = profiles.reduce((sum, user) => sum + user.skips.length, 0);
      log(`loaded ${profiles.length} profiles (${rated} ratings, ${skipped} skips) from ${profilesPath}`);
      const ratings = load();
      const moviesPath = genreSource(options, ratingsPath, log);
      const movies = moviesPath ? readMoviesFile(moviesPath) : undefined;
      if (movies) log(`loaded ${movies.length} movies from ${moviesPath}`);
      let explicit: Partial<ExplicitParams> = { seed };
      let implicit: Partial<ImplicitParams> = { seed };
      let tuning: object | undefined;
      if (options.has('tune')) {
        // The retrain's tuning: explicit by 5-fold CV of all ratings, implicit on the ranking split's training part.
        const onProgress = (p: { message: string }) => log(p.message);
        const explicitTuning = await tuneExplicit(ratings, { folds: 5, seed, pool, onProgress });
        const implicitTuning = await tuneImplicit(ratings, { seed, pool, onProgress });
        explicit = explicitTuning.params;
        implicit = implicitTuning.params;
        tuning = {
          explicit: { params: explicitTuning.params, rmse: explicitTuning.rmse, seconds: explicitTuning.seconds },
          implicit: { params: implicitTuning.params, ndcgAtK: implicitTuning.ndcgAtK, seconds: implicitTuning.seconds },
        };
      }
      const models = await trainTasteModels(ratings, { explicit, implicit, movies, pool, onSweep });
      let coldStart = 0;
      for (const user of profiles) {
        const picks = recommendForTaste(models, user.ratings, { k, exclude: user.skips });
        if (picks[0]?.source === 'cold-start') coldStart++;
        emit({ userId: user.userId, movieIds: picks.map((pick) => pick.itemId) });
      }
      log(`${profiles.length} lists of ${k}; ${coldStart} from the cold-start ranking (no rated movie known to the model)`);
      return summary({
        users: profiles.length,
        k,
        coldStartUsers: coldStart,
        genres: moviesPath ?? null,
        params: { explicit: models.explicit.params, implicit: models.implicit.params },
        ...(tuning ? { tuning } : {}),
      });
    }
    case 'similar': {
      allowOnly(options, ['k', 'min-ratings', 'movies'], 'similar');
      const k = numberOption(options, 'k', 'int') ?? 10;
      const minRatings = numberOption(options, 'min-ratings', 'int') ?? 10;
      const ratings = load();
      const moviesPath = genreSource(options, ratingsPath, log);
      const movies = moviesPath ? readMoviesFile(moviesPath) : undefined;
      if (movies) log(`loaded ${movies.length} movies from ${moviesPath}`);
      const model = await trainImplicit(ratings, { seed }, { pool, onSweep });
      // As the retrain publishes them (worker/src/training/publish.ts): genre-weighted cosine when genres are known.
      const genres = movies ? itemGenres(model.itemIds, model.itemCounts, new Map(movies.map((m) => [m.movieId, m.genres]))) : undefined;
      let listed = 0;
      for (let item = 0; item < model.itemIds.length; item++) {
        if (model.itemCounts[item] < minRatings) continue;
        const movieId = model.itemIds[item];
        emit({ movieId, similar: similarItems(model, movieId, { k, minRatings, genres }).map((s) => s.itemId) });
        listed++;
      }
      log(`${listed} movies with >= ${minRatings} ratings, up to ${k} similar movies each`);
      return summary({
        movies: listed,
        k,
        minRatings,
        genres: moviesPath ?? null,
        genreWeight: genres ? SIMILAR_GENRE_WEIGHT : 0,
        params: model.params,
      });
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
    const emit = (value: object) => {
      assertFinite(value);
      streams.stdout.write(`${JSON.stringify(value)}\n`);
    };
    const result = await runCommand(command, options, log, pool, emit);
    if (result instanceof Summary) {
      assertFinite(result.value);
      log(`summary ${JSON.stringify(result.value)}`);
    } else {
      assertFinite(result);
      streams.stdout.write(`${JSON.stringify(result)}\n`);
    }
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
