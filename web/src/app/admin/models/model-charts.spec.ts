import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MODEL_DETAILS } from '../../testing/admin-fixtures';
import { explicitConfigurationsChart, foldsChart, rankingChart, timingsChart } from './chart-configs';
import { FALLBACK_PALETTE, readPalette, withAlpha } from './chart-theme';
import { ModelCharts } from './model-charts';
import { rankingComparison, stageTimings, triedConfigurations } from './model-metrics';

const palette = { primary: 'rgb(1, 2, 3)', secondary: 'rgb(4, 5, 6)', highlight: 'rgb(7, 8, 9)', text: 'black', grid: 'gray' };
const configurations = triedConfigurations(MODEL_DETAILS.metrics, MODEL_DETAILS.params)!;
const folds = MODEL_DETAILS.metrics.crossValidation.perFold;
const ranking = rankingComparison(MODEL_DETAILS.metrics.ranking)!;
const timings = stageTimings(MODEL_DETAILS.timings)!;

describe('chart configs', () => {
  it('CV RMSE per configuration: best first, the chosen one highlighted, on a tight axis', () => {
    const chart = explicitConfigurationsChart(configurations, palette);

    expect(chart.data.labels).toEqual([
      'rank 30 · λ 0.08 · 20 sweeps',
      'rank 20 · λ 0.08 · 20 sweeps',
      'rank 30 · λ 0.08 · 10 sweeps',
      'rank 20 · λ 0.1 · 20 sweeps',
    ]);
    expect(chart.data.datasets[0].data).toEqual([0.861, 0.866, 0.872, 0.89]);
    expect(chart.data.datasets[0].backgroundColor).toEqual(['rgb(7, 8, 9)', ...Array(3).fill('rgba(1, 2, 3, 0.75)')]);
    expect(chart.options.indexAxis).toBe('y');
    const x = chart.options.scales!['x'] as { min: number; max: number };
    expect(x.min).toBeGreaterThan(0.8);
    expect(x.min).toBeLessThan(0.861);
    expect(x.max).toBeGreaterThan(0.89);
    expect(chart.summary).toBe(
      'Bar chart of the cross-validated RMSE of 4 rating-model configurations; lowest 0.8610 (rank 30 · λ 0.08 · 20 sweeps); chosen rank 30 · λ 0.08 · 20 sweeps.',
    );
  });

  it('RMSE per fold: RMSE and MAE per fold, numbered from 1, with the mean in the summary', () => {
    const chart = foldsChart(folds, palette);

    expect(chart.data.labels).toEqual(['Fold 1', 'Fold 2', 'Fold 3']);
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['RMSE', 'MAE']);
    expect(chart.data.datasets[0].data).toEqual([0.85, 0.87, 0.863]);
    expect(chart.summary).toContain('mean 0.8610');
  });

  it('ranking metrics: the model next to the popularity baseline', () => {
    const chart = rankingChart(ranking, palette);

    expect(chart.data.labels).toEqual(['Precision@10', 'Recall@10', 'NDCG@10', 'MAP@10']);
    expect(chart.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['This model', [0.2, 0.15, 0.31, 0.12]],
      ['Popularity baseline', [0.1, 0.08, 0.2, 0.06]],
    ]);
    expect(chart.options.plugins?.legend?.display).toBe(true);
  });

  it('ranking metrics summarize NDCG against the baseline', () => {
    expect(rankingChart(ranking, palette).summary).toBe(
      'Grouped bar chart of Precision@10, Recall@10, NDCG@10, MAP@10 for this model and the popularity baseline; NDCG@10 0.3100 vs 0.2000.',
    );
  });

  it('training time per stage', () => {
    const chart = timingsChart(timings, palette);

    expect(chart.data.labels).toEqual(['Snapshot', 'Tuning', 'Evaluating', 'Training', 'Publishing', 'Promoting']);
    expect(chart.summary).toBe('Bar chart of the time spent in 6 training stages, 1 min 38 s in all; longest tuning (1 min 0 s).');
  });
});

