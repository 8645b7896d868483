import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';

/**
 * MovieLens releases, from which sizes are scaled: `--preset <name>` takes a row as it is; `--ratings N` alone
 * takes users and movies interpolated between the rows on a log-log scale (extrapolated past the ends).
 */
export const PRESETS = {
  'ml-100k': { ratings: 100_000, users: 943, movies: 1_682 },
  'ml-1m': { ratings: 1_000_000, users: 6_040, movies: 3_706 },
  'ml-10m': { ratings: 10_000_000, users: 69_878, movies: 10_677 },
  'ml-20m': { ratings: 20_000_000, users: 138_493, movies: 27_278 },
  'ml-25m': { ratings: 25_000_000, users: 162_541, movies: 62_423 },
  'ml-32m': { ratings: 32_000_000, users: 200_000, movies: 87_000 },
} as const;
export type PresetName = keyof typeof PRESETS;

/** Allowed range of each numeric option (the CLI's names). */
export const OPTION_RANGES = {
  ratings: { min: 1, max: 200_000_000, integer: true },
  users: { min: 1, max: 10_000_000, integer: true },
  movies: { min: 1, max: 10_000_000, integer: true },
  seed: { min: 0, max: 4_294_967_295, integer: true },
  rank: { min: 1, max: 128, integer: true },
  noise: { min: 0, max: 5, integer: false },
} as const;
type RangedOption = keyof typeof OPTION_RANGES;

/** The planted model's fixed shape (the manifest repeats them). */
const PLANTED = {
  /** Global mean before the biases and the taste term. */
  mu: 3.4,
  userBiasStd: 0.4,
  movieBiasStd: 0.35,
  /** The taste term x_u·y_i has this standard deviation whatever the rank (each coordinate ~ N(0, (std²/rank)^½)). */
  tasteStd: 0.5,
  /**
   * How much taste decides what a user rates: a popularity draw is kept with probability
   * 1 / (1 + exp(selectionOffset - selectivity · x_u·y_i / tasteStd)), so users rate far more of what they like (as
   * people do). Ranking the unrated movies by this true probability beats ranking by popularity by about 70 % in
   * NDCG@10 at 1M ratings (with selectivity 2 and no offset, only by 17 %: too little to tell a model from popularity).
   */
  selectivity: 3,
  selectionOffset: 2,
  /** Zipf exponent of movie popularity and Pareto index of user activity (as the previous generator). */
  zipf: 1.1,
  activityPareto: 1.3,
  /** Every user rates at least this many movies (MovieLens's rule), and at most this share of the movies. */
  minPerUser: 20,
  maxShareOfMovies: 0.6,
};

export interface GenerateOptions {
  out: string;
  /** A MovieLens release's size; `ratings`, `users` and `movies` override its figures. */
  preset?: string;
  /** Required without a preset. Numbers, or the CLI's text (checked the same way). */
  ratings?: number | string;
  users?: number | string;
  movies?: number | string;
  /** Default 42. */
  seed?: number | string;
  /** Dimensions of the hidden taste vectors (default 16). */
  rank?: number | string;
  /** Standard deviation of the Gaussian noise added to each rating before rounding (default 0.8). */
  noise?: number | string;
  /** Tags per rating (ml-latest-small: 0.0365). */
  tagRate?: number;
  onProgress?: (ratingsWritten: number) => void;
}

/** A generator option out of range or malformed; the message is one line naming the option and its range. */
export class GenerateOptionError extends Error {
  override name = 'GenerateOptionError';
}

export interface ResolvedGenerateOptions {
  out: string;
  ratings: number;
  users: number;
  movies: number;
  seed: number;
  rank: number;
  noise: number;
  tagRate: number;
}

