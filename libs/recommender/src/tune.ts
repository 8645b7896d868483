/**
 * Hyper-parameter search. Every configuration evaluated is kept and returned.
 *
 * Explicit (successive halving over folds): every (rank, λ, pseudoCount, λ_b) is trained once on
 * the first CV fold, with test RMSE recorded after each `iterations` checkpoint of the same run;
 * the `finalists` best of these are then cross-validated on all folds and the lowest mean RMSE
 * wins. Configurations stopped after stage 1 report `folds: 1`.
 *
 * Implicit (successive halving over sweeps): a validation split is carved from the training part
 * (stratified like the test split); every configuration trains to the first `iterations`
 * checkpoint, the best third (by validation NDCG@k) continues to the next checkpoint, and so on.
 */
import { ImplicitAlsTrainer, SweepProgress } from './als';
import { AccuracyMetrics, accuracyAtCheckpoints, evaluateRanking, modelTopK, RankingMetrics, validationSplit } from './evaluate';
import { meanAndStd } from './metrics';
import { ConfidenceScaling, DEFAULT_EXPLICIT_PARAMS, DEFAULT_IMPLICIT_PARAMS, ExplicitParams, ImplicitParams } from './model';
import type { AlsWorkerPool } from './pool';
import { Ratings } from './ratings';
import { foldSplit, kFoldAssignments } from './split';

export interface ExplicitGrid {
  ranks: number[];
  lambdas: number[];
  pseudoCounts: number[];
  biasLambdas: number[];
  /** Sweep counts evaluated from one run each (ascending). */
  iterations: number[];
}

export interface ImplicitGrid {
  ranks: number[];
  lambdas: number[];
  alphas: number[];
  confidences: ConfidenceScaling[];
  /** Halving checkpoints (ascending): survivors continue from one to the next. */
  iterations: number[];
}

export const DEFAULT_EXPLICIT_GRID: ExplicitGrid = {
  ranks: [10, 20, 30],
  lambdas: [0.06, 0.08, 0.1],
  pseudoCounts: [20, 40],
  biasLambdas: [2],
  iterations: [10, 15, 20],
};

export const DEFAULT_IMPLICIT_GRID: ImplicitGrid = {
  ranks: [16, 32],
  lambdas: [20, 50],
  alphas: [1, 2, 4],
  confidences: ['linear', 'log'],
  iterations: [5, 10, 20],
};

export interface TuningProgress {
  message: string;
}

interface TuningOptions {
  seed?: number;
  pool?: AlsWorkerPool;
  /** Configurations trained at the same time (defaults to the pool's thread count). */
  concurrency?: number;
  /** One line per evaluated configuration / fold. */
  onProgress?: (progress: TuningProgress) => void;
  /** Every sweep of every configuration (for heartbeats). */
  onSweep?: (progress: SweepProgress) => void;
}

export interface ExplicitTuningOptions extends TuningOptions {
  folds?: number;
  grid?: Partial<ExplicitGrid>;
  /** How many stage-1 configurations are cross-validated on all folds. */
  finalists?: number;
}

export interface ExplicitConfigurationResult {
  params: ExplicitParams;
  rmse: number;
  rmseStd: number;
  mae: number;
  /** Folds evaluated: 1 when the configuration was stopped after stage 1. */
  folds: number;
}

export interface ExplicitTuningResult {
  params: ExplicitParams;
  rmse: number;
  rmseStd: number;
  mae: number;
  configurations: ExplicitConfigurationResult[];
  seconds: number;
}

export async function tuneExplicit(ratings: Ratings, options: ExplicitTuningOptions = {}): Promise<ExplicitTuningResult> {
  const started = performance.now();
  const grid = { ...DEFAULT_EXPLICIT_GRID, ...options.grid };
  const folds = options.folds ?? 5;
  const seed = options.seed ?? DEFAULT_EXPLICIT_PARAMS.seed;
  const assignment = kFoldAssignments(ratings.values.length, folds, seed);
  const splits = Array.from({ length: folds }, (_, fold) => foldSplit(ratings, assignment, fold));
  const iterations = [...grid.iterations].sort((a, b) => a - b);
  const bases: ExplicitParams[] = [];
  for (const rank of grid.ranks)
    for (const lambda of grid.lambdas)
      for (const pseudoCount of grid.pseudoCounts)
        for (const biasLambda of grid.biasLambdas)
          bases.push({ rank, lambda, pseudoCount, biasLambda, iterations: iterations[iterations.length - 1], seed });

  // metrics[base][fold] → checkpoint → accuracy
  const metrics = bases.map(() => new Map<number, Map<number, AccuracyMetrics>>());
  const evaluate = async (base: number, fold: number) => {
    const run = await accuracyAtCheckpoints(splits[fold], bases[base], iterations, { pool: options.pool, onSweep: options.onSweep });
    metrics[base].set(fold, run.metrics);
    options.onProgress?.({ message: `explicit ${describe(bases[base])} fold ${fold}: ${checkpointSummary(run.metrics)}` });
  };
  await forEachConcurrently(
    bases.map((_, b) => () => evaluate(b, 0)),
    concurrencyOf(options),
  );

  const bestOnFirstFold = (b: number) => Math.min(...iterations.map((it) => metrics[b].get(0)?.get(it)?.rmse ?? Infinity));
  const finalists = bases
    .map((_, b) => b)
    .sort((a, b) => bestOnFirstFold(a) - bestOnFirstFold(b))
    .slice(0, options.finalists ?? 3);
  const remaining = finalists.flatMap((b) => Array.from({ length: folds - 1 }, (_, f) => () => evaluate(b, f + 1)));
  await forEachConcurrently(remaining, concurrencyOf(options));

  const configurations: ExplicitConfigurationResult[] = [];
  bases.forEach((base, b) => {
    for (const it of iterations) {
      const perFold = [...metrics[b].values()].map((m) => m.get(it) as AccuracyMetrics);
      const rmse = meanAndStd(perFold.map((m) => m.rmse));
      configurations.push({
        params: { ...base, iterations: it },
        rmse: rmse.mean,
        rmseStd: rmse.std,
        mae: meanAndStd(perFold.map((m) => m.mae)).mean,
        folds: perFold.length,
      });
    }
  });
  const best = configurations.filter((c) => c.folds === folds).reduce((a, b) => (b.rmse < a.rmse ? b : a));
  return { ...best, configurations, seconds: (performance.now() - started) / 1000 };
}

