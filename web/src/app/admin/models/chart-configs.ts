import type { ChartData, ChartOptions } from 'chart.js';
import { formatMetric, formatSeconds } from '../admin-format';
import { withAlpha, type ChartPalette } from './chart-theme';
import type { CrossValidationFoldFieldsFragment } from '../../graphql/generated';
import type { RankingComparison, Timings, TriedConfigurations } from './model-metrics';

/** What a `<canvas baseChart type="bar">` needs, plus a text summary for its accessible name. */
export interface BarChart {
  readonly data: ChartData<'bar', number[], string>;
  readonly options: ChartOptions<'bar'>;
  readonly summary: string;
  /** Suggested canvas height in px. */
  readonly height: number;
}

const chosenTitle = (point: { label: string; chosen: boolean } | undefined) =>
  point ? (point.chosen ? `${point.label} (chosen)` : point.label) : '';

/** A value axis that leaves out the empty range below the data (RMSE differences are small). */
function tightRange(values: readonly number[]): { min: number; max: number } | null {
  if (!values.length) return null;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low || Math.abs(high) * 0.05 || 0.01) * 0.5;
  const digits = 1000;
  return { min: Math.max(0, Math.floor((low - pad) * digits) / digits), max: Math.ceil((high + pad) * digits) / digits };
}

function baseOptions(palette: ChartPalette, horizontal: boolean, legend: boolean): ChartOptions<'bar'> {
  const axis = {
    ticks: { color: palette.text },
    grid: { color: palette.grid },
    border: { color: palette.grid },
  };
  return {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { display: legend, labels: { color: palette.text } },
      tooltip: { enabled: true },
    },
    scales: { x: { ...axis }, y: { ...axis } },
  };
}

/** Horizontal bars of the explicit configurations' CV RMSE, best first, the chosen one highlighted. */
export function explicitConfigurationsChart(configurations: TriedConfigurations, palette: ChartPalette): BarChart {
  const points = configurations.explicit;
  const range = tightRange(points.map((p) => p.rmse));
  const options = baseOptions(palette, true, false);
  options.scales!['x'] = {
    ...options.scales!['x'],
    ...range,
    title: { display: true, text: 'CV RMSE (lower is better)', color: palette.text },
  };
  options.plugins!.tooltip = {
    callbacks: {
      title: (items) => items.map((item) => chosenTitle(points[item.dataIndex])),
      label: (item) => {
        const point = points[item.dataIndex];
        return `RMSE ${formatMetric(point.rmse)} ± ${formatMetric(point.rmseStd)} over ${point.folds} fold${point.folds === 1 ? '' : 's'}`;
      },
    },
  };
  const best = points[0];
  const chosen = points.find((p) => p.chosen);
  return {
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          label: 'CV RMSE',
          data: points.map((p) => p.rmse),
          backgroundColor: points.map((p) => (p.chosen ? palette.highlight : withAlpha(palette.primary, 0.75))),
          borderRadius: 4,
        },
      ],
    },
    options,
    summary:
      `Bar chart of the cross-validated RMSE of ${points.length} rating-model configurations; lowest ${formatMetric(best?.rmse)} (${best?.label})` +
      (chosen ? `; chosen ${chosen.label}.` : '.'),
    height: Math.max(160, points.length * 28 + 60),
  };
}

/** Horizontal bars of the implicit configurations' validation NDCG@k, best first. */
export function implicitConfigurationsChart(configurations: TriedConfigurations, palette: ChartPalette, k: number | null): BarChart {
  const points = configurations.implicit;
  const options = baseOptions(palette, true, false);
  options.plugins!.tooltip = { callbacks: { title: (items) => items.map((item) => chosenTitle(points[item.dataIndex])) } };
  const name = `NDCG@${k ?? 'k'}`;
  options.scales!['x'] = {
    ...options.scales!['x'],
    beginAtZero: true,
    title: { display: true, text: `Validation ${name} (higher is better)`, color: palette.text },
  };
  const best = points[0];
  return {
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          label: `Validation ${name}`,
          data: points.map((p) => p.ndcgAtK),
          backgroundColor: points.map((p) => (p.chosen ? palette.highlight : withAlpha(palette.primary, 0.75))),
          borderRadius: 4,
        },
      ],
    },
    options,
    summary: `Bar chart of the validation ${name} of ${points.length} ranking-model configurations; highest ${formatMetric(best?.ndcgAtK)} (${best?.label}).`,
    height: Math.max(160, points.length * 28 + 60),
  };
}

