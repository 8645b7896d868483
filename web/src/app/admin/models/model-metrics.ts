/**
 * Typed, defensive readers of the JSON text fields of `ModelVersion` (built by the API's
 * models.service from the retrain workflow's model_versions row):
 *
 * - `configurations`: `{ explicit?: ExplicitConfigurationResult[], implicit?: ImplicitConfigurationResult[] }`
 *   (`{ params: {rank, lambda, pseudoCount, biasLambda, iterations, seed}, rmse, rmseStd, mae, folds }` and
 *   `{ params: {rank, lambda, alpha, confidence, epsilon, iterations, seed}, precisionAtK, recallAtK, ndcgAtK,
 *   mapAtK, coverage, users }`), or null.
 * - `cvPerFold`: `[{ fold, rmse, mae, trainRatings, testRatings, seconds }]`, or null.
 * - `metrics`: `{ trigger, summary: MetricsSummary, explicit: { cv, tuning }, implicit: { ranking: {
 *   precisionAtK, …, k, popularity: { precisionAtK, … } }, tuning }, baseline, tuningRuns, promotion }`;
 *   `{}` or `{ trigger }` only while training or after a failure.
 * - `timings`: seconds per stage (`snapshot`, `tuning`, `evaluating`, `training`, `publishing`,
 *   `promoting`) plus `trainExplicitSeconds`, `trainImplicitSeconds`, `storeSeconds`, and a `failedAt`
 *   timestamp on failures.
 * - `params`: `{ explicit: ExplicitParamsSpec, implicit: ImplicitParamsSpec }` (`{}` until chosen).
 *
 * Every reader returns null (shown as "Not available") for missing, malformed or empty data and
 * skips entries that lack the figures it needs, so old or partial versions never break the page.
 */

type Json = Record<string, unknown>;

/** The parsed JSON text, or undefined when it is missing or not JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const asObject = (value: unknown): Json | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** A finite number, else null. */
export const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

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
  epsilon: (v) => `ε ${v}`,
  iterations: (v) => `${v} sweeps`,
};

const EXPLICIT_KEYS = ['rank', 'lambda', 'pseudoCount', 'biasLambda', 'iterations'] as const;
const IMPLICIT_KEYS = ['rank', 'lambda', 'alpha', 'confidence', 'iterations'] as const;

/** The scalar parameters of one model (numbers and strings only), in a stable order. */
function paramEntries(value: unknown): ParamEntry[] {
  const params = asObject(value);
  if (!params) return [];
  const order = Object.keys(PARAM_LABELS);
  return Object.entries(params)
    .filter((entry): entry is [string, ParamValue] => finite(entry[1]) !== null || typeof entry[1] === 'string')
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
    .map(([key, value]) => ({ key, label: PARAM_LABELS[key] ?? key, value }));
}

export interface ChosenParams {
  readonly explicit: readonly ParamEntry[];
  readonly implicit: readonly ParamEntry[];
}

/** `params`: the hyperparameters chosen for both models; null when neither is known. */
export function parseParams(text: string | null | undefined): ChosenParams | null {
  const params = asObject(parseJson(text));
  if (!params) return null;
  const explicit = paramEntries(params['explicit']);
  const implicit = paramEntries(params['implicit']);
  return explicit.length || implicit.length ? { explicit, implicit } : null;
}

// Configurations ---------------------------------------------------------------------------------

export interface ExplicitConfigPoint {
  readonly label: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Mean RMSE over the folds it was evaluated on. */
  readonly rmse: number;
  readonly rmseStd: number | null;
  readonly mae: number | null;
  /** Folds it was evaluated on (1 when successive halving dropped it after the first fold). */
  readonly folds: number | null;
  readonly chosen: boolean;
}

export interface ImplicitConfigPoint {
  readonly label: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Validation NDCG@k. */
  readonly ndcgAtK: number;
  readonly precisionAtK: number | null;
  readonly recallAtK: number | null;
  readonly chosen: boolean;
}

export interface TriedConfigurations {
  /** Best (lowest RMSE) first. */
  readonly explicit: readonly ExplicitConfigPoint[];
  /** Best (highest NDCG@k) first. */
  readonly implicit: readonly ImplicitConfigPoint[];
}

function scalarParams(value: unknown, keys: readonly string[]): Record<string, ParamValue> | null {
  const params = asObject(value);
  if (!params) return null;
  const out: Record<string, ParamValue> = {};
  for (const key of keys) {
    const v = params[key];
    if (finite(v) !== null || typeof v === 'string') out[key] = v as ParamValue;
  }
  return Object.keys(out).length ? out : null;
}

