/**
 * ALS benchmark: sweep times on ml-latest-small (one core and the worker pool), default tuning
 * times, and a sweep on synthetic MovieLens-25M-shaped data generated in memory.
 * Prints a table and, as the last stdout line, one JSON object.
 *
 *   npx tsx libs/recommender/bench/als.bench.ts [--ratings FILE] [--ratings-millions 25]
 *     [--threads N] [--skip-tuning] [--skip-synthetic]
 *     [--solvers-millions 1] [--solver-ranks 16,32,64] [--cg-steps 2,3] [--skip-solvers]
 *
 * Times are wall clock; "cpu" columns are this thread's CPU time (process.cpuUsage), which is the
 * fairer one-core figure on a shared machine. Synthetic data: 162,541 × 59,047 scaled to the
 * requested size, users and items drawn from Zipf–Mandelbrot laws (heaviest user ≈ 0.1 %, most
 * popular item ≈ 0.3 % of all ratings, like ML-25M); (user, item) pairs may repeat, which does not
 * change the cost of a sweep.
 *
 * Solvers: implicit ALS with exact (Cholesky) against conjugate-gradient solves on planted-taste data
 * (users and items with hidden rank-8 factors; a user rates a drawn item with probability growing
 * with their affinity, so rated items follow taste): per rank, CPU seconds per sweep (median, one
 * thread) and the held-out NDCG@10 after the default number of sweeps (ranking split 25 %).
 */
import { resolve } from 'node:path';
import {
  AlsModel,
  AlsWorkerPool,
  defaultThreadCount,
  DEFAULT_EXPLICIT_PARAMS,
  DEFAULT_IMPLICIT_PARAMS,
  ExplicitAlsTrainer,
  foldInUser,
  ImplicitAlsTrainer,
  mulberry32,
  RatingInput,
  Ratings,
  readRatingsFile,
  recommend,
  rankEvaluate,
  ratingsFromTriplets,
  tuneExplicit,
  tuneImplicit,
} from '../src';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};
const ratingsPath = option('ratings', resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'ml-latest-small', 'ratings.csv'));
const millions = Number(option('ratings-millions', '25'));
const threads = Number(option('threads', String(defaultThreadCount())));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row {
  measure: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}
const rows: Row[] = [];
const record = (measure: string, value: number, unit: string, limit?: number) => {
  rows.push({
    measure,
    value,
    unit,
    target: limit === undefined ? undefined : `≤ ${limit}`,
    pass: limit === undefined ? undefined : value <= limit,
  });
  log(`${measure}: ${formatValue(value, unit)}`);
};

/** Seconds with 2 decimals, unitless figures (NDCG) with 4, the rest with 1. */
function formatValue(value: number, unit: string): string {
  return unit === '' ? value.toFixed(4) : `${value.toFixed(unit === 's' ? 2 : 1)} ${unit}`;
}

interface Trainer {
  sweep(): Promise<void>;
}

/** Median wall and CPU milliseconds of `count` sweeps after `warmup` sweeps. */
async function timeSweeps(trainer: Trainer, warmup: number, count: number): Promise<{ wall: number; cpu: number }> {
  for (let s = 0; s < warmup; s++) await trainer.sweep();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let s = 0; s < count; s++) {
    const cpuBefore = process.cpuUsage();
    const before = performance.now();
    await trainer.sweep();
    wall.push(performance.now() - before);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  return { wall: median(wall), cpu: median(cpu) };
}

/** Zipf–Mandelbrot sampler over n ranks mapped through a random permutation to indices. */
function powerLawSampler(n: number, exponent: number, offset: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) cumulative[j] = total += 1 / Math.pow(j + 1 + offset, exponent);
  const permutation = Int32Array.from({ length: n }, (_, j) => j);
  for (let j = n - 1; j > 0; j--) {
    const swap = Math.floor(random() * (j + 1));
    [permutation[j], permutation[swap]] = [permutation[swap], permutation[j]];
  }
  return () => {
    const u = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return permutation[lo];
  };
}

