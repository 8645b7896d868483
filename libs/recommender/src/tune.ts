/**
 * Hyper-parameter search in process: the project's one tuner (`Tuner` of @reelrank/workflows: protocol by size,
 * successive halving, reuse of runs, summaries) driven by an executor that trains its runs here, on the ALS pool.
 * The retrain workflow drives the same tuner with activities; both train a run with {@link explicitTuningRun} /
 * {@link implicitTuningRun}, so the CLI's `tune` and a retrain of the same ratings choose the same parameters.
 */
import {
  chooseTuningProtocol,
  DEFAULT_EXPLICIT_GRID,
  DEFAULT_IMPLICIT_GRID,
  RETRAIN_DEFAULTS,
  Tuner,
  type AccuracyAtCheckpoint,
  type ExplicitConfigurationResult,
  type ExplicitGridSpec,
  type ExplicitTuningUnit,
  type ExplicitUnitResult,
  type ImplicitConfigurationResult,
  type ImplicitGridSpec,
  type ImplicitTuningUnit,
  type ImplicitUnitResult,
  type RankingAtCheckpoint,
  type TuningExecutor,
  type TuningPlanOptions,
  type TuningProtocol,
  type TuningProtocolKind,
} from '@reelrank/workflows';
import { ExplicitAlsTrainer, ImplicitAlsTrainer, SweepProgress } from './als';
import { modelTopK, rankingSplit, validationSplit } from './evaluate';
import { offThread } from './jobs';
import { DEFAULT_IMPLICIT_PARAMS, ExplicitParams, ImplicitParams } from './model';
import type { AlsWorkerPool } from './pool';
import { Ratings } from './ratings';
import { foldSplit, kFoldAssignments, sampleUsers, TrainTestSplit } from './split';
import type { CsrMatrix } from './sparse';

type OnSweep = (sweep: number, sweeps: number) => void;

const sortedCheckpoints = (checkpoints: readonly number[]) => [...new Set(checkpoints)].sort((a, b) => a - b);