/** RMSE and MAE of the chosen parameters on each cross-validation fold. */
export function foldsChart(folds: readonly CrossValidationFoldFieldsFragment[], palette: ChartPalette): BarChart {
  const options = baseOptions(palette, false, true);
  const range = tightRange(folds.flatMap((f) => [f.rmse, f.mae]));
  options.scales!['y'] = {
    ...options.scales!['y'],
    ...range,
    title: { display: true, text: 'Error (lower is better)', color: palette.text },
  };
  const mean = folds.reduce((sum, f) => sum + f.rmse, 0) / folds.length;
  return {
    data: {
      labels: folds.map((f) => `Fold ${f.fold + 1}`),
      datasets: [
        { label: 'RMSE', data: folds.map((f) => f.rmse), backgroundColor: palette.primary, borderRadius: 4 },
        { label: 'MAE', data: folds.map((f) => f.mae), backgroundColor: withAlpha(palette.secondary, 0.7), borderRadius: 4 },
      ],
    },
    options,
    summary: `Bar chart of the RMSE on each of ${folds.length} cross-validation folds; mean ${formatMetric(mean)}.`,
    height: 260,
  };
}

/** The implicit model's ranking metrics next to the popularity baseline. */
export function rankingChart(ranking: RankingComparison, palette: ChartPalette): BarChart {
  const options = baseOptions(palette, false, true);
  options.scales!['y'] = {
    ...options.scales!['y'],
    beginAtZero: true,
    title: { display: true, text: 'Higher is better', color: palette.text },
  };
  const ndcg = ranking.rows.find((row) => row.key === 'ndcgAtK');
  return {
    data: {
      labels: ranking.rows.map((row) => row.label),
      datasets: [
        { label: 'This model', data: ranking.rows.map((row) => row.model), backgroundColor: palette.primary, borderRadius: 4 },
        {
          label: 'Popularity baseline',
          data: ranking.rows.map((row) => row.popularity),
          backgroundColor: withAlpha(palette.secondary, 0.7),
          borderRadius: 4,
        },
      ],
    },
    options,
    summary:
      `Grouped bar chart of ${ranking.rows.map((row) => row.label).join(', ')} for this model and the popularity baseline` +
      (ndcg ? `; ${ndcg.label} ${formatMetric(ndcg.model)} vs ${formatMetric(ndcg.popularity)}.` : '.'),
    height: 280,
  };
}

/** Seconds per workflow stage. */
export function timingsChart(timings: Timings, palette: ChartPalette): BarChart {
  const stages = timings.stages;
  const options = baseOptions(palette, true, false);
  options.scales!['x'] = { ...options.scales!['x'], beginAtZero: true, title: { display: true, text: 'Seconds', color: palette.text } };
  options.plugins!.tooltip = { callbacks: { label: (item) => formatSeconds(stages[item.dataIndex]?.seconds) } };
  const longest = stages.reduce<(typeof stages)[number] | null>((a, b) => (!a || b.seconds > a.seconds ? b : a), null);
  return {
    data: {
      labels: stages.map((s) => s.label),
      datasets: [
        { label: 'Seconds', data: stages.map((s) => s.seconds), backgroundColor: withAlpha(palette.primary, 0.75), borderRadius: 4 },
      ],
    },
    options,
    summary:
      `Bar chart of the time spent in ${stages.length} training stages, ${formatSeconds(timings.totalSeconds)} in all` +
      (longest ? `; longest ${longest.label.toLowerCase()} (${formatSeconds(longest.seconds)}).` : '.'),
    height: Math.max(160, stages.length * 32 + 60),
  };
}