/** planted.json, written beside the CSVs. */
export interface PlantedManifest {
  generator: 'planted-taste';
  version: number;
  seed: number;
  rank: number;
  /** Noise standard deviation (before rounding to half stars and clipping to 0.5..5). */
  sigma: number;
  mu: number;
  userBiasStd: number;
  movieBiasStd: number;
  tasteStd: number;
  selectivity: number;
  selectionOffset: number;
  ratings: number;
  users: number;
  movies: number;
  tags: number;
  links: number;
  /** Mean of the written ratings. */
  meanRating: number;
  /**
   * The planted model's own error on the written ratings: its noise-free prediction clip(μ + b_u + b_i + x_u·y_i, 0.5, 5)
   * (not rounded) against each written star rating, accumulated while writing. No model can expect to do better.
   */
  noiseFloor: { rmse: number; mae: number };
  /** The genres, each a direction in factor space (see plantedModel); a movie takes the 1 to 3 its factors point to most. */
  genres: string[];
}

export interface GenerateResult extends ResolvedGenerateOptions {
  tags: number;
  links: number;
  bytes: Record<'ratings' | 'movies' | 'links' | 'tags', number>;
  manifest: PlantedManifest;
}

/** Bumped whenever the same options would write other data (caches key on it). */
export const GENERATOR_VERSION = 2;

export const GENRES = [
  'Drama',
  'Comedy',
  'Thriller',
  'Action',
  'Romance',
  'Adventure',
  'Crime',
  'Sci-Fi',
  'Horror',
  'Fantasy',
  'Children',
  'Animation',
  'Mystery',
  'Documentary',
  'War',
  'Musical',
  'Western',
  'IMAX',
  'Film-Noir',
];
const WORDS = [
  'Lost',
  'City',
  'Night',
  'Return',
  'Dark',
  'Love',
  'Last',
  'Summer',
  'Man',
  'Woman',
  'Story',
  'King',
  'Dream',
  'River',
  'Star',
  'War',
  'Secret',
  'Island',
  'Ghost',
  'Road',
  'Heart',
  'Blue',
  'Fire',
  'Winter',
  'House',
  'Game',
  'Time',
  'Shadow',
];
const TAGS = [
  'atmospheric',
  'funny',
  'twist ending',
  'dark comedy',
  'visually appealing',
  'thought-provoking',
  'classic',
  'based on a book',
  'sci-fi',
  'surreal',
  'quirky',
  'violence',
  'great soundtrack',
  'Oscar (Best Picture)',
  'dystopia',
  'time travel',
  'romance',
  'philosophical',
  'cult film',
  'predictable',
  'slow',
  'beautiful',
  'mindfuck',
  'stylized',
  'satire',
  'nonlinear',
  'dialogue',
  'In Netflix queue',
  'Highly quotable',
  'boring, but pretty',
  'must see',
  'overrated',
  'Disney',
  'animation',
  'WWII',
  'Leonardo DiCaprio',
  'Christopher Nolan',
  'remake',
  'family',
  'psychology',
  '"quoted" tag',
];
const HALF_STARS = Array.from({ length: 10 }, (_, i) => ((i + 1) / 2).toFixed(1));
const FIRST = Date.UTC(1996, 2, 29) / 1000;
const LAST = Date.UTC(2018, 8, 24) / 1000;