describe('chart theme', () => {
  it('falls back to the light palette where tokens do not resolve', () => {
    expect(readPalette(document.createElement('div'))).toEqual(FALLBACK_PALETTE);
  });

  it('adds transparency to rgb colours only', () => {
    expect(withAlpha('rgb(10, 20, 30)', 0.5)).toBe('rgba(10, 20, 30, 0.5)');
    expect(withAlpha('rgb(10 20 30)', 0.5)).toBe('rgba(10, 20, 30, 0.5)');
    expect(withAlpha('#abcdef', 0.5)).toBe('#abcdef');
  });
});

describe('ModelCharts', () => {
  let fixture: ComponentFixture<ModelCharts>;
  let getContext: typeof HTMLCanvasElement.prototype.getContext;

  const el = () => fixture.nativeElement as HTMLElement;
  const figure = (id: string) => el().querySelector<HTMLElement>(`[data-testid="chart-${id}"]`)!;
  const rows = (id: string) =>
    Array.from(figure(id).querySelectorAll('table.data tbody tr'), (tr) =>
      Array.from(tr.children, (cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );

  beforeEach(() => {
    getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = (() => null) as unknown as typeof getContext;
    TestBed.configureTestingModule({ imports: [ModelCharts] });
    fixture = TestBed.createComponent(ModelCharts);
  });

  afterEach(() => (HTMLCanvasElement.prototype.getContext = getContext));

  it('draws each chart with a text summary and its numbers', async () => {
    fixture.componentRef.setInput('configurations', configurations);
    fixture.componentRef.setInput('folds', folds);
    fixture.componentRef.setInput('ranking', ranking);
    fixture.componentRef.setInput('timings', timings);
    await fixture.whenStable();

    expect(el().querySelectorAll('canvas[role="img"]')).toHaveLength(5);
    expect(el().querySelector('.na')).toBeNull();
    expect(figure('configurations').querySelector('canvas')?.getAttribute('aria-label')).toContain('lowest 0.8610');
    expect(rows('configurations')[0]).toEqual(['rank 30 · λ 0.08 · 20 sweeps chosen', '0.8610', '0.0110', '5']);
    expect(figure('configurations').querySelector('tbody tr')?.classList).toContain('chosen');
    expect(rows('implicit')).toEqual([
      ['rank 16 chosen', '0.3100', '0.2000', '0.1500'],
      ['rank 32', '0.2900', '0.1800', '0.1400'],
    ]);
    expect(rows('folds')).toEqual([
      ['1', '0.8500', '0.6500', '20,000'],
      ['2', '0.8700', '0.6700', '20,000'],
      ['3', '0.8630', '0.6600', '20,001'],
    ]);
    expect(rows('ranking')[2]).toEqual(['NDCG@10', '0.3100', '0.2000']);
    expect(rows('timings')[1]).toEqual(['Tuning', '1 min 0 s']);
    expect(figure('timings').querySelector('.steps')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Inside training: Train rating model 4.0 s, Train ranking model 3.0 s, Store models 1.5 s.',
    );
  });

  it('says "Not available" for each missing part', async () => {
    fixture.componentRef.setInput('folds', folds);
    fixture.componentRef.setInput('configurations', { explicit: [], implicit: configurations.implicit });
    fixture.componentRef.setInput('timings', { stages: [], steps: timings.steps, totalSeconds: 0 });
    await fixture.whenStable();

    const na = (id: string) => figure(id).querySelector('.na')?.textContent?.trim();
    expect(na('configurations')).toBe('Not available');
    expect(na('implicit')).toBeUndefined();
    expect(na('folds')).toBeUndefined();
    expect(na('ranking')).toBe('Not available');
    expect(na('timings')).toBe('Not available');
    expect(figure('timings').querySelector('.steps')).not.toBeNull();
  });
});
