/**
 * Presentation of a model version's evaluation (the typed `ModelVersionDetails` fields): parameter labels,
 * the tried configurations best first and labelled by what varies with the chosen one marked, the ranking
 * figures next to the popularity baseline, and the stages' timings in the order the retrain runs them.
 * Each returns null (shown as "Not available") when the version has nothing to show.
 */
import type {
  ExplicitParamsFieldsFragment,
  ImplicitParamsFieldsFragment,
  ModelMetricsFieldsFragment,
  StageTimingsFieldsFragment,
} from '../../graphql/generated';

type ExplicitParams = ExplicitParamsFieldsFragment;
type ImplicitParams = ImplicitParamsFieldsFragment;
type ModelMetrics = ModelMetricsFieldsFragment;

// Parameters -------------------------------------------------------------------------------------

export type ParamValue = number | string;

export interface ParamEntry {
  readonly key: string;
  readonly label: string;
  readonly value: ParamValue;
}

const PARAM_LABELS: Readonly<Record<string, string>> = {
  rank: 'Rank',
  lambda: 'λ (regularization)',
  pseudoCount: 'Pseudo-count',
  biasLambda: 'Bias λ',
  iterations: 'Iterations',
  seed: 'Seed',
  alpha: 'α (confidence)',
  confidence: 'Confidence scaling',
  epsilon: 'ε',
};

/** Short names for chart labels. */
const PARAM_SHORT: Readonly<Record<string, (value: ParamValue) => string>> = {
  rank: (v) => `rank ${v}`,
  lambda: (v) => `λ ${v}`,
  pseudoCount: (v) => `pc ${v}`,
  biasLambda: (v) => `λb ${v}`,
  alpha: (v) => `α ${v}`,
  confidence: (v) => String(v),
  iterations: (v) => `${v} sweeps`,
};

/** The parameters that tell tried configurations apart (the seed is shared). */
const EXPLICIT_KEYS = ['rank', 'lambda', 'pseudoCount', 'biasLambda', 'iterations'] as const;
const IMPLICIT_KEYS = ['rank', 'lambda', 'alpha', 'confidence', 'iterations'] as const;

/** One model's parameters, labelled, in a stable order. */
function paramEntries(params: ExplicitParams | ImplicitParams | null): ParamEntry[] {
  if (!params) return [];
  const values: Readonly<Record<string, unknown>> = params;
  return Object.keys(PARAM_LABELS)
    .filter((key) => key in values)
    .map((key) => ({ key, label: PARAM_LABELS[key], value: values[key] as ParamValue }));
}

export interface ChosenParams {
  readonly explicit: readonly ParamEntry[];
  readonly implicit: readonly ParamEntry[];
}

/** The hyperparameters chosen for both models; null when neither is known (training, failed). */
export function chosenParams(params: { explicit: ExplicitParams | null; implicit: ImplicitParams | null }): ChosenParams | null {
  const explicit = paramEntries(params.explicit);
  const implicit = paramEntries(params.implicit);
  return explicit.length || implicit.length ? { explicit, implicit } : null;
}

// Configurations ---------------------------------------------------------------------------------

export interface ExplicitConfigPoint {
  readonly label: string;
  /** Mean RMSE over the folds it was evaluated on. */
  readonly rmse: number;
  readonly rmseStd: number;
  /** Folds it was evaluated on (1 when successive halving dropped it after the first fold). */
  readonly folds: number;
  readonly chosen: boolean;
}

export interface ImplicitConfigPoint {
  readonly label: string;
  /** Validation NDCG@k. */
  readonly ndcgAtK: number;
  readonly precisionAtK: number;
  readonly recallAtK: number;
  readonly chosen: boolean;
}

export interface TriedConfigurations {
  /** Best (lowest RMSE) first. */
  readonly explicit: readonly ExplicitConfigPoint[];
  /** Best (highest NDCG@k) first. */
  readonly implicit: readonly ImplicitConfigPoint[];
}

type Keyed<K extends string> = Readonly<Record<K, ParamValue>>;

/** Labels naming only the parameters that differ between configurations (all of them when none do). */
function labelsFor<K extends string>(all: readonly Keyed<K>[], keys: readonly K[]): string[] {
  const varying = keys.filter((key) => new Set(all.map((params) => params[key])).size > 1);
  const shown = varying.length ? varying : keys;
  return all.map((params) => shown.map((key) => PARAM_SHORT[key](params[key])).join(' · '));
}

const sameParams = <K extends string>(params: Keyed<K>, chosen: Keyed<K> | null, keys: readonly K[]) =>
  chosen !== null && keys.every((key) => params[key] === chosen[key]);

