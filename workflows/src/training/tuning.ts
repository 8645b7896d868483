/**
 * Pure tuning bookkeeping shared by the retrain workflow and the worker: grid enumeration, run keys,
 * successive halving over folds, and the summaries stored as metrics. Deterministic; safe in workflows.
 */
import type { AccuracyAtCheckpoint, ExplicitUnitResult, ImplicitUnitResult, RankingFigures } from './evaluation';
import type { ExplicitGridSpec, ExplicitParamsSpec, ImplicitGridSpec, ImplicitParamsSpec } from './retrain';

export interface ExplicitConfiguration {
  configKey: string;
  /** `iterations` is the largest checkpoint of the grid. */
  params: ExplicitParamsSpec;
}

export interface ImplicitConfiguration {
  configKey: string;
  params: ImplicitParamsSpec;
}

/** Identifies an explicit configuration and its fold assignment (not the iteration count: checkpoints share a run). */
export function explicitConfigKey(params: Omit<ExplicitParamsSpec, 'iterations'>, folds: number): string {
  return `k${folds}-r${params.rank}-l${params.lambda}-p${params.pseudoCount}-b${params.biasLambda}-s${params.seed}`;
}

/** Identifies an implicit configuration and its validation protocol. */
export function implicitConfigKey(
  params: Omit<ImplicitParamsSpec, 'iterations'>,
  protocol: { k: number; testFraction: number; validationFraction: number },
): string {
  return `r${params.rank}-l${params.lambda}-a${params.alpha}-${params.confidence}-e${params.epsilon}-s${params.seed}-k${protocol.k}-t${protocol.testFraction}-v${protocol.validationFraction}`;
}

export function explicitConfigurations(grid: ExplicitGridSpec, seed: number, folds: number): ExplicitConfiguration[] {
  const iterations = Math.max(...grid.iterations);
  const out: ExplicitConfiguration[] = [];
  for (const rank of grid.ranks)
    for (const lambda of grid.lambdas)
      for (const pseudoCount of grid.pseudoCounts)
        for (const biasLambda of grid.biasLambdas) {
          const params = { rank, lambda, pseudoCount, biasLambda, iterations, seed };
          out.push({ configKey: explicitConfigKey(params, folds), params });
        }
  return out;
}

export function implicitConfigurations(
  grid: ImplicitGridSpec,
  seed: number,
  protocol: { k: number; testFraction: number; validationFraction: number },
): ImplicitConfiguration[] {
  const iterations = Math.max(...grid.iterations);
  const out: ImplicitConfiguration[] = [];
  for (const rank of grid.ranks)
    for (const lambda of grid.lambdas)
      for (const alpha of grid.alphas)
        for (const confidence of grid.confidences) {
          const params: ImplicitParamsSpec = { rank, lambda, alpha, confidence, epsilon: 1, iterations, seed };
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

const atCheckpoint = (result: ExplicitUnitResult | undefined, iterations: number): AccuracyAtCheckpoint | undefined =>
  result?.checkpoints.find((c) => c.iterations === iterations);

/** The `count` configurations with the lowest fold-0 RMSE at any checkpoint (successive halving, stage 2). */
export function pickFinalists(
  configurations: readonly ExplicitConfiguration[],
  results: ReadonlyMap<string, ExplicitUnitResult>,
  count: number,
): ExplicitConfiguration[] {
  const best = (c: ExplicitConfiguration) =>
    Math.min(
      ...(results.get(explicitRunKey(c.configKey, 0))?.checkpoints.map((p) => p.rmse) ?? [Infinity]).map((v) =>
        Number.isFinite(v) ? v : Infinity,
      ),
    );
  return configurations
    .map((c, index) => ({ c, index, score: best(c) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, count)
    .map(({ c }) => c);
}

export interface ExplicitConfigurationResult {
  params: ExplicitParamsSpec;
  rmse: number;
  rmseStd: number;
  mae: number;
  /** Folds this (configuration, iterations) was evaluated on: 1 when stopped after stage 1. */
  folds: number;
}

/** Every (configuration, checkpoint) with its mean figures over the folds it saw. */
export function summarizeExplicit(
  configurations: readonly ExplicitConfiguration[],
  checkpoints: readonly number[],
  results: ReadonlyMap<string, ExplicitUnitResult>,
  folds: number,
): ExplicitConfigurationResult[] {
  const out: ExplicitConfigurationResult[] = [];
  for (const configuration of configurations) {
    for (const iterations of checkpoints) {
      const perFold: AccuracyAtCheckpoint[] = [];
      for (let fold = 0; fold < folds; fold++) {
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

export interface CrossValidationFigures {
  params: ExplicitParamsSpec;
  folds: number;
  seed: number;
  rmse: number;
  rmseStd: number;
  mae: number;
  maeStd: number;
  perFold: { fold: number; rmse: number; mae: number; trainRatings: number; testRatings: number; seconds: number }[];
}

/** k-fold CV figures of `params` (at `params.iterations`) from the runs of its configuration. */
export function crossValidationFigures(
  params: ExplicitParamsSpec,
  results: ReadonlyMap<string, ExplicitUnitResult>,
  folds: number,
  seed: number,
): CrossValidationFigures {
  const configKey = explicitConfigKey(params, folds);
  const perFold = Array.from({ length: folds }, (_, fold) => {
    const run = results.get(explicitRunKey(configKey, fold));
    const point = atCheckpoint(run, params.iterations);
    if (!run || !point) throw new Error(`no CV result for ${configKey} fold ${fold} at ${params.iterations} sweeps`);
    return { fold, rmse: point.rmse, mae: point.mae, trainRatings: run.trainRatings, testRatings: run.testRatings, seconds: run.seconds };
  });
  const rmse = meanAndStd(perFold.map((f) => f.rmse));
  const mae = meanAndStd(perFold.map((f) => f.mae));
  return { params, folds, seed, rmse: rmse.mean, rmseStd: rmse.std, mae: mae.mean, maeStd: mae.std, perFold };
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
