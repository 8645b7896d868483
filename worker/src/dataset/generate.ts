import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

export interface GenerateOptions {
  out: string;
  ratings: number;
  /** Default: about 155 ratings per user, as in MovieLens 25M. */
  users?: number;
  /** Default: 12·√ratings, between 50 and 62,000 (MovieLens 25M has 62,423 movies). */
  movies?: number;
  seed?: number;
  /** Tags per rating (ml-latest-small: 0.0365). */
  tagRate?: number;
  onProgress?: (ratingsWritten: number) => void;
}

export interface GenerateResult {
  out: string;
  ratings: number;
  users: number;
  movies: number;
  tags: number;
  links: number;
  bytes: Record<'ratings' | 'movies' | 'links' | 'tags', number>;
}

const GENRES = [
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
const HALF_STARS_FROM = Date.UTC(2003, 1, 18) / 1000; // MovieLens allowed half stars from February 2003
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
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * Writes a synthetic MovieLens-shaped folder (movies.csv, links.csv, tags.csv, ratings.csv) of any size,
 * streaming to disk: user activity and item popularity follow power laws, every user rates at least
 * min(20, ratings/users) distinct movies, ratings are sorted by userId then movieId as in MovieLens,
 * timestamps fall between 1996 and 2018 in bursts per user (whole stars before 2003), tags come from a
 * vocabulary (some quoted, some with commas). Deterministic for a given seed.
 */
export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const totalRatings = Math.floor(options.ratings);
  if (!(totalRatings >= 1)) throw new Error('--ratings must be at least 1');
  const movieCount = Math.floor(options.movies ?? Math.min(62_000, Math.max(50, Math.round(12 * Math.sqrt(totalRatings)))));
  const userCount = Math.floor(options.users ?? Math.max(1, Math.round(totalRatings / 155)));
  const maxPerUser = Math.max(1, Math.floor(movieCount * 0.6));
  if (userCount < 1 || movieCount < 1) throw new Error('--users and --movies must be at least 1');
  if (userCount * maxPerUser < totalRatings)
    throw new Error(`${totalRatings} ratings do not fit ${userCount} users × 60% of ${movieCount} movies`);
  const random = rng(options.seed ?? 42);
  mkdirSync(options.out, { recursive: true });

  // Movies: increasing ids with gaps (like MovieLens), a year, 1-3 genres.
  const movieIds = new Int32Array(movieCount);
  const quality = new Float32Array(movieCount);
  for (let i = 0, id = 0; i < movieCount; i++) {
    id += 1 + (random() < 0.3 ? Math.floor(-Math.log(1 - random()) * 8) : 0);
    movieIds[i] = id;
    quality[i] = (random() + random() + random() - 1.5) * 1.2;
  }
  // Popularity: Zipf (exponent 0.9) over a random order of movies.
  const order = Array.from({ length: movieCount }, (_, i) => i);
  for (let i = movieCount - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cumulative = new Float64Array(movieCount);
  const byRank = new Int32Array(movieCount);
  let mass = 0;
  for (let rank = 0; rank < movieCount; rank++) {
    mass += 1 / Math.pow(rank + 1, 0.9);
    cumulative[rank] = mass;
    byRank[rank] = order[rank];
  }
  const popularMovie = () => {
    const target = random() * mass;
    let lo = 0,
      hi = movieCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return byRank[lo];
  };

  const movies = new CsvWriter(join(options.out, 'movies.csv'), 'movieId,title,genres');
  const links = new CsvWriter(join(options.out, 'links.csv'), 'movieId,imdbId,tmdbId');
  for (let i = 0; i < movieCount; i++) {
    const words = 1 + Math.floor(random() * 3);
    let title = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    if (random() < 0.2) title = `${title}, The`;
    if (random() < 0.05) title = `${title} (a.k.a. ${WORDS[Math.floor(random() * WORDS.length)]})`;
    const year = 1920 + Math.floor(Math.pow(random(), 0.5) * 99);
    const withYear = random() < 0.998 ? `${title} ${i + 1} (${year})` : `${title} ${i + 1}`;
    const genres =
      random() < 0.0035
        ? '(no genres listed)'
        : [
            ...new Set(
              Array.from({ length: 1 + Math.floor(random() * 3) }, () => GENRES[Math.floor(Math.pow(random(), 1.6) * GENRES.length)]),
            ),
          ].join('|');
    await movies.line(`${movieIds[i]},${csvField(withYear)},${genres}\n`);
    const imdb = String(100000 + Math.floor(random() * 9_800_000)).padStart(7, '0');
    const tmdb = random() < 0.001 ? '' : String(1 + Math.floor(random() * 600_000));
    await links.line(`${movieIds[i]},${imdb},${tmdb}\n`);
  }
  await Promise.all([movies.close(), links.close()]);

  // Ratings per user: a floor plus a Pareto share of the rest (heavy tail), capped at 60% of the movies.
  const floor = Math.min(20, Math.floor(totalRatings / userCount));
  const weights = new Float64Array(userCount);
  let weightSum = 0;
  for (let u = 0; u < userCount; u++) {
    weights[u] = Math.pow(1 - random(), -1 / 1.3) - 1;
    weightSum += weights[u];
  }
  const counts = new Int32Array(userCount);
  let assigned = 0;
  const spare = totalRatings - floor * userCount;
  for (let u = 0; u < userCount; u++) {
    counts[u] = Math.min(maxPerUser, floor + Math.floor((spare * weights[u]) / weightSum));
    assigned += counts[u];
  }
  while (assigned < totalRatings) {
    const u = Math.floor(random() * userCount);
    if (counts[u] < maxPerUser) {
      counts[u]++;
      assigned++;
    }
  }

  const ratings = new CsvWriter(join(options.out, 'ratings.csv'), 'userId,movieId,rating,timestamp');
  const tags = new CsvWriter(join(options.out, 'tags.csv'), 'userId,movieId,tag,timestamp');
  const tagRate = options.tagRate ?? 0.0365;
  let tagCount = 0;
  let written = 0;
  const chosen = new Set<number>();
  for (let u = 0; u < userCount; u++) {
    const userId = u + 1;
    const k = counts[u];
    chosen.clear();
    for (let attempts = 0; chosen.size < k && attempts < k * 8; attempts++) chosen.add(popularMovie());
    for (let i = Math.floor(random() * movieCount); chosen.size < k; i = (i + 1) % movieCount) chosen.add(i);
    const picks = Int32Array.from(chosen).sort(); // movie index order = movieId order
    const bias = (random() - 0.5) * 1.4;
    const start = FIRST + Math.pow(random(), 0.8) * (LAST - FIRST - 86400);
    const span = Math.min(LAST - start, -Math.log(1 - random()) * 86400 * (random() < 0.6 ? 1 : 400));
    const tagger = random() < 0.1;
    for (let i = 0; i < picks.length; i++) {
      const movie = picks[i];
      const timestamp = Math.floor(start + span * Math.pow(random(), 3));
      const score = 3.5 + bias + quality[movie] + (random() + random() - 1) * 1.5;
      const step = timestamp >= HALF_STARS_FROM ? 2 : 1;
      const rating = Math.min(5, Math.max(step === 2 ? 0.5 : 1, Math.round(score * step) / step));
      const flushed = ratings.line(`${userId},${movieIds[movie]},${rating.toFixed(1)},${timestamp}\n`);
      if (flushed) await flushed;
      if (tagger && random() < tagRate * 10) {
        const tag = TAGS[Math.floor(Math.pow(random(), 2) * TAGS.length)];
        await tags.line(`${userId},${movieIds[movie]},${csvField(tag)},${timestamp + Math.floor(random() * 600)}\n`);
        tagCount++;
      }
    }
    written += k;
    if (options.onProgress && (u % 1000 === 0 || u === userCount - 1)) options.onProgress(written);
  }
  await Promise.all([ratings.close(), tags.close()]);
  return {
    out: options.out,
    ratings: totalRatings,
    users: userCount,
    movies: movieCount,
    tags: tagCount,
    links: movieCount,
    bytes: { ratings: ratings.bytes, movies: movies.bytes, links: links.bytes, tags: tags.bytes },
  };
}