/** Small, fast, seedable PRNG (sfc32). */
export function rng(seed: number): () => number {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Standard normal draws from `random` (Box–Muller, both values used). */
function gaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** A seed for stream `stream` (movies, activity, user u…) of generator seed `seed` (murmur3's finaliser). */
function streamSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
const MOVIE_STREAM = -1;
const GENRE_STREAM = -2;
const ACTIVITY_STREAM = -3;

/** Checks one option against OPTION_RANGES; accepts a number or the CLI's text (`1_000_000` allowed). */
function ranged(name: RangedOption, value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const range = OPTION_RANGES[name];
  const number = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value.replace(/_/g, ''));
  const fits = Number.isFinite(number) && (!range.integer || Number.isInteger(number)) && number >= range.min && number <= range.max;
  if (!fits) {
    const kind = range.integer ? 'an integer' : 'a number';
    throw new GenerateOptionError(
      `--${name} must be ${kind} from ${range.min.toLocaleString('en-US')} to ${range.max.toLocaleString('en-US')} (got ${JSON.stringify(String(value))})`,
    );
  }
  return number;
}

/** Users or movies for `ratings` ratings, interpolated between the MovieLens releases on a log-log scale. */
function scaledLikeMovieLens(ratings: number, of: 'users' | 'movies'): number {
  const rows = Object.values(PRESETS);
  const at = Math.min(rows.length - 2, Math.max(0, rows.findIndex((row) => row.ratings >= ratings) - 1));
  const [lo, hi] = [rows[at], rows[at + 1]];
  const slope = Math.log(hi[of] / lo[of]) / Math.log(hi.ratings / lo.ratings);
  return Math.max(1, Math.round(lo[of] * Math.pow(ratings / lo.ratings, slope)));
}

/**
 * The options with defaults and preset applied, every one checked: throws GenerateOptionError (one line naming the
 * option and its allowed range) for anything out of range or malformed, before anything is written.
 */
export function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  if (!options.out) throw new GenerateOptionError('--out is required: the folder to write');
  let preset: (typeof PRESETS)[PresetName] | undefined;
  if (options.preset !== undefined) {
    if (!Object.hasOwn(PRESETS, options.preset))
      throw new GenerateOptionError(`--preset must be one of ${Object.keys(PRESETS).join(', ')} (got ${JSON.stringify(options.preset)})`);
    preset = PRESETS[options.preset as PresetName];
  }
  const ratings = ranged('ratings', options.ratings) ?? preset?.ratings;
  if (ratings === undefined) throw new GenerateOptionError('--ratings (or --preset) is required');
  const sameSize = preset?.ratings === ratings;
  const users = ranged('users', options.users) ?? (sameSize ? preset!.users : Math.min(ratings, scaledLikeMovieLens(ratings, 'users')));
  const movies = ranged('movies', options.movies) ?? (sameSize ? preset!.movies : scaledLikeMovieLens(ratings, 'movies'));
  if (users > ratings)
    throw new GenerateOptionError(
      `--users must be from 1 to --ratings (${ratings.toLocaleString('en-US')}): every user rates a movie (got ${users})`,
    );
  const maxPerUser = Math.max(1, Math.floor(movies * PLANTED.maxShareOfMovies));
  if (users * maxPerUser < ratings)
    throw new GenerateOptionError(
      `--movies must be at least ${Math.ceil(ratings / users / PLANTED.maxShareOfMovies).toLocaleString('en-US')} for ${ratings.toLocaleString('en-US')} ratings of ${users.toLocaleString('en-US')} users (a user rates at most ${PLANTED.maxShareOfMovies * 100}% of the movies; got ${movies})`,
    );
  const tagRate = options.tagRate ?? 0.0365;
  if (!(tagRate >= 0 && tagRate <= 0.1)) throw new GenerateOptionError(`tagRate must be a number from 0 to 0.1 (got ${tagRate})`);
  return {
    out: resolve(options.out),
    ratings,
    users,
    movies,
    seed: ranged('seed', options.seed) ?? 42,
    rank: ranged('rank', options.rank) ?? 16,
    noise: ranged('noise', options.noise) ?? 0.8,
    tagRate,
  };
}

/** The hidden model behind a planted dataset, rebuilt from its options (the generator and its checks use this one). */
export interface PlantedModel {
  rank: number;
  mu: number;
  /** Movie index (movies.csv order) → movieId. */
  movieIds: Int32Array;
  movieBias: Float64Array;
  /** movies × rank, row-major. */
  movieFactors: Float64Array;
  /** genres × rank unit directions, row-major (order of PlantedManifest.genres). */
  genreDirections: Float64Array;
  /** The user's bias and factors (user index u = userId - 1), then the random stream the generator goes on with. */
  user(u: number): { bias: number; factors: Float64Array; random: () => number; normal: () => number };
  /** The noise-free prediction clip(μ + b_u + b_i + x_u·y_i, 0.5, 5). */
  truth(user: { bias: number; factors: Float64Array }, movie: number): number;
  /** x_u·y_i alone. */
  taste(factors: Float64Array, movie: number): number;
}