function syntheticRatings(count: number, seed: number): Ratings {
  const scale = count / 25_000_000;
  const numUsers = Math.max(100, Math.round(162_541 * Math.sqrt(scale)));
  const numItems = Math.max(100, Math.round(59_047 * Math.sqrt(scale)));
  const random = mulberry32(seed);
  const sampleUser = powerLawSampler(numUsers, 1, 150, random);
  const sampleItem = powerLawSampler(numItems, 1, 50, random);
  const userBias = Float32Array.from({ length: numUsers }, () => random() - 0.5);
  const itemBias = Float32Array.from({ length: numItems }, () => random() - 0.5);
  const users = new Int32Array(count);
  const items = new Int32Array(count);
  const values = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    const u = sampleUser();
    const i = sampleItem();
    users[r] = u;
    items[r] = i;
    const raw = 3.5 + userBias[u] + itemBias[i] + (random() - 0.5) * 2;
    values[r] = Math.min(5, Math.max(0.5, Math.round(raw * 2) / 2));
  }
  const identity = (n: number) => Int32Array.from({ length: n }, (_, j) => j + 1);
  return { users, items, values, userIds: identity(numUsers), itemIds: identity(numItems) };
}

/** Median fold-in and recommend latency for the user with the most ratings. */
function timeServing(model: AlsModel, ratings: Ratings): { ratings: number; foldInMs: number; recommendMs: number } {
  const counts = new Map<number, RatingInput[]>();
  for (let p = 0; p < ratings.values.length; p++) {
    const user = ratings.userIds[ratings.users[p]];
    if (!counts.has(user)) counts.set(user, []);
    counts.get(user)?.push({ itemId: ratings.itemIds[ratings.items[p]], rating: ratings.values[p] });
  }
  const heaviest = [...counts.values()].reduce((a, b) => (b.length > a.length ? b : a));
  const median = (run: () => void) => {
    const times = Array.from({ length: 21 }, () => {
      const before = performance.now();
      run();
      return performance.now() - before;
    });
    return times.sort((a, b) => a - b)[10];
  };
  return {
    ratings: heaviest.length,
    foldInMs: median(() => foldInUser(model, heaviest)),
    recommendMs: median(() => recommend(model, heaviest, { k: 10 })),
  };
}

/**
 * Planted taste: hidden rank-8 vectors for users and items; a pair drawn from the activity and popularity
 * laws is kept with probability σ(4·x_u·y_i), and rated 3 + x_u·y_i + noise, so what a user rates and how
 * both follow their taste. Each pair is rated once (a repeat could land in both halves of the ranking split).
 */
function plantedRatings(count: number, seed: number): Ratings {
  const scale = count / 25_000_000;
  const numUsers = Math.max(100, Math.round(162_541 * Math.sqrt(scale)));
  const numItems = Math.max(100, Math.round(59_047 * Math.sqrt(scale)));
  const hidden = 8;
  const random = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const userTaste = Float64Array.from({ length: numUsers * hidden }, () => (gaussian() / Math.sqrt(hidden)) * 1.2);
  const itemTaste = Float64Array.from({ length: numItems * hidden }, () => (gaussian() / Math.sqrt(hidden)) * 1.2);
  const sampleUser = powerLawSampler(numUsers, 1, 150, random);
  const sampleItem = powerLawSampler(numItems, 1, 50, random);
  const users = new Int32Array(count);
  const items = new Int32Array(count);
  const values = new Float32Array(count);
  const rated = new Set<number>();
  for (let r = 0; r < count;) {
    const u = sampleUser();
    const i = sampleItem();
    if (rated.has(u * numItems + i)) continue;
    let affinity = 0;
    for (let f = 0; f < hidden; f++) affinity += userTaste[u * hidden + f] * itemTaste[i * hidden + f];
    if (random() >= 1 / (1 + Math.exp(-4 * affinity))) continue;
    rated.add(u * numItems + i);
    users[r] = u;
    items[r] = i;
    values[r++] = Math.min(5, Math.max(0.5, Math.round((3 + affinity + gaussian() * 0.5) * 2) / 2));
  }
  return ratingsFromTriplets(users, items, values);
}

interface SolverRow {
  rank: number;
  solver: string;
  cpuSecondsPerSweep: number;
  ndcgAt10: number;
}