export interface ImplicitTuningOptions extends TuningOptions {
  k?: number;
  validationFraction?: number;
  grid?: Partial<ImplicitGrid>;
  /** Fraction of configurations promoted at each halving checkpoint. */
  keepFraction?: number;
}

export interface ImplicitConfigurationResult extends RankingMetrics {
  params: ImplicitParams;
}

export interface ImplicitTuningResult {
  params: ImplicitParams;
  ndcgAtK: number;
  precisionAtK: number;
  k: number;
  configurations: ImplicitConfigurationResult[];
  seconds: number;
}

/** Tunes implicit ALS on `train` only, by NDCG@k on a stratified validation split carved from it. */
export async function tuneImplicit(train: Ratings, options: ImplicitTuningOptions = {}): Promise<ImplicitTuningResult> {
  const started = performance.now();
  const grid = { ...DEFAULT_IMPLICIT_GRID, ...options.grid };
  const k = options.k ?? 10;
  const seed = options.seed ?? DEFAULT_IMPLICIT_PARAMS.seed;
  const validation = validationSplit(train, options.validationFraction ?? 0.25, seed);
  const trained = validation.trained;
  const checkpoints = [...grid.iterations].sort((a, b) => a - b);
  const keepFraction = options.keepFraction ?? 1 / 3;

  interface Candidate {
    params: ImplicitParams;
    trainer: ImplicitAlsTrainer;
    sweeps: number;
    latest: number;
    results: ImplicitConfigurationResult[];
  }
  const candidates: Candidate[] = [];
  for (const rank of grid.ranks)
    for (const lambda of grid.lambdas)
      for (const alpha of grid.alphas)
        for (const confidence of grid.confidences) {
          const params: ImplicitParams = { ...DEFAULT_IMPLICIT_PARAMS, rank, lambda, alpha, confidence, seed, iterations: checkpoints[0] };
          candidates.push({
            params,
            trainer: new ImplicitAlsTrainer(validation.train, params, options.pool),
            sweeps: 0,
            latest: -Infinity,
            results: [],
          });
        }

  let alive = candidates;
  for (const [stage, checkpoint] of checkpoints.entries()) {
    await forEachConcurrently(
      alive.map((candidate) => async () => {
        while (candidate.sweeps < checkpoint) {
          const before = performance.now();
          await candidate.trainer.sweep();
          candidate.sweeps++;
          const now = performance.now();
          const seconds = (now - before) / 1000;
          options.onSweep?.({
            kind: 'implicit',
            sweep: candidate.sweeps,
            sweeps: checkpoint,
            seconds,
            elapsedSeconds: (now - started) / 1000,
          });
        }
        const metrics = evaluateRanking(validation, k, await modelTopK(candidate.trainer.model, trained, k, options.pool));
        candidate.latest = metrics.ndcgAtK;
        candidate.results.push({ params: { ...candidate.params, iterations: checkpoint }, ...metrics });
        options.onProgress?.({
          message: `implicit ${describe(candidate.params)} sweeps ${checkpoint}: validation NDCG@${k} ${metrics.ndcgAtK.toFixed(4)}`,
        });
      }),
      concurrencyOf(options),
    );
    if (stage < checkpoints.length - 1) {
      alive = [...alive].sort((a, b) => b.latest - a.latest).slice(0, Math.max(1, Math.ceil(alive.length * keepFraction)));
    }
  }
  // Candidate order and ascending checkpoints, independent of which lane finished first.
  const configurations = candidates.flatMap((candidate) => candidate.results);
  const best = configurations.reduce((a, b) => (b.ndcgAtK > a.ndcgAtK ? b : a));
  return {
    params: best.params,
    ndcgAtK: best.ndcgAtK,
    precisionAtK: best.precisionAtK,
    k,
    configurations,
    seconds: (performance.now() - started) / 1000,
  };
}

function concurrencyOf(options: TuningOptions): number {
  return Math.max(1, options.concurrency ?? options.pool?.threads ?? 1);
}

/** Runs the jobs with at most `concurrency` in flight (useful when they wait on a worker pool). */
async function forEachConcurrently(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
}

function describe(params: object): string {
  return Object.entries(params)
    .filter(([key]) => key !== 'seed' && key !== 'iterations' && key !== 'epsilon')
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

function checkpointSummary(metrics: Map<number, AccuracyMetrics>): string {
  return [...metrics].map(([it, m]) => `rmse@${it}=${m.rmse.toFixed(4)}`).join(' ');
}
