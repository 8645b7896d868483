/**
 * The tuner: the one hyper-parameter search of the project, used by the retrain workflow (its runs are activities)
 * and by `recommender tune` (its runs are in-process on the ALS pool). Pure and deterministic (safe in workflows):
 * it plans runs, keeps their results by run key (a run is never trained twice), halves the candidates and
 * summarises; a {@link TuningExecutor} trains and measures the runs.
 *
 * The protocol depends on the data's size (chooseTuningProtocol):
 * - `kfold` (small data): explicit configurations are halved over folds (all on fold 0, the `finalists` best on
 *   every fold, the lowest mean RMSE wins); implicit configurations all train to the last checkpoint on the
 *   validation split.
 * - `holdout` (large data): everything runs on a sample of users; explicit runs use fold 0 of the sample's
 *   assignment (a 1/folds holdout), implicit runs the sample's validation split, and both are halved over
 *   sweeps: every configuration trains to the first checkpoint, the best `keepFraction` to the next, and so on.
 */
import type { AccuracyAtCheckpoint, ExplicitUnitResult, ImplicitUnitResult, RankingFigures } from './evaluation';
import type {
  ExplicitGridSpec,
  ExplicitParamsSpec,
  ImplicitGridSpec,
  ImplicitParamsSpec,
  TuningKindProgress,
  TuningProtocolKind,
} from './retrain';

/** How configurations are measured; every run of a tuning (and of the evaluations that reuse it) shares it. */
export interface TuningProtocol {
  kind: TuningProtocolKind;
  /** Fold assignment of the explicit runs (kfold: every fold is run; holdout: fold 0 only). */
  folds: number;
  /** Users of the sample every run and evaluation uses (holdout); null: all users (kfold). */
  sampleUsers: number | null;
  seed: number;
  /** Ranking protocol: stratified split holding out `testFraction` per user, metrics @k. */
  k: number;
  testFraction: number;
  /** Implicit runs validate on this fraction carved (stratified) from the ranking split's training part. */
  validationFraction: number;
}

/** What chooses the protocol and the halving. */
export interface TuningPlanOptions {
  /** 'auto' chooses by size: kfold up to `kfoldMaxRatings` ratings, holdout above. */
  protocol: TuningProtocolKind | 'auto';
  kfoldMaxRatings: number;
  /** Holdout: users are sampled to hold about this many ratings (all users when the data has fewer). */
  sampleRatings: number;
  folds: number;
  seed: number;
  k: number;
  testFraction: number;
  validationFraction: number;
}

/** The protocol for data of this size (see libs/recommender/README.md, "Tuning", for the reasons and costs). */
export function chooseTuningProtocol(data: { ratings: number; users: number }, options: TuningPlanOptions): TuningProtocol {
  const kind = options.protocol === 'auto' ? (data.ratings <= options.kfoldMaxRatings ? 'kfold' : 'holdout') : options.protocol;
  const { folds, seed, k, testFraction, validationFraction } = options;
  const sampled = Math.ceil((data.users * options.sampleRatings) / Math.max(1, data.ratings));
  const sampleUsers = kind === 'holdout' && sampled < data.users ? sampled : null;
  return { kind, folds, sampleUsers, seed, k, testFraction, validationFraction };
}

/** The folds explicit runs of this protocol evaluate. */
export const protocolFolds = (protocol: TuningProtocol): number[] =>
  protocol.kind === 'kfold' ? Array.from({ length: protocol.folds }, (_, fold) => fold) : [0];

/** One explicit run: a configuration trained on one fold's training part, test RMSE/MAE at each checkpoint. */
export interface ExplicitTuningUnit {
  /** The configuration without its iteration count, and its protocol (see explicitConfigKey). */
  configKey: string;
  /** `iterations` is the largest checkpoint. */
  params: ExplicitParamsSpec;
  fold: number;
  checkpoints: number[];
}

