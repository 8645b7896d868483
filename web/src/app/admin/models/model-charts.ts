import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, inject, input, signal } from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { FormatNumberPipe } from '../../shared/format-number';
import { ThemeService } from '../../theme/theme-service';
import { formatMetric, formatSeconds } from '../admin-format';
import { explicitConfigurationsChart, foldsChart, implicitConfigurationsChart, rankingChart, timingsChart } from './chart-configs';
import { FALLBACK_PALETTE, readPalette, type ChartPalette } from './chart-theme';
import type { CrossValidationFoldFieldsFragment } from '../../graphql/generated';
import type { RankingComparison, Timings, TriedConfigurations } from './model-metrics';

// Only what bar charts need: this file is loaded with @defer, so chart.js stays out of other bundles.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/**
 * The charts of a model version's evaluation: CV RMSE per configuration (and validation NDCG of the
 * ranking configurations), RMSE per fold, ranking metrics against the popularity baseline and time
 * per training stage. Each has a text summary as its accessible name and its numbers in a table;
 * missing data shows "Not available".
 */
@Component({
  selector: 'rr-model-charts',
  imports: [FormatNumberPipe, BaseChartDirective],
  templateUrl: './model-charts.html',
  styleUrl: './model-charts.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelCharts {
  readonly configurations = input<TriedConfigurations | null>(null);
  readonly folds = input<readonly CrossValidationFoldFieldsFragment[] | null>(null);
  readonly ranking = input<RankingComparison | null>(null);
  readonly timings = input<Timings | null>(null);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly theme = inject(ThemeService);
  private readonly palette = signal<ChartPalette>(FALLBACK_PALETTE);

  protected readonly metric = formatMetric;
  protected readonly seconds = formatSeconds;

  protected readonly explicitChart = computed(() => {
    const configurations = this.configurations();
    return configurations?.explicit.length ? explicitConfigurationsChart(configurations, this.palette()) : null;
  });
  protected readonly implicitChart = computed(() => {
    const configurations = this.configurations();
    return configurations?.implicit.length ? implicitConfigurationsChart(configurations, this.palette(), this.ranking()?.k ?? null) : null;
  });
  protected readonly foldsChart = computed(() => {
    const folds = this.folds();
    return folds?.length ? foldsChart(folds, this.palette()) : null;
  });
  protected readonly rankingChart = computed(() => {
    const ranking = this.ranking();
    return ranking ? rankingChart(ranking, this.palette()) : null;
  });
  protected readonly timingsChart = computed(() => {
    const timings = this.timings();
    return timings?.stages.length ? timingsChart(timings, this.palette()) : null;
  });

  constructor() {
    // After rendering, so that a theme switch has reached the document's color-scheme.
    afterRenderEffect(() => {
      this.theme.scheme();
      this.palette.set(readPalette(this.host));
    });
  }
}
