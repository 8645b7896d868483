/**
 * Publish benchmark at MovieLens-32M catalogue size: what the retrain's publish step computes, per 1,000 users
 * and for "more like this" of every movie, before (on the calling thread: one TasteProfile per user, one scan
 * of all movies per movie) and after (users in chunks and movies in blocks on the pool's threads).
 * Synthetic models: random factors (explicit rank 30, implicit rank --rank), rating counts from the
 * Zipf–Mandelbrot popularity law scaled to 32M ratings, one to three of 20 genres per movie; users' ratings
 * drawn from the same law (20 to 600 each).
 *
 *   npx tsx libs/recommender/bench/publish.bench.ts [--movies 87000] [--rank 32] [--users 1000]
 *     [--threads N] [--similar-sample 300]
 *
 * "Before" for similar movies is the single-movie scan timed on --similar-sample movies, scaled to all movies
 * listed; "after" runs all of them. Prints a table; the last stdout line is one JSON object.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  AlsWorkerPool,
  defaultThreadCount,
  itemGenres,
  mulberry32,
  offThreadInOrder,
  sharedCopy,
  similarBlocks,
  similarityInput,
  TasteProfile,
  type ExplicitModel,
  type ImplicitModel,
  type JobArgs,
  type RatingInput,
} from '../src';
import { topK } from '../src/kernel';
import { SIMILAR_GENRE_WEIGHT } from '../src/serving';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};
const movies = Number(option('movies', '87000'));
const rank = Number(option('rank', '32'));
const userCount = Number(option('users', '1000'));
const threads = Number(option('threads', String(defaultThreadCount())));
const similarSample = Number(option('similar-sample', '300'));
const TOP_N = 50;
const SIMILAR_K = 20;
const SIMILAR_MIN_RATINGS = 10;
const log = (line: string) => process.stderr.write(`${line}\n`);

function models() {
  const random = mulberry32(3);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const factors = (n: number, k: number) => Float64Array.from({ length: n * k }, () => gaussian() / Math.sqrt(k));
  const weights = Float64Array.from({ length: movies }, (_, j) => 1 / (j + 50));
  const total = weights.reduce((a, b) => a + b);
  const itemCounts = Int32Array.from(weights, (w) => Math.round((w / total) * 32_000_000 * (0.5 + random())));
  const itemIds = Int32Array.from({ length: movies }, (_, j) => j + 1);
  const base = { userIds: new Int32Array(0), userFactors: new Float64Array(0), itemIds, itemCounts, userCounts: new Int32Array(0) };
  const itemMeans = Float64Array.from({ length: movies }, () => 3 + random());
  const explicit: ExplicitModel = {
    ...base,
    kind: 'explicit',
    params: { rank: 30, lambda: 0.08, pseudoCount: 40, biasLambda: 2, iterations: 1, seed: 1 },
    rank: 30,
    itemFactors: factors(movies, 30),
    userBias: new Float64Array(0),
    itemBias: Float64Array.from({ length: movies }, () => gaussian() * 0.3),
    globalMean: 3.5,
    itemMeans,
  };
  const implicit: ImplicitModel = {
    ...base,
    kind: 'implicit',
    params: { rank, lambda: 50, alpha: 4, confidence: 'log', epsilon: 1, likeThreshold: 3, dislikeWeight: 1, iterations: 1, seed: 1 },
    rank,
    itemFactors: factors(movies, rank),
    globalMean: 3.5,
    itemMeans,
  };
  const names = Array.from({ length: 20 }, (_, g) => `genre${g}`);
  const genresOf = new Map(
    Array.from(itemIds, (id) => [
      id,
      [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => names[Math.floor(random() * 20)]))],
    ]),
  );
  const cumulative = new Float64Array(movies);
  weights.reduce((sum, w, j) => (cumulative[j] = sum + w / total), 0);
  const drawMovie = () => {
    const u = random();
    let lo = 0;
    let hi = movies - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const indptr = new Int32Array(userCount + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < userCount; u++) {
    const chosen = new Set<number>();
    const count = Math.round(20 + 580 * random() ** 4);
    while (chosen.size < count) chosen.add(drawMovie());
    for (const movie of chosen) {
      indices.push(movie);
      values.push(0.5 + Math.floor(random() * 10) / 2);
    }
    indptr[u + 1] = indices.length;
  }
  const users = { indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
  const userIds = Int32Array.from({ length: userCount }, (_, u) => u + 1);
  return {
    explicit: { ...explicit, userIds },
    implicit: { ...implicit, userIds },
    genres: itemGenres(itemIds, itemCounts, genresOf),
    users,
  };
}

/** The single-movie scan publish ran per movie before blocks (cosine with every movie, genre weight, topK). */
function scanSimilar(model: ImplicitModel, norms: Float64Array, genres: ReturnType<typeof itemGenres>, item: number): number {
  const y = model.itemFactors;
  const n = model.itemIds.length;
  const similarity = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (norms[j] === 0) continue;
    let s = 0;
    for (let r = 0; r < rank; r++) s += y[item * rank + r] * y[j * rank + r];
    similarity[j] = s / (norms[item] * norms[j]);
  }
  const mine = new Uint8Array(genres.names.length);
  for (let p = genres.indptr[item]; p < genres.indptr[item + 1]; p++) mine[genres.indices[p]] = 1;
  const size = genres.indptr[item + 1] - genres.indptr[item];
  for (let j = 0; j < n; j++) {
    let shared = 0;
    for (let p = genres.indptr[j]; p < genres.indptr[j + 1]; p++) shared += mine[genres.indices[p]];
    const union = size + genres.indptr[j + 1] - genres.indptr[j] - shared;
    similarity[j] *= 1 - SIMILAR_GENRE_WEIGHT + SIMILAR_GENRE_WEIGHT * (union > 0 ? shared / union : 0);
  }
  return topK(similarity, SIMILAR_K, (j) => j === item || norms[j] === 0 || model.itemCounts[j] < SIMILAR_MIN_RATINGS).length;
}