/** Labels naming only the parameters that differ between configurations (all of them when none do). */
function labelsFor(all: readonly Record<string, ParamValue>[], keys: readonly string[]): string[] {
  const varying = keys.filter((key) => new Set(all.map((params) => params[key])).size > 1);
  const shown = varying.length ? varying : keys;
  return all.map((params) =>
    shown
      .filter((key) => params[key] !== undefined)
      .map((key) => PARAM_SHORT[key]?.(params[key]) ?? `${key} ${params[key]}`)
      .join(' · '),
  );
}

const sameParams = (params: Record<string, ParamValue>, chosen: readonly ParamEntry[], keys: readonly string[]) =>
  chosen.length > 0 && keys.every((key) => params[key] === chosen.find((entry) => entry.key === key)?.value);

/**
 * `configurations`: every tried configuration with its score, best first, the chosen one marked
 * (by `params`). Entries without their score are left out; null when nothing is left.
 */
export function parseConfigurations(text: string | null | undefined, chosen: ChosenParams | null = null): TriedConfigurations | null {
  const json = asObject(parseJson(text));
  if (!json) return null;

  const explicitRaw = asArray(json['explicit']).flatMap((entry) => {
    const item = asObject(entry);
    const params = scalarParams(item?.['params'], EXPLICIT_KEYS);
    const rmse = finite(item?.['rmse']);
    return item && params && rmse !== null ? [{ item, params, rmse }] : [];
  });
  const explicitLabels = labelsFor(
    explicitRaw.map((e) => e.params),
    EXPLICIT_KEYS,
  );
  const explicit = explicitRaw
    .map(({ item, params, rmse }, i): ExplicitConfigPoint => ({
      label: explicitLabels[i],
      params,
      rmse,
      rmseStd: finite(item['rmseStd']),
      mae: finite(item['mae']),
      folds: finite(item['folds']),
      chosen: sameParams(params, chosen?.explicit ?? [], EXPLICIT_KEYS),
    }))
    .sort((a, b) => a.rmse - b.rmse);

  const implicitRaw = asArray(json['implicit']).flatMap((entry) => {
    const item = asObject(entry);
    const params = scalarParams(item?.['params'], IMPLICIT_KEYS);
    const ndcgAtK = finite(item?.['ndcgAtK']);
    return item && params && ndcgAtK !== null ? [{ item, params, ndcgAtK }] : [];
  });
  const implicitLabels = labelsFor(
    implicitRaw.map((e) => e.params),
    IMPLICIT_KEYS,
  );
  const implicit = implicitRaw
    .map(({ item, params, ndcgAtK }, i): ImplicitConfigPoint => ({
      label: implicitLabels[i],
      params,
      ndcgAtK,
      precisionAtK: finite(item['precisionAtK']),
      recallAtK: finite(item['recallAtK']),
      chosen: sameParams(params, chosen?.implicit ?? [], IMPLICIT_KEYS),
    }))
    .sort((a, b) => b.ndcgAtK - a.ndcgAtK);

  return explicit.length || implicit.length ? { explicit, implicit } : null;
}

// Folds ------------------------------------------------------------------------------------------

export interface FoldPoint {
  /** 1-based for display. */
  readonly fold: number;
  readonly rmse: number;
  readonly mae: number | null;
  readonly testRatings: number | null;
  readonly seconds: number | null;
}

/** `cvPerFold`: the chosen explicit parameters' RMSE on each cross-validation fold; null when unknown. */
export function parseCvPerFold(text: string | null | undefined): FoldPoint[] | null {
  const folds = asArray(parseJson(text)).flatMap((entry, index): FoldPoint[] => {
    const item = asObject(entry);
    const rmse = finite(item?.['rmse']);
    if (!item || rmse === null) return [];
    const fold = finite(item['fold']);
    return [
      {
        fold: fold === null ? index + 1 : fold + 1,
        rmse,
        mae: finite(item['mae']),
        testRatings: finite(item['testRatings']),
        seconds: finite(item['seconds']),
      },
    ];
  });
  return folds.length ? folds.sort((a, b) => a.fold - b.fold) : null;
}

// Ranking ----------------------------------------------------------------------------------------

export type RankingMetricKey = 'precisionAtK' | 'recallAtK' | 'ndcgAtK' | 'mapAtK';

export interface RankingRow {
  readonly key: RankingMetricKey;
  /** "Precision@10". */
  readonly label: string;
  readonly model: number | null;
  readonly popularity: number | null;
}

export interface RankingComparison {
  readonly k: number | null;
  /** Metrics with at least the model's figure. */
  readonly rows: readonly RankingRow[];
}