export function plantedModel(options: Pick<ResolvedGenerateOptions, 'seed' | 'rank' | 'movies'>): PlantedModel {
  const { seed, rank, movies } = options;
  const factorStd = Math.sqrt(PLANTED.tasteStd / Math.sqrt(rank));
  const random = rng(streamSeed(seed, MOVIE_STREAM));
  const normal = gaussian(random);
  const movieIds = new Int32Array(movies);
  const movieBias = new Float64Array(movies);
  const movieFactors = new Float64Array(movies * rank);
  for (let i = 0, id = 0; i < movies; i++) {
    id += 1 + (random() < 0.3 ? Math.floor(-Math.log(1 - random()) * 8) : 0);
    movieIds[i] = id;
    movieBias[i] = normal() * PLANTED.movieBiasStd;
    for (let f = 0; f < rank; f++) movieFactors[i * rank + f] = normal() * factorStd;
  }
  const genreRandom = gaussian(rng(streamSeed(seed, GENRE_STREAM)));
  const genreDirections = new Float64Array(GENRES.length * rank);
  for (let g = 0; g < GENRES.length; g++) {
    const direction = genreDirections.subarray(g * rank, (g + 1) * rank);
    for (let f = 0; f < rank; f++) direction[f] = genreRandom();
    const norm = Math.hypot(...direction) || 1;
    for (let f = 0; f < rank; f++) direction[f] /= norm;
  }
  const taste = (factors: Float64Array, movie: number) => {
    let dot = 0;
    for (let f = 0, at = movie * rank; f < rank; f++, at++) dot += factors[f] * movieFactors[at];
    return dot;
  };
  return {
    rank,
    mu: PLANTED.mu,
    movieIds,
    movieBias,
    movieFactors,
    genreDirections,
    user(u) {
      const userRandom = rng(streamSeed(seed, u));
      const userNormal = gaussian(userRandom);
      const bias = userNormal() * PLANTED.userBiasStd;
      const factors = new Float64Array(rank);
      for (let f = 0; f < rank; f++) factors[f] = userNormal() * factorStd;
      return { bias, factors, random: userRandom, normal: userNormal };
    },
    truth(user, movie) {
      return Math.min(5, Math.max(0.5, PLANTED.mu + user.bias + movieBias[movie] + taste(user.factors, movie)));
    },
    taste,
  };
}

/** Buffered writer that respects the stream's backpressure. */
class CsvWriter {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  private readonly stream: WriteStream;

  constructor(path: string, header: string) {
    this.stream = createWriteStream(path);
    this.parts.push(`${header}\n`);
  }