/** One explicit tuning run: `params` trained on the split's training part, test RMSE/MAE after each checkpoint sweep. */
export async function explicitTuningRun(
  split: TrainTestSplit,
  params: Omit<ExplicitParams, 'iterations'>,
  checkpoints: readonly number[],
  pool: AlsWorkerPool | undefined,
  onSweep: OnSweep = () => undefined,
): Promise<{ checkpoints: AccuracyAtCheckpoint[]; trainRatings: number; testRatings: number; seconds: number }> {
  const started = performance.now();
  const wanted = sortedCheckpoints(checkpoints);
  const sweeps = wanted[wanted.length - 1];
  const trainer = await ExplicitAlsTrainer.create(split.train, { ...params, iterations: sweeps }, pool);
  const measured: AccuracyAtCheckpoint[] = [];
  for (let sweep = 1; sweep <= sweeps; sweep++) {
    await trainer.sweep();
    if (wanted.includes(sweep)) measured.push({ iterations: sweep, ...(await offThread(pool, 'accuracy', trainer.model, split.test)) });
    onSweep(sweep, sweeps);
  }
  return {
    checkpoints: measured,
    trainRatings: split.train.values.length,
    testRatings: split.test.values.length,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * One implicit tuning run: `params` (the engine's like threshold and dislike weight unless given) trained on the
 * validation split's training part, validation ranking figures @k after each checkpoint sweep.
 */
export async function implicitTuningRun(
  validation: TrainTestSplit & { trained: CsrMatrix },
  params: Partial<ImplicitParams>,
  checkpoints: readonly number[],
  k: number,
  pool: AlsWorkerPool | undefined,
  onSweep: OnSweep = () => undefined,
): Promise<{ checkpoints: RankingAtCheckpoint[]; seconds: number }> {
  const started = performance.now();
  const wanted = sortedCheckpoints(checkpoints);
  const sweeps = wanted[wanted.length - 1];
  const trainer = await ImplicitAlsTrainer.create(validation.train, { ...DEFAULT_IMPLICIT_PARAMS, ...params, iterations: sweeps }, pool);
  const measured: RankingAtCheckpoint[] = [];
  for (let sweep = 1; sweep <= sweeps; sweep++) {
    await trainer.sweep();
    if (wanted.includes(sweep)) {
      const lists = await modelTopK(trainer.model, validation.trained, k, pool);
      measured.push({ iterations: sweep, ...(await offThread(pool, 'evaluateRanking', validation, k, lists)) });
    }
    onSweep(sweep, sweeps);
  }
  return { checkpoints: measured, seconds: (performance.now() - started) / 1000 };
}

export interface TuningProgress {
  message: string;
}

interface TuningOptions {
  seed?: number;
  /** 'auto' (default) chooses by size as the retrain does: k-fold up to `kfoldMaxRatings`, a holdout on a user sample above. */
  protocol?: TuningProtocolKind | 'auto';
  kfoldMaxRatings?: number;
  sampleRatings?: number;
  keepFraction?: number;
  folds?: number;
  pool?: AlsWorkerPool;
  /** Runs trained at the same time (defaults to the pool's thread count). */
  concurrency?: number;
  /** One line per finished run. */
  onProgress?: (progress: TuningProgress) => void;
  /** Every sweep of every run (for heartbeats). */
  onSweep?: (progress: SweepProgress) => void;
}

export interface ExplicitTuningOptions extends TuningOptions {
  grid?: Partial<ExplicitGridSpec>;
  /** k-fold: how many fold-0 configurations are cross-validated on all folds. */
  finalists?: number;
}

export interface ImplicitTuningOptions extends TuningOptions {
  k?: number;
  /** The ranking split's test fraction (never seen by tuning). */
  testFraction?: number;
  validationFraction?: number;
  grid?: Partial<ImplicitGridSpec>;
}

interface ProtocolFigures {
  protocol: TuningProtocolKind;
  sampleUsers: number | null;
  seconds: number;
}

export interface ExplicitTuningResult extends ProtocolFigures {
  params: ExplicitParams;
  rmse: number;
  rmseStd: number;
  mae: number;
  /** Folds the best was evaluated on (1 on a holdout). */
  folds: number;
  configurations: ExplicitConfigurationResult[];
}

export interface ImplicitTuningResult extends ProtocolFigures {
  params: ImplicitParams;
  ndcgAtK: number;
  precisionAtK: number;
  k: number;
  testFraction: number;
  configurations: ImplicitConfigurationResult[];
}

/** Trains the tuner's runs in this process (at most `concurrency` at once, each on the pool's threads). */
class InProcessExecutor implements TuningExecutor {
  private readonly ratings: Ratings;
  private assignment?: Int32Array;
  private readonly folds = new Map<number, TrainTestSplit>();
  private validation?: TrainTestSplit & { trained: CsrMatrix };
  private readonly started = performance.now();

  constructor(
    ratings: Ratings,
    private readonly protocol: TuningProtocol,
    private readonly options: TuningOptions,
  ) {
    this.ratings = protocol.sampleUsers === null ? ratings : sampleUsers(ratings, protocol.sampleUsers, protocol.seed);
  }

  private fold(fold: number): TrainTestSplit {
    this.assignment ??= kFoldAssignments(this.ratings.values.length, this.protocol.folds, this.protocol.seed);
    if (!this.folds.has(fold)) this.folds.set(fold, foldSplit(this.ratings, this.assignment, fold));
    return this.folds.get(fold)!;
  }

  private validationSplit() {
    const { testFraction, validationFraction, seed } = this.protocol;
    this.validation ??= validationSplit(rankingSplit(this.ratings, testFraction, seed).train, validationFraction, seed);
    return this.validation;
  }

  private onSweep(kind: 'explicit' | 'implicit'): OnSweep {
    let last = performance.now();
    return (sweep, sweeps) => {
      const now = performance.now();
      this.options.onSweep?.({ kind, sweep, sweeps, seconds: (now - last) / 1000, elapsedSeconds: (now - this.started) / 1000 });
      last = now;
    };
  }

  private get concurrency(): number {
    return Math.max(1, this.options.concurrency ?? this.options.pool?.threads ?? 1);
  }

  async explicit(units: ExplicitTuningUnit[], onResults: (results: ExplicitUnitResult[]) => void): Promise<void> {
    await forEachConcurrently(
      units.map((unit) => async () => {
        const run = await explicitTuningRun(
          this.fold(unit.fold),
          unit.params,
          unit.checkpoints,
          this.options.pool,
          this.onSweep('explicit'),
        );
        onResults([{ configKey: unit.configKey, fold: unit.fold, ...run, source: 'computed' }]);
        const figures = run.checkpoints.map((c) => `rmse@${c.iterations}=${c.rmse.toFixed(4)}`).join(' ');
        this.options.onProgress?.({ message: `explicit ${describe(unit.params)} fold ${unit.fold}: ${figures}` });
      }),
      this.concurrency,
    );
  }

  async implicit(units: ImplicitTuningUnit[], onResults: (results: ImplicitUnitResult[]) => void): Promise<void> {
    await forEachConcurrently(
      units.map((unit) => async () => {
        const validation = this.validationSplit();
        const run = await implicitTuningRun(
          validation,
          unit.params,
          unit.checkpoints,
          this.protocol.k,
          this.options.pool,
          this.onSweep('implicit'),
        );
        onResults([{ configKey: unit.configKey, ...run, source: 'computed' }]);
        const figures = run.checkpoints.map((c) => `ndcg@${c.iterations}=${c.ndcgAtK.toFixed(4)}`).join(' ');
        this.options.onProgress?.({ message: `implicit ${describe(unit.params)}: validation ${figures}` });
      }),
      this.concurrency,
    );
  }
}

function planOptions(options: TuningOptions & { k?: number; testFraction?: number; validationFraction?: number }): TuningPlanOptions {
  return {
    protocol: options.protocol ?? RETRAIN_DEFAULTS.protocol,
    kfoldMaxRatings: options.kfoldMaxRatings ?? RETRAIN_DEFAULTS.kfoldMaxRatings,
    sampleRatings: options.sampleRatings ?? RETRAIN_DEFAULTS.sampleRatings,
    folds: options.folds ?? RETRAIN_DEFAULTS.folds,
    seed: options.seed ?? RETRAIN_DEFAULTS.seed,
    k: options.k ?? RETRAIN_DEFAULTS.k,
    testFraction: options.testFraction ?? RETRAIN_DEFAULTS.testFraction,
    validationFraction: options.validationFraction ?? RETRAIN_DEFAULTS.validationFraction,
  };
}

function tunerFor(
  ratings: Ratings,
  options: TuningOptions & { finalists?: number; k?: number; testFraction?: number },
  grids: {
    explicitGrid?: Partial<ExplicitGridSpec>;
    implicitGrid?: Partial<ImplicitGridSpec>;
  },
) {
  const protocol = chooseTuningProtocol({ ratings: ratings.values.length, users: ratings.userIds.length }, planOptions(options));
  const plan = {
    protocol,
    explicitGrid: { ...DEFAULT_EXPLICIT_GRID, ...grids.explicitGrid },
    implicitGrid: { ...DEFAULT_IMPLICIT_GRID, ...grids.implicitGrid },
    finalists: options.finalists ?? RETRAIN_DEFAULTS.finalists,
    keepFraction: options.keepFraction ?? RETRAIN_DEFAULTS.keepFraction,
  };
  return new Tuner(plan, new InProcessExecutor(ratings, protocol, options));
}

/** Explicit tuning of `ratings` by the retrain's protocol for their size (k-fold CV or the sample's holdout RMSE). */
export async function tuneExplicit(ratings: Ratings, options: ExplicitTuningOptions = {}): Promise<ExplicitTuningResult> {
  const started = performance.now();
  const tuner = tunerFor(ratings, options, { explicitGrid: options.grid });
  const { best, configurations } = await tuner.tuneExplicit();
  const { kind, sampleUsers: sample } = tuner.protocol;
  return { ...best, configurations, protocol: kind, sampleUsers: sample, seconds: (performance.now() - started) / 1000 };
}

/**
 * Implicit tuning of `ratings` by validation NDCG@k: the ranking split's test part is never seen; the validation
 * split is carved from its training part (on the user sample under the holdout protocol).
 */
export async function tuneImplicit(ratings: Ratings, options: ImplicitTuningOptions = {}): Promise<ImplicitTuningResult> {
  const started = performance.now();
  const tuner = tunerFor(ratings, options, { implicitGrid: options.grid });
  const { best, configurations } = await tuner.tuneImplicit();
  const { kind, sampleUsers: sample, k, testFraction } = tuner.protocol;
  return {
    params: { ...DEFAULT_IMPLICIT_PARAMS, ...best.params },
    ndcgAtK: best.ndcgAtK,
    precisionAtK: best.precisionAtK,
    k,
    testFraction,
    configurations,
    protocol: kind,
    sampleUsers: sample,
    seconds: (performance.now() - started) / 1000,
  };
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