async function main(): Promise<void> {
  const pool = new AlsWorkerPool({ threads });
  const rows: [string, number, string][] = [];
  const record = (measure: string, value: number, unit: string) => {
    rows.push([measure, value, unit]);
    log(`${measure}: ${value.toFixed(2)} ${unit}`);
  };
  try {
    const { explicit, implicit, genres, users } = models();
    const label = `${movies} movies, rank ${rank}`;
    log(`${label}; ${userCount} users, ${users.indices.length} ratings; ${threads} threads`);

    let cpu = process.cpuUsage();
    let started = performance.now();
    for (let u = 0; u < userCount; u++) {
      const ratings: RatingInput[] = [];
      for (let p = users.indptr[u]; p < users.indptr[u + 1]; p++)
        ratings.push({ itemId: implicit.itemIds[users.indices[p]], rating: users.values[p] });
      const taste = new TasteProfile({ explicit, implicit, genres }, ratings);
      for (const pick of taste.top(TOP_N)) taste.because(pick.itemId, 3.5);
    }
    const perThousand = 1000 / userCount;
    record(
      `for-you lists, before (calling thread), ${label}: wall per 1k users`,
      ((performance.now() - started) / 1000) * perThousand,
      's',
    );
    record(`  cpu per 1k users`, cpuSeconds(cpu) * perThousand, 's');

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    cpu = process.cpuUsage();
    started = performance.now();
    const servingModels = sharedCopy({ explicit, implicit, genres });
    const shared = sharedCopy(users);
    const chunk = 256;
    const calls = Array.from({ length: Math.ceil(userCount / chunk) }, (_, c): JobArgs<'tasteLists'> => {
      const end = Math.min(userCount, (c + 1) * chunk);
      return [servingModels, shared, c * chunk, end, TOP_N, new Array(end - c * chunk).fill(null), 3.5];
    });
    let picks = 0;
    for await (const lists of offThreadInOrder(pool, 'tasteLists', calls)) picks += lists.items.length;
    delay.disable();
    record(
      `for-you lists, after (chunks of ${chunk} on ${threads} threads): wall per 1k users`,
      ((performance.now() - started) / 1000) * perThousand,
      's',
    );
    record(`  cpu per 1k users (all threads)`, cpuSeconds(cpu) * perThousand, 's');
    record(`  longest event-loop stall meanwhile`, delay.max / 1e6, 'ms');
    log(`${picks} picks`);

    const sources = Int32Array.from(implicit.itemCounts.keys()).filter((i) => implicit.itemCounts[i] >= SIMILAR_MIN_RATINGS);
    const candidates = sources.length;
    log(`${sources.length} movies with ≥ ${SIMILAR_MIN_RATINGS} ratings`);
    const norms = similarityInput(implicit).norms;
    cpu = process.cpuUsage();
    started = performance.now();
    const step = Math.max(1, Math.floor(sources.length / similarSample));
    let sampled = 0;
    for (let s = 0; s < sources.length; s += step, sampled++) scanSimilar(implicit, norms, genres, sources[s]);
    const scale = sources.length / sampled;
    record(
      `similar movies, before (scan per movie, calling thread): wall, all ${sources.length} movies`,
      ((performance.now() - started) / 1000) * scale,
      's',
    );
    record(`  cpu, all movies`, cpuSeconds(cpu) * scale, 's');

    delay.reset();
    delay.enable();
    cpu = process.cpuUsage();
    started = performance.now();
    let listed = 0;
    for await (const { block } of similarBlocks(similarityInput(implicit, genres), sources, {
      k: SIMILAR_K,
      minRatings: SIMILAR_MIN_RATINGS,
      pool,
    })) {
      listed += block.neighbours.filter((j) => j >= 0).length;
    }
    delay.disable();
    record(
      `similar movies, after (blocks of 256 on ${threads} threads): wall, all ${sources.length} movies`,
      (performance.now() - started) / 1000,
      's',
    );
    record(`  cpu, all movies (all threads)`, cpuSeconds(cpu), 's');
    record(`  longest event-loop stall meanwhile`, delay.max / 1e6, 'ms');
    log(`${listed} similar rows; ${candidates} candidates each`);
  } finally {
    await pool.close();
  }
  const width = Math.max(...rows.map(([measure]) => measure.length));
  process.stdout.write(
    `${rows.map(([measure, value, unit]) => `${measure.padEnd(width)}  ${value.toFixed(2).padStart(9)} ${unit}`).join('\n')}\n`,
  );
  process.stdout.write(`${JSON.stringify({ movies, rank, users: userCount, threads, rows })}\n`);
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

main().catch((error) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