/** Exact against conjugate-gradient implicit solves: CPU seconds per sweep and NDCG@10 after the default sweeps, per rank. */
async function compareSolvers(ratings: Ratings, ranks: number[], cgSteps: number[]): Promise<{ rows: SolverRow[]; popularity: number }> {
  const rows: SolverRow[] = [];
  let popularity = 0;
  for (const rank of ranks) {
    for (const solver of ['exact', ...cgSteps.map((steps) => `cg${steps}`)]) {
      const params =
        solver === 'exact' ? { rank, solver: 'exact' as const } : { rank, solver: 'cg' as const, cgSteps: Number(solver.slice(2)) };
      const cpu: number[] = [];
      let cpuBefore = process.cpuUsage();
      const result = await rankEvaluate(ratings, {
        kind: 'implicit',
        params,
        k: 10,
        seed: 42,
        onSweep: () => {
          const used = process.cpuUsage(cpuBefore);
          cpu.push((used.user + used.system) / 1e6);
          cpuBefore = process.cpuUsage();
        },
      });
      popularity = result.popularity.ndcgAtK;
      const row = { rank, solver, cpuSecondsPerSweep: [...cpu].sort((a, b) => a - b)[cpu.length >> 1], ndcgAt10: result.ndcgAtK };
      rows.push(row);
      log(`implicit rank ${rank} ${solver}: ${row.cpuSecondsPerSweep.toFixed(2)} cpu s/sweep, NDCG@10 ${row.ndcgAt10.toFixed(4)}`);
    }
  }
  return { rows, popularity };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const pool = threads > 1 ? new AlsWorkerPool({ threads }) : undefined;
  const result: Record<string, number | string | boolean> = { threads };
  try {
    const small = readRatingsFile(ratingsPath);
    log(`ml-latest-small: ${small.values.length} ratings`);
    const rank10 = { rank: 10 };
    const explicitInline = await timeSweeps(new ExplicitAlsTrainer(small, { ...DEFAULT_EXPLICIT_PARAMS, ...rank10 }), 3, 15);
    record('explicit sweep, rank 10, 1 thread (wall)', explicitInline.wall, 'ms', 40);
    record('explicit sweep, rank 10, 1 thread (cpu)', explicitInline.cpu, 'ms', 40);
    const implicitInline = await timeSweeps(new ImplicitAlsTrainer(small, { ...DEFAULT_IMPLICIT_PARAMS, ...rank10 }), 3, 15);
    record('implicit sweep, rank 10, 1 thread (wall)', implicitInline.wall, 'ms');
    record('implicit sweep, rank 10, 1 thread (cpu)', implicitInline.cpu, 'ms');
    const defaultTrainer = new ExplicitAlsTrainer(small, DEFAULT_EXPLICIT_PARAMS);
    const explicitDefault = await timeSweeps(defaultTrainer, 2, 7);
    record(`explicit sweep, default rank ${DEFAULT_EXPLICIT_PARAMS.rank}, 1 thread (wall)`, explicitDefault.wall, 'ms');
    const serving = timeServing(defaultTrainer.model, small);
    record(`fold-in of a ${serving.ratings}-rating user, rank ${DEFAULT_EXPLICIT_PARAMS.rank}`, serving.foldInMs, 'ms');
    record('recommend (fold-in + score all items + top 10)', serving.recommendMs, 'ms');
    const implicitDefault = await timeSweeps(new ImplicitAlsTrainer(small, DEFAULT_IMPLICIT_PARAMS), 2, 7);
    record(`implicit sweep, default rank ${DEFAULT_IMPLICIT_PARAMS.rank}, 1 thread (wall)`, implicitDefault.wall, 'ms');
    Object.assign(result, {
      explicitSweepMsRank10: explicitInline.wall,
      explicitSweepCpuMsRank10: explicitInline.cpu,
      implicitSweepMsRank10: implicitInline.wall,
      implicitSweepCpuMsRank10: implicitInline.cpu,
      explicitSweepMsDefaultRank: explicitDefault.wall,
      foldInMs: serving.foldInMs,
      recommendMs: serving.recommendMs,
      implicitSweepMsDefaultRank: implicitDefault.wall,
    });
    if (pool) {
      const explicitPool = await timeSweeps(new ExplicitAlsTrainer(small, { ...DEFAULT_EXPLICIT_PARAMS, ...rank10 }, pool), 3, 15);
      record(`explicit sweep, rank 10, ${threads} worker threads`, explicitPool.wall, 'ms');
      const implicitPool = await timeSweeps(new ImplicitAlsTrainer(small, { ...DEFAULT_IMPLICIT_PARAMS, ...rank10 }, pool), 3, 15);
      record(`implicit sweep, rank 10, ${threads} worker threads`, implicitPool.wall, 'ms');
      Object.assign(result, { explicitSweepMsRank10Pool: explicitPool.wall, implicitSweepMsRank10Pool: implicitPool.wall });
    }

    if (!argv.includes('--skip-tuning')) {
      const explicitTuning = await tuneExplicit(small, { folds: 5, seed: 42, pool });
      record('default tuning, explicit (5-fold CV)', explicitTuning.seconds, 's');
      const implicitTuning = await tuneImplicit(small, { seed: 42, pool });
      record('default tuning, implicit (validation NDCG@10)', implicitTuning.seconds, 's');
      const total = explicitTuning.seconds + implicitTuning.seconds;
      record('default tuning, both models', total, 's', 90);
      Object.assign(result, {
        tuningSecondsExplicit: explicitTuning.seconds,
        tuningSecondsImplicit: implicitTuning.seconds,
        tuningSecondsTotal: total,
        tunedExplicitRmse: explicitTuning.rmse,
        tunedImplicitValidationNdcg: implicitTuning.ndcgAtK,
      });
    }

    if (!argv.includes('--skip-synthetic')) {
      const count = Math.round(millions * 1_000_000);
      const generatedAt = performance.now();
      const synthetic = syntheticRatings(count, 7);
      log(
        `generated ${count} synthetic ratings (${synthetic.userIds.length} users × ${synthetic.itemIds.length} items) in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`,
      );
      const label = `${millions}M synthetic`;
      const setupStarted = performance.now();
      const explicitBig = new ExplicitAlsTrainer(synthetic, { ...DEFAULT_EXPLICIT_PARAMS, ...rank10 }, pool);
      const setupSeconds = (performance.now() - setupStarted) / 1000;
      record(`trainer setup (CSR build on the calling thread), ${label}`, setupSeconds, 's');
      const explicitBigSweep = await timeSweeps(explicitBig, 0, 2);
      record(`explicit sweep, rank 10, ${label}, ${threads} thread(s)`, explicitBigSweep.wall / 1000, 's', millions >= 25 ? 10 : undefined);
      const rssExplicit = peakRssMb();
      record('peak RSS after explicit sweeps', rssExplicit, 'MB', millions >= 25 ? 4096 : undefined);
      const implicitBigSweep = await timeSweeps(new ImplicitAlsTrainer(synthetic, { ...DEFAULT_IMPLICIT_PARAMS, ...rank10 }, pool), 0, 2);
      record(`implicit sweep, rank 10, ${label}, ${threads} thread(s)`, implicitBigSweep.wall / 1000, 's');
      const rss = peakRssMb();
      record('peak RSS (whole run)', rss, 'MB', millions >= 25 ? 4096 : undefined);
      Object.assign(result, {
        syntheticRatings: count,
        syntheticSetupSeconds: setupSeconds,
        syntheticExplicitSweepSeconds: explicitBigSweep.wall / 1000,
        syntheticImplicitSweepSeconds: implicitBigSweep.wall / 1000,
        peakRssMbAfterExplicit: rssExplicit,
        peakRssMb: rss,
      });
    }
    if (!argv.includes('--skip-solvers')) {
      const solverMillions = Number(option('solvers-millions', '1'));
      const ranks = option('solver-ranks', '16,32,64').split(',').map(Number);
      const cgSteps = option('cg-steps', '2,3').split(',').map(Number);
      const planted = plantedRatings(Math.round(solverMillions * 1_000_000), 11);
      const label = `${solverMillions}M planted (${planted.userIds.length} users × ${planted.itemIds.length} items)`;
      log(`solvers on ${label}, ${DEFAULT_IMPLICIT_PARAMS.iterations} sweeps each, 1 thread`);
      const solvers = await compareSolvers(planted, ranks, cgSteps);
      for (const row of solvers.rows) {
        record(`implicit ${row.solver} rank ${row.rank}, ${label}: cpu per sweep`, row.cpuSecondsPerSweep, 's');
        record(`implicit ${row.solver} rank ${row.rank}, ${label}: NDCG@10`, row.ndcgAt10, '');
      }
      record(`popularity, ${label}: NDCG@10`, solvers.popularity, '');
      Object.assign(result, { solverComparison: JSON.stringify(solvers) });
    }
  } finally {
    await pool?.close();
  }

  const width = Math.max(...rows.map((r) => r.measure.length));
  const lines = rows.map((r) => {
    const value = formatValue(r.value, r.unit).padStart(12);
    const verdict = r.pass === undefined ? '' : `${(r.target ?? '').padStart(10)} ${r.unit}  ${r.pass ? 'PASS' : 'FAIL'}`;
    return `${r.measure.padEnd(width)}  ${value}  ${verdict}`;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  result.allTargetsMet = rows.every((r) => r.pass !== false);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