/** One implicit run: a configuration trained on the validation training part, NDCG@k at each checkpoint. */
export interface ImplicitTuningUnit {
  configKey: string;
  params: ImplicitParamsSpec;
  checkpoints: number[];
}

/**
 * Trains and measures runs under the tuner's protocol. `onResults` may be called several times (e.g. once per
 * activity batch); every unit's result must have been passed to it when the promise resolves.
 */
export interface TuningExecutor {
  explicit(units: ExplicitTuningUnit[], onResults: (results: ExplicitUnitResult[]) => void): Promise<void>;
  implicit(units: ImplicitTuningUnit[], onResults: (results: ImplicitUnitResult[]) => void): Promise<void>;
}

export interface ExplicitConfiguration {
  configKey: string;
  /** `iterations` is the largest checkpoint of the grid. */
  params: ExplicitParamsSpec;
}

export interface ImplicitConfiguration {
  configKey: string;
  params: ImplicitParamsSpec;
}

const sampleTag = (protocol: TuningProtocol) => (protocol.sampleUsers === null ? '' : `-u${protocol.sampleUsers}`);

/**
 * Identifies an explicit configuration and its fold assignment (not the iteration count: checkpoints share a run).
 * k-fold keys are those of the retrains before the holdout protocol existed (`k5-…`).
 */
export function explicitConfigKey(params: Omit<ExplicitParamsSpec, 'iterations'>, protocol: TuningProtocol): string {
  const prefix = protocol.kind === 'kfold' ? 'k' : 'h';
  return `${prefix}${protocol.folds}${sampleTag(protocol)}-r${params.rank}-l${params.lambda}-p${params.pseudoCount}-b${params.biasLambda}-s${params.seed}`;
}

/** Identifies an implicit configuration and its validation protocol. */
export function implicitConfigKey(params: Omit<ImplicitParamsSpec, 'iterations'>, protocol: TuningProtocol): string {
  return `r${params.rank}-l${params.lambda}-a${params.alpha}-${params.confidence}-e${params.epsilon}-s${params.seed}-k${protocol.k}-t${protocol.testFraction}-v${protocol.validationFraction}${sampleTag(protocol)}`;
}

export function explicitConfigurations(grid: ExplicitGridSpec, protocol: TuningProtocol): ExplicitConfiguration[] {
  const iterations = Math.max(...grid.iterations);
  const out: ExplicitConfiguration[] = [];
  for (const rank of grid.ranks)
    for (const lambda of grid.lambdas)
      for (const pseudoCount of grid.pseudoCounts)
        for (const biasLambda of grid.biasLambdas) {
          const params = { rank, lambda, pseudoCount, biasLambda, iterations, seed: protocol.seed };
          out.push({ configKey: explicitConfigKey(params, protocol), params });
        }
  return out;
}

export function implicitConfigurations(grid: ImplicitGridSpec, protocol: TuningProtocol): ImplicitConfiguration[] {
  const iterations = Math.max(...grid.iterations);
  const out: ImplicitConfiguration[] = [];
  for (const rank of grid.ranks)
    for (const lambda of grid.lambdas)
      for (const alpha of grid.alphas)
        for (const confidence of grid.confidences) {
          const params: ImplicitParamsSpec = { rank, lambda, alpha, confidence, epsilon: 1, iterations, seed: protocol.seed };
          out.push({ configKey: implicitConfigKey(params, protocol), params });
        }
  return out;
}

/** Key of one explicit run in maps and S3 markers. */
export const explicitRunKey = (configKey: string, fold: number) => `${configKey}#${fold}`;

/** Splits `items` into consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + Math.max(1, size)));
  return out;
}

/** Mean and sample standard deviation (n − 1; 0 for a single value), as the engine reports them. */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return { mean, std: 0 };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

/** Whether a recorded run has every wanted checkpoint (then it answers the unit). */
export const coversCheckpoints = (result: { checkpoints: { iterations: number }[] }, wanted: readonly number[]) =>
  wanted.every((it) => result.checkpoints.some((c) => c.iterations === it));