/** Every tried configuration with its score, best first, the chosen one (by `params`) marked; null when none. */
export function triedConfigurations(
  metrics: ModelMetrics,
  params: { explicit: ExplicitParams | null; implicit: ImplicitParams | null },
): TriedConfigurations | null {
  const explicitTried = metrics.explicitTuning?.configurations ?? [];
  const explicitLabels = labelsFor(
    explicitTried.map((c) => c.params),
    EXPLICIT_KEYS,
  );
  const explicit = explicitTried
    .map((c, i): ExplicitConfigPoint => ({
      label: explicitLabels[i],
      rmse: c.rmse,
      rmseStd: c.rmseStd,
      folds: c.folds,
      chosen: sameParams(c.params, params.explicit, EXPLICIT_KEYS),
    }))
    .sort((a, b) => a.rmse - b.rmse);

  const implicitTried = metrics.implicitTuning?.configurations ?? [];
  const implicitLabels = labelsFor(
    implicitTried.map((c) => c.params),
    IMPLICIT_KEYS,
  );
  const implicit = implicitTried
    .map((c, i): ImplicitConfigPoint => ({
      label: implicitLabels[i],
      ndcgAtK: c.ndcgAtK,
      precisionAtK: c.precisionAtK,
      recallAtK: c.recallAtK,
      chosen: sameParams(c.params, params.implicit, IMPLICIT_KEYS),
    }))
    .sort((a, b) => b.ndcgAtK - a.ndcgAtK);

  return explicit.length || implicit.length ? { explicit, implicit } : null;
}

// Ranking ----------------------------------------------------------------------------------------

export type RankingMetricKey = 'precisionAtK' | 'recallAtK' | 'ndcgAtK' | 'mapAtK';

export interface RankingRow {
  readonly key: RankingMetricKey;
  /** "Precision@10". */
  readonly label: string;
  readonly model: number;
  readonly popularity: number;
}

export interface RankingComparison {
  readonly k: number;
  readonly rows: readonly RankingRow[];
}

const RANKING_METRICS: readonly { key: RankingMetricKey; name: string }[] = [
  { key: 'precisionAtK', name: 'Precision' },
  { key: 'recallAtK', name: 'Recall' },
  { key: 'ndcgAtK', name: 'NDCG' },
  { key: 'mapAtK', name: 'MAP' },
];

/** The implicit model's ranking metrics next to the popularity baseline on the same split; null when not evaluated. */
export function rankingComparison(ranking: ModelMetrics['ranking']): RankingComparison | null {
  if (!ranking) return null;
  return {
    k: ranking.k,
    rows: RANKING_METRICS.map(({ key, name }) => ({
      key,
      label: `${name}@${ranking.k}`,
      model: ranking[key],
      popularity: ranking.popularity[key],
    })),
  };
}

// Timings ----------------------------------------------------------------------------------------

export interface Timing {
  readonly key: string;
  readonly label: string;
  readonly seconds: number;
}

export interface Timings {
  /** Workflow stages in pipeline order. */
  readonly stages: readonly Timing[];
  /** Steps inside the training stage. */
  readonly steps: readonly Timing[];
  readonly totalSeconds: number;
}

type TimingKey = Exclude<keyof StageTimingsFieldsFragment, '__typename'>;

const STAGE_LABELS: Readonly<Partial<Record<TimingKey, string>>> = {
  snapshot: 'Snapshot',
  tuning: 'Tuning',
  evaluating: 'Evaluating',
  training: 'Training',
  publishing: 'Publishing',
  promoting: 'Promoting',
};

const STEP_LABELS: Readonly<Partial<Record<TimingKey, string>>> = {
  trainExplicitSeconds: 'Train rating model',
  trainImplicitSeconds: 'Train ranking model',
  storeSeconds: 'Store models',
};

function timingsOf(timings: StageTimingsFieldsFragment, labels: Readonly<Partial<Record<TimingKey, string>>>): Timing[] {
  return (Object.entries(labels) as [TimingKey, string][]).flatMap(([key, label]) => {
    const seconds = timings[key];
    return seconds === null ? [] : [{ key, label, seconds }];
  });
}

/** Seconds per stage and the training's steps; null when the version has none. */
export function stageTimings(timings: StageTimingsFieldsFragment): Timings | null {
  const stages = timingsOf(timings, STAGE_LABELS);
  const steps = timingsOf(timings, STEP_LABELS);
  if (!stages.length && !steps.length) return null;
  return { stages, steps, totalSeconds: stages.reduce((sum, stage) => sum + stage.seconds, 0) };
}