const RANKING_METRICS: readonly { key: RankingMetricKey; name: string; summary: string | null }[] = [
  { key: 'precisionAtK', name: 'Precision', summary: 'implicitPrecisionAtK' },
  { key: 'recallAtK', name: 'Recall', summary: 'implicitRecallAtK' },
  { key: 'ndcgAtK', name: 'NDCG', summary: 'implicitNdcgAtK' },
  { key: 'mapAtK', name: 'MAP', summary: null },
];

/** The version's own columns, used when `metrics` lacks the ranking section. */
export interface RankingFallback {
  readonly k?: number | null;
  readonly precisionAtK?: number | null;
  readonly recallAtK?: number | null;
  readonly ndcgAtK?: number | null;
  readonly popularityNdcgAtK?: number | null;
}

/**
 * The implicit model's ranking metrics next to the popularity baseline on the same split, from
 * `metrics.implicit.ranking` (then `metrics.summary`, then the version's columns); null when none is known.
 */
export function parseRanking(metricsText: string | null | undefined, fallback: RankingFallback = {}): RankingComparison | null {
  const metrics = asObject(parseJson(metricsText)) ?? {};
  const ranking = asObject(asObject(metrics['implicit'])?.['ranking']) ?? {};
  const popularity = asObject(ranking['popularity']) ?? {};
  const summary = asObject(metrics['summary']) ?? {};
  const k = finite(ranking['k']) ?? finite(summary['k']) ?? finite(fallback.k);
  const rows = RANKING_METRICS.map(({ key, name, summary: summaryKey }): RankingRow => ({
    key,
    label: k === null ? `${name}@k` : `${name}@${k}`,
    model: finite(ranking[key]) ?? (summaryKey ? finite(summary[summaryKey]) : null) ?? finite(fallback[key as keyof RankingFallback]),
    popularity:
      finite(popularity[key]) ?? (key === 'ndcgAtK' ? (finite(summary['popularityNdcgAtK']) ?? finite(fallback.popularityNdcgAtK)) : null),
  })).filter((row) => row.model !== null);
  return rows.length ? { k, rows } : null;
}

/** Extra figures of `metrics.summary` the version's columns do not carry. */
export function parseSummaryExtras(metricsText: string | null | undefined): {
  mae: number | null;
  folds: number | null;
  trigger: string | null;
} {
  const metrics = asObject(parseJson(metricsText)) ?? {};
  const summary = asObject(metrics['summary']) ?? {};
  const trigger = metrics['trigger'];
  return {
    mae: finite(summary['explicitMae']),
    folds: finite(summary['folds']),
    trigger: typeof trigger === 'string' ? trigger : null,
  };
}

// Timings ----------------------------------------------------------------------------------------

export interface Timing {
  readonly key: string;
  readonly label: string;
  readonly seconds: number;
}

export interface Timings {
  /** Workflow stages in pipeline order (then any unknown ones). */
  readonly stages: readonly Timing[];
  /** Steps inside the training stage. */
  readonly steps: readonly Timing[];
  readonly totalSeconds: number;
}

const STAGE_LABELS: Readonly<Record<string, string>> = {
  snapshot: 'Snapshot',
  tuning: 'Tuning',
  evaluating: 'Evaluating',
  training: 'Training',
  publishing: 'Publishing',
  promoting: 'Promoting',
};

const STEP_LABELS: Readonly<Record<string, string>> = {
  trainExplicitSeconds: 'Train rating model',
  trainImplicitSeconds: 'Train ranking model',
  storeSeconds: 'Store models',
};

/** `timings`: seconds per stage; non-numeric entries (`failedAt`) and a `total` are skipped. Null when empty. */
export function parseTimings(text: string | null | undefined): Timings | null {
  const json = asObject(parseJson(text));
  if (!json) return null;
  const order = Object.keys(STAGE_LABELS);
  const entries = Object.entries(json).flatMap(([key, value]) => {
    const seconds = finite(value);
    return seconds === null || seconds < 0 || key === 'total' ? [] : [{ key, seconds }];
  });
  const steps = entries.filter(({ key }) => key in STEP_LABELS).map(({ key, seconds }) => ({ key, label: STEP_LABELS[key], seconds }));
  const stages = entries
    .filter(({ key }) => !(key in STEP_LABELS))
    .sort((a, b) => (order.indexOf(a.key) + 1 || 99) - (order.indexOf(b.key) + 1 || 99))
    .map(({ key, seconds }) => ({ key, label: STAGE_LABELS[key] ?? key, seconds }));
  if (!stages.length && !steps.length) return null;
  return { stages, steps, totalSeconds: stages.reduce((sum, stage) => sum + stage.seconds, 0) };
}