const atCheckpoint = (result: ExplicitUnitResult | undefined, iterations: number): AccuracyAtCheckpoint | undefined =>
  result?.checkpoints.find((c) => c.iterations === iterations);

const finiteOr = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);

/**
 * The best `keep` candidates by `score` (lower is better; ties: the earlier candidate), in candidate order of
 * rank. This is one step of successive halving.
 */
export function survivors<C>(candidates: readonly C[], score: (candidate: C) => number, keep: number): C[] {
  return candidates
    .map((c, index) => ({ c, index, score: score(c) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, keep)
    .map(({ c }) => c);
}

/** Halving stages of the holdout protocol: survivors of stage s train to checkpoint s (all checkpoints up to it). */
export function sweepStages(checkpoints: readonly number[]): number[][] {
  const sorted = [...new Set(checkpoints)].sort((a, b) => a - b);
  return sorted.map((_, s) => sorted.slice(0, s + 1));
}

export interface ExplicitConfigurationResult {
  params: ExplicitParamsSpec;
  rmse: number;
  rmseStd: number;
  mae: number;
  /** Folds this (configuration, iterations) was evaluated on: 1 when stopped after stage 1, or on a holdout. */
  folds: number;
}

/** Every (configuration, checkpoint) with its mean figures over the folds it saw. */
export function summarizeExplicit(
  configurations: readonly ExplicitConfiguration[],
  checkpoints: readonly number[],
  results: ReadonlyMap<string, ExplicitUnitResult>,
  folds: readonly number[],
): ExplicitConfigurationResult[] {
  const out: ExplicitConfigurationResult[] = [];
  for (const configuration of configurations) {
    for (const iterations of checkpoints) {
      const perFold: AccuracyAtCheckpoint[] = [];
      for (const fold of folds) {
        const point = atCheckpoint(results.get(explicitRunKey(configuration.configKey, fold)), iterations);
        if (point) perFold.push(point);
      }
      if (perFold.length === 0) continue;
      const rmse = meanAndStd(perFold.map((p) => p.rmse));
      out.push({
        params: { ...configuration.params, iterations },
        rmse: rmse.mean,
        rmseStd: rmse.std,
        mae: meanAndStd(perFold.map((p) => p.mae)).mean,
        folds: perFold.length,
      });
    }
  }
  return out;
}

/** The lowest mean RMSE among the results seen on the most folds (all folds once stage 2 ran). */
export function bestExplicit(results: readonly ExplicitConfigurationResult[]): ExplicitConfigurationResult | undefined {
  const finite = results.filter((r) => Number.isFinite(r.rmse));
  const mostFolds = Math.max(0, ...finite.map((r) => r.folds));
  return finite
    .filter((r) => r.folds === mostFolds)
    .reduce<ExplicitConfigurationResult | undefined>((a, b) => (!a || b.rmse < a.rmse ? b : a), undefined);
}

export interface ImplicitConfigurationResult extends RankingFigures {
  params: ImplicitParamsSpec;
}

export function summarizeImplicit(
  configurations: readonly ImplicitConfiguration[],
  results: ReadonlyMap<string, ImplicitUnitResult>,
): ImplicitConfigurationResult[] {
  return configurations.flatMap((configuration) =>
    (results.get(configuration.configKey)?.checkpoints ?? []).map(({ iterations, ...figures }) => ({
      params: { ...configuration.params, iterations },
      ...figures,
    })),
  );
}

/** The highest validation NDCG@k (ties: the earlier configuration and checkpoint, i.e. fewer sweeps). */
export function bestImplicit(results: readonly ImplicitConfigurationResult[]): ImplicitConfigurationResult | undefined {
  return results
    .filter((r) => Number.isFinite(r.ndcgAtK))
    .reduce<ImplicitConfigurationResult | undefined>((a, b) => (!a || b.ndcgAtK > a.ndcgAtK ? b : a), undefined);
}

/** The explicit figures of one parameter set under the protocol: k-fold CV, or the sample's holdout (`folds` 1). */
export interface CrossValidationFigures {
  params: ExplicitParamsSpec;
  /** Folds evaluated (1 on a holdout). */
  folds: number;
  seed: number;
  rmse: number;
  rmseStd: number;
  mae: number;
  maeStd: number;
  perFold: { fold: number; rmse: number; mae: number; trainRatings: number; testRatings: number; seconds: number }[];
  /** Absent in versions trained before the holdout protocol existed (they are k-fold). */
  protocol?: TuningProtocolKind;
  sampleUsers?: number | null;
}

/** The figures of `params` (at `params.iterations`) from the runs of its configuration on the protocol's folds. */
export function crossValidationFigures(
  params: ExplicitParamsSpec,
  results: ReadonlyMap<string, ExplicitUnitResult>,
  protocol: TuningProtocol,
): CrossValidationFigures {
  const configKey = explicitConfigKey(params, protocol);
  const perFold = protocolFolds(protocol).map((fold) => {
    const run = results.get(explicitRunKey(configKey, fold));
    const point = atCheckpoint(run, params.iterations);
    if (!run || !point) throw new Error(`no result for ${configKey} fold ${fold} at ${params.iterations} sweeps`);
    return { fold, rmse: point.rmse, mae: point.mae, trainRatings: run.trainRatings, testRatings: run.testRatings, seconds: run.seconds };
  });
  const rmse = meanAndStd(perFold.map((f) => f.rmse));
  const mae = meanAndStd(perFold.map((f) => f.mae));
  return {
    params,
    folds: perFold.length,
    seed: protocol.seed,
    rmse: rmse.mean,
    rmseStd: rmse.std,
    mae: mae.mean,
    maeStd: mae.std,
    perFold,
    protocol: protocol.kind,
    sampleUsers: protocol.sampleUsers,
  };
}

export interface TuningPlan {
  protocol: TuningProtocol;
  explicitGrid: ExplicitGridSpec;
  implicitGrid: ImplicitGridSpec;
  /** k-fold: explicit configurations (best on fold 0) run on every fold. */
  finalists: number;
  /** Holdout: share of the configurations that continue to the next checkpoint (at least one does). */
  keepFraction: number;
}

export interface ExplicitTuning {
  configurations: ExplicitConfigurationResult[];
  best: ExplicitConfigurationResult;
}

export interface ImplicitTuning {
  configurations: ImplicitConfigurationResult[];
  best: ImplicitConfigurationResult;
}

/** Thrown when no configuration produced a finite figure (too little data); `kind` names the model. */
export class NoTuningResultError extends Error {
  constructor(readonly kind: 'explicit' | 'implicit') {
    super(`${kind} tuning produced no finite ${kind === 'explicit' ? 'RMSE' : 'NDCG'}`);
    this.name = 'NoTuningResultError';
  }
}

export const emptyTuningProgress = (): TuningKindProgress => ({
  configurations: 0,
  configurationsDone: 0,
  runs: 0,
  runsDone: 0,
  foldsDone: 0,
});

/**
 * Runs a plan through an executor. Results are kept by run key: a unit whose result is already known (with the
 * checkpoints it asks for) is not run again, so evaluations of tuned parameters cost nothing, and survivors
 * of a halving stage replace their shorter runs.
 */
export class Tuner {
  readonly explicitRuns = new Map<string, ExplicitUnitResult>();
  readonly implicitRuns = new Map<string, ImplicitUnitResult>();
  readonly explicitConfigs: ExplicitConfiguration[];
  readonly implicitConfigs: ImplicitConfiguration[];
  readonly progress = { explicit: emptyTuningProgress(), implicit: emptyTuningProgress() };

  constructor(
    readonly plan: TuningPlan,
    private readonly executor: TuningExecutor,
  ) {
    this.explicitConfigs = explicitConfigurations(plan.explicitGrid, plan.protocol);
    this.implicitConfigs = implicitConfigurations(plan.implicitGrid, plan.protocol);
    this.progress.explicit.configurations = this.explicitConfigs.length;
    this.progress.implicit.configurations = this.implicitConfigs.length;
  }

  get protocol(): TuningProtocol {
    return this.plan.protocol;
  }

  private get explicitCheckpoints(): number[] {
    return [...new Set(this.plan.explicitGrid.iterations)].sort((a, b) => a - b);
  }

  private keep(count: number): number {
    return Math.max(1, Math.ceil(count * this.plan.keepFraction));
  }

  /** Best RMSE of a configuration at any checkpoint of its fold-0 run (what halving ranks by). */
  private explicitScore = (c: ExplicitConfiguration) =>
    Math.min(...(this.explicitRuns.get(explicitRunKey(c.configKey, 0))?.checkpoints.map((p) => finiteOr(p.rmse, Infinity)) ?? [Infinity]));

  private implicitScore = (c: ImplicitConfiguration) =>
    -Math.max(...(this.implicitRuns.get(c.configKey)?.checkpoints.map((p) => finiteOr(p.ndcgAtK, -Infinity)) ?? [-Infinity]));

  /** kfold: halving over folds; holdout: halving over sweeps on fold 0. The lowest RMSE on the most folds wins. */
  async tuneExplicit(): Promise<ExplicitTuning> {
    const checkpoints = this.explicitCheckpoints;
    const units = (configs: readonly ExplicitConfiguration[], folds: readonly number[], upTo: number[]) =>
      configs.flatMap((c) => folds.map((fold) => ({ configKey: c.configKey, params: c.params, fold, checkpoints: upTo })));
    if (this.protocol.kind === 'kfold') {
      await this.runExplicit(units(this.explicitConfigs, [0], checkpoints), true);
      const finalists = survivors(this.explicitConfigs, this.explicitScore, this.plan.finalists);
      await this.runExplicit(units(finalists, protocolFolds(this.protocol).slice(1), checkpoints), true);
    } else {
      let alive: ExplicitConfiguration[] = this.explicitConfigs;
      for (const [stage, upTo] of sweepStages(checkpoints).entries()) {
        if (stage > 0) alive = survivors(alive, this.explicitScore, this.keep(alive.length));
        await this.runExplicit(units(alive, [0], upTo), true);
      }
    }
    const configurations = summarizeExplicit(this.explicitConfigs, checkpoints, this.explicitRuns, protocolFolds(this.protocol));
    const best = bestExplicit(configurations);
    if (!best) throw new NoTuningResultError('explicit');
    return { configurations, best };
  }

  /** kfold: every configuration to the last checkpoint; holdout: halving over sweeps. The highest validation NDCG@k wins. */
  async tuneImplicit(): Promise<ImplicitTuning> {
    const checkpoints = [...new Set(this.plan.implicitGrid.iterations)].sort((a, b) => a - b);
    const stages = this.protocol.kind === 'kfold' ? [checkpoints] : sweepStages(checkpoints);
    let alive: ImplicitConfiguration[] = this.implicitConfigs;
    for (const [stage, upTo] of stages.entries()) {
      if (stage > 0) alive = survivors(alive, this.implicitScore, this.keep(alive.length));
      await this.runImplicit(alive.map((c) => ({ configKey: c.configKey, params: c.params, checkpoints: upTo })));
    }
    const configurations = summarizeImplicit(this.implicitConfigs, this.implicitRuns);
    const best = bestImplicit(configurations);
    if (!best) throw new NoTuningResultError('implicit');
    return { configurations, best };
  }

  /** The protocol's figures of `params`, running only the fold runs no earlier run answers (same folds, same sweeps). */
  async explicitFigures(params: ExplicitParamsSpec): Promise<CrossValidationFigures> {
    const configKey = explicitConfigKey(params, this.protocol);
    const missing: ExplicitTuningUnit[] = [];
    for (const fold of protocolFolds(this.protocol)) {
      const run = this.explicitRuns.get(explicitRunKey(configKey, fold));
      if (run && coversCheckpoints(run, [params.iterations])) continue;
      const checkpoints = [...new Set([...(run?.checkpoints.map((c) => c.iterations) ?? []), params.iterations])].sort((a, b) => a - b);
      missing.push({ configKey, params: { ...params, iterations: checkpoints[checkpoints.length - 1] }, fold, checkpoints });
    }
    await this.runExplicit(missing, false);
    return crossValidationFigures(params, this.explicitRuns, this.protocol);
  }

  /** Runs the units no recorded run answers; `tuning` runs count in the progress. */
  private async runExplicit(units: ExplicitTuningUnit[], tuning: boolean): Promise<void> {
    const needed = units.filter((u) => {
      const known = this.explicitRuns.get(explicitRunKey(u.configKey, u.fold));
      return !known || !coversCheckpoints(known, u.checkpoints);
    });
    if (needed.length === 0) return;
    const kind = this.progress.explicit;
    if (tuning) kind.runs += needed.length;
    await this.executor.explicit(needed, (results) => {
      for (const result of results) this.explicitRuns.set(explicitRunKey(result.configKey, result.fold), result);
      if (!tuning) return;
      kind.runsDone += results.length;
      kind.foldsDone += results.length;
      kind.configurationsDone = new Set([...this.explicitRuns.values()].map((r) => r.configKey)).size;
      const best = bestExplicit(
        summarizeExplicit(this.explicitConfigs, this.explicitCheckpoints, this.explicitRuns, protocolFolds(this.protocol)),
      );
      if (best) kind.best = { params: best.params, rmse: best.rmse, folds: best.folds };
    });
  }

  private async runImplicit(units: ImplicitTuningUnit[]): Promise<void> {
    const needed = units.filter((u) => {
      const known = this.implicitRuns.get(u.configKey);
      return !known || !coversCheckpoints(known, u.checkpoints);
    });
    if (needed.length === 0) return;
    const kind = this.progress.implicit;
    kind.runs += needed.length;
    await this.executor.implicit(needed, (results) => {
      for (const result of results) this.implicitRuns.set(result.configKey, result);
      kind.runsDone += results.length;
      kind.configurationsDone = this.implicitRuns.size;
      const best = bestImplicit(summarizeImplicit(this.implicitConfigs, this.implicitRuns));
      if (best) kind.best = { params: best.params, ndcgAtK: best.ndcgAtK };
    });
  }
}

export const sameExplicitParams = (a: ExplicitParamsSpec, b: ExplicitParamsSpec) =>
  a.rank === b.rank &&
  a.lambda === b.lambda &&
  a.pseudoCount === b.pseudoCount &&
  a.biasLambda === b.biasLambda &&
  a.iterations === b.iterations &&
  a.seed === b.seed;

export const sameImplicitParams = (a: ImplicitParamsSpec, b: ImplicitParamsSpec) =>
  a.rank === b.rank &&
  a.lambda === b.lambda &&
  a.alpha === b.alpha &&
  a.confidence === b.confidence &&
  a.epsilon === b.epsilon &&
  a.iterations === b.iterations &&
  a.seed === b.seed;

/** Whether stored parameters have every field of the spec (e.g. read back from model_versions.params). */
export function isExplicitParams(value: unknown): value is ExplicitParamsSpec {
  const v = value as Record<string, unknown> | null;
  return !!v && ['rank', 'lambda', 'pseudoCount', 'biasLambda', 'iterations', 'seed'].every((key) => typeof v[key] === 'number');
}

export function isImplicitParams(value: unknown): value is ImplicitParamsSpec {
  const v = value as Record<string, unknown> | null;
  return (
    !!v &&
    ['rank', 'lambda', 'alpha', 'epsilon', 'iterations', 'seed'].every((key) => typeof v[key] === 'number') &&
    (v.confidence === 'linear' || v.confidence === 'log')
  );
}