  /** Queues a line; returns a promise only when the buffer was flushed (await it for backpressure). */
  line(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= 1 << 20 ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const chunk = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  /** Stops writing after a failure (the folder is removed). */
  destroy(): void {
    this.stream.destroy();
  }
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * Writes a synthetic MovieLens folder of any size with planted taste: every user and movie has a hidden bias and
 * factor vector (`plantedModel`), and each rating is clip(μ + b_u + b_i + x_u·y_i + N(0, noise²)) rounded to half
 * stars, so the best achievable RMSE (planted.json's noiseFloor) is known exactly. Which movies a user rates follows
 * popularity (Zipf over a random order of movies) and taste (users rate more of what they like); user activity is
 * long-tailed (Pareto) with at least min(20, ratings/users) ratings each; genres are directions in factor space and a
 * movie takes the 1 to 3 its factors point to most. Ratings are sorted by userId then movieId as in MovieLens,
 * timestamps fall between 1996 and 2018 in bursts per user, tags come from a vocabulary (some quoted, some with
 * commas), plus links.csv. Streams to disk in bounded memory (the movies' factors, one user at a time) into a
 * temporary folder renamed to `out` at the end, so a failure leaves nothing half-written. Deterministic for a seed.
 */
export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const resolved = resolveGenerateOptions(options);
  const { out } = resolved;
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length))
    throw new GenerateOptionError(`--out must be a new or empty folder (${out} is not)`);
  mkdirSync(dirname(out), { recursive: true });
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  const writers: CsvWriter[] = [];
  const writer = (file: string, header: string) => {
    const created = new CsvWriter(join(partial, file), header);
    writers.push(created);
    return created;
  };
  try {
    const result = await writePlanted(resolved, options.onProgress, writer);
    writeFileSync(join(partial, 'planted.json'), `${JSON.stringify(result.manifest, null, 2)}\n`);
    if (existsSync(out)) rmdirSync(out);
    renameSync(partial, out);
    return result;
  } catch (error) {
    for (const open of writers) open.destroy();
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

async function writePlanted(
  resolved: ResolvedGenerateOptions,
  onProgress: ((ratingsWritten: number) => void) | undefined,
  writer: (file: string, header: string) => CsvWriter,
): Promise<GenerateResult> {
  const { ratings: totalRatings, users: userCount, movies: movieCount, rank, noise, tagRate } = resolved;
  const model = plantedModel(resolved);
  const random = rng(streamSeed(resolved.seed, ACTIVITY_STREAM));
  const maxPerUser = Math.max(1, Math.floor(movieCount * PLANTED.maxShareOfMovies));

  // Popularity: Zipf over a random order of movies.
  const order = Array.from({ length: movieCount }, (_, i) => i);
  for (let i = movieCount - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cumulative = new Float64Array(movieCount);
  const byRank = Int32Array.from(order);
  let mass = 0;
  for (let rank = 0; rank < movieCount; rank++) cumulative[rank] = mass += 1 / Math.pow(rank + 1, PLANTED.zipf);
  const popularMovie = (draw: number) => {
    const target = draw * mass;
    let lo = 0,
      hi = movieCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return byRank[lo];
  };

  const movies = writer('movies.csv', 'movieId,title,genres');
  const links = writer('links.csv', 'movieId,imdbId,tmdbId');
  const movieIdText = Array.from(model.movieIds, String);
  const genreScores = new Float64Array(GENRES.length);
  const byScore = GENRES.map((_, g) => g);
  for (let i = 0; i < movieCount; i++) {
    const words = 1 + Math.floor(random() * 3);
    let title = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    if (random() < 0.2) title = `${title}, The`;
    if (random() < 0.05) title = `${title} (a.k.a. ${WORDS[Math.floor(random() * WORDS.length)]})`;
    const year = 1920 + Math.floor(Math.pow(random(), 0.5) * 99);
    const withYear = random() < 0.998 ? `${title} ${i + 1} (${year})` : `${title} ${i + 1}`;
    let genres = '(no genres listed)';
    if (random() >= 0.0035) {
      for (let g = 0; g < GENRES.length; g++) genreScores[g] = model.taste(model.genreDirections.subarray(g * rank, (g + 1) * rank), i);
      byScore.sort((a, b) => genreScores[b] - genreScores[a]);
      genres = byScore
        .slice(0, 1 + Math.floor(random() * 3))
        .map((g) => GENRES[g])
        .join('|');
    }
    await movies.line(`${movieIdText[i]},${csvField(withYear)},${genres}\n`);
    const imdb = String(100000 + Math.floor(random() * 9_800_000)).padStart(7, '0');
    const tmdb = random() < 0.001 ? '' : String(1 + Math.floor(random() * 600_000));
    await links.line(`${movieIdText[i]},${imdb},${tmdb}\n`);
  }
  await Promise.all([movies.close(), links.close()]);

  // Ratings per user: a floor plus a Pareto share of the rest (long tail), capped at a share of the movies.
  const floor = Math.min(PLANTED.minPerUser, Math.floor(totalRatings / userCount));
  const weights = new Float64Array(userCount);
  let weightSum = 0;
  for (let u = 0; u < userCount; u++) weightSum += weights[u] = Math.pow(1 - random(), -1 / PLANTED.activityPareto) - 1;
  const counts = new Int32Array(userCount);
  let assigned = 0;
  const spare = totalRatings - floor * userCount;
  for (let u = 0; u < userCount; u++) assigned += counts[u] = Math.min(maxPerUser, floor + Math.floor((spare * weights[u]) / weightSum));
  while (assigned < totalRatings) {
    const u = Math.floor(random() * userCount);
    if (counts[u] < maxPerUser) {
      counts[u]++;
      assigned++;
    }
  }

  const ratings = writer('ratings.csv', 'userId,movieId,rating,timestamp');
  const tags = writer('tags.csv', 'userId,movieId,tag,timestamp');
  const taken = new Uint8Array(movieCount);
  const picks = new Int32Array(maxPerUser);
  const selectivity = PLANTED.selectivity / PLANTED.tasteStd;
  let tagCount = 0;
  let written = 0;
  let squaredError = 0;
  let absoluteError = 0;
  let ratingSum = 0;
  for (let u = 0; u < userCount; u++) {
    const user = model.user(u);
    const draw = user.random;
    const k = counts[u];
    // Popularity draws kept with a probability rising with the user's taste for the movie, then (rarely: users
    // who rate most of the catalogue) the rest in movie order from a random start.
    let chosen = 0;
    for (let attempts = 0; chosen < k && attempts < k * 16; attempts++) {
      const movie = popularMovie(draw());
      if (taken[movie] || draw() * (1 + Math.exp(PLANTED.selectionOffset - selectivity * model.taste(user.factors, movie))) > 1) continue;
      taken[movie] = 1;
      picks[chosen++] = movie;
    }
    for (let i = Math.floor(draw() * movieCount); chosen < k; i = (i + 1) % movieCount) {
      if (taken[i]) continue;
      taken[i] = 1;
      picks[chosen++] = i;
    }
    const sorted = picks.subarray(0, k).sort(); // movie index order = movieId order
    const prefix = `${u + 1},`;
    const start = FIRST + Math.pow(draw(), 0.8) * (LAST - FIRST - 86400);
    const span = Math.min(LAST - start, -Math.log(1 - draw()) * 86400 * (draw() < 0.6 ? 1 : 400));
    const tagger = draw() < 0.1;
    for (let i = 0; i < k; i++) {
      const movie = sorted[i];
      taken[movie] = 0;
      const timestamp = Math.floor(start + span * Math.pow(draw(), 3));
      const truth = model.truth(user, movie);
      const halfStars = Math.min(10, Math.max(1, Math.round((truth + user.normal() * noise) * 2)));
      const error = halfStars / 2 - truth;
      squaredError += error * error;
      absoluteError += Math.abs(error);
      ratingSum += halfStars / 2;
      const flushed = ratings.line(`${prefix}${movieIdText[movie]},${HALF_STARS[halfStars - 1]},${timestamp}\n`);
      if (flushed) await flushed;
      if (tagger && draw() < tagRate * 10) {
        const tag = TAGS[Math.floor(Math.pow(draw(), 2) * TAGS.length)];
        await tags.line(`${prefix}${movieIdText[movie]},${csvField(tag)},${timestamp + Math.floor(draw() * 600)}\n`);
        tagCount++;
      }
    }
    written += k;
    if (onProgress && (u % 1000 === 0 || u === userCount - 1)) onProgress(written);
  }
  await Promise.all([ratings.close(), tags.close()]);
  const manifest: PlantedManifest = {
    generator: 'planted-taste',
    version: GENERATOR_VERSION,
    seed: resolved.seed,
    rank,
    sigma: noise,
    mu: PLANTED.mu,
    userBiasStd: PLANTED.userBiasStd,
    movieBiasStd: PLANTED.movieBiasStd,
    tasteStd: PLANTED.tasteStd,
    selectivity: PLANTED.selectivity,
    selectionOffset: PLANTED.selectionOffset,
    ratings: totalRatings,
    users: userCount,
    movies: movieCount,
    tags: tagCount,
    links: movieCount,
    meanRating: ratingSum / totalRatings,
    noiseFloor: { rmse: Math.sqrt(squaredError / totalRatings), mae: absoluteError / totalRatings },
    genres: [...GENRES],
  };
  return {
    ...resolved,
    tags: tagCount,
    links: movieCount,
    bytes: { ratings: ratings.bytes, movies: movies.bytes, links: links.bytes, tags: tags.bytes },
    manifest,
  };
}
