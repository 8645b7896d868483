import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Subject, catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { EmptyState } from '../../empty-state/empty-state';
import { LoadError } from '../../empty-state/load-error';
import { ModelVersionDetailsGQL, type ModelVersionDetailsQuery } from '../../graphql/generated';
import { Icon } from '../../icon/icon';
import { errorMessage } from '../../shared/api-error';
import { formatCount, formatMetric } from '../admin-format';
import { ModelCharts } from './model-charts';
import { ModelNewUsers } from './model-new-users';
import { chosenParams, rankingComparison, stageTimings, triedConfigurations } from './model-metrics';
import { ModelPromotion, promoteAction } from './model-promotion';
import { STATUS_LABELS, liftOverPopularity, rmseText } from './model-format';
import { FormatDatePipe } from '../../shared/format-date';

export type ModelVersionDetails = NonNullable<ModelVersionDetailsQuery['modelVersion']>;
type ActiveModel = ModelVersionDetailsQuery['activeModel'];

type DetailState =
  | { readonly status: 'loading' }
  | { readonly status: 'not-found'; readonly version: string }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly model: ModelVersionDetails; readonly active: ActiveModel };

const LOADING: DetailState = { status: 'loading' };

/**
 * Admin › Models › one version (`/admin/models/:version`): its evaluation figures, the new-user
 * figures next to the baselines, chosen parameters, promote / roll back, and the charts (deferred until scrolled to, so chart.js loads
 * only then).
 */
@Component({
  selector: 'rr-model-page',
  imports: [FormatDatePipe, MatButtonModule, RouterLink, EmptyState, LoadError, Icon, ModelCharts, ModelNewUsers],
  templateUrl: './model-page.html',
  styleUrl: './model-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelPage {
  private readonly details = inject(ModelVersionDetailsGQL);
  private readonly promotion = inject(ModelPromotion);
  private readonly title = inject(Title);
  private readonly reload = new Subject<boolean>();

  protected readonly statusLabels = STATUS_LABELS;
  protected readonly rmseText = rmseText;
  protected readonly lift = liftOverPopularity;
  protected readonly metric = formatMetric;
  protected readonly count = formatCount;

  protected readonly state = toSignal(
    combineLatest([
      inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('version') ?? '')),
      this.reload.pipe(startWith(true)),
    ]).pipe(
      switchMap(([version, showLoading]) => {
        const request = this.details.fetch({ variables: { version }, fetchPolicy: 'no-cache' }).pipe(
          map(({ data }): DetailState => {
            if (!data) return { status: 'error', message: 'The API returned no data.' };
            const model = data.modelVersion;
            return model ? { status: 'ready', model, active: data.activeModel ?? null } : { status: 'not-found', version };
          }),
          catchError((error: unknown) => of<DetailState>({ status: 'error', message: errorMessage(error) })),
        );
        return showLoading ? request.pipe(startWith(LOADING)) : request;
      }),
    ),
    { initialValue: LOADING },
  );

  private readonly model = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.model : null;
  });
  /** The evaluation as shown, once per load; null parts show "Not available". */
  protected readonly evaluation = computed(() => {
    const model = this.model();
    if (!model) return null;
    return {
      params: chosenParams(model.params),
      configurations: triedConfigurations(model.metrics, model.params),
      ranking: rankingComparison(model.metrics.ranking),
      timings: stageTimings(model.timings),
    };
  });
  protected readonly action = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? promoteAction(state.model, state.active) : null;
  });
  protected readonly promoting = signal(false);
  protected readonly actionError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const state = this.state();
      if (state.status === 'ready') this.title.setTitle(`Model ${state.model.version} · Admin · Reelrank`);
    });
  }

  protected retry(): void {
    this.reload.next(this.state().status === 'error');
  }

  protected async promote(): Promise<void> {
    const state = this.state();
    if (state.status !== 'ready' || this.promoting()) return;
    this.actionError.set(null);
    this.promoting.set(true);
    try {
      if (await this.promotion.promote(state.model, state.active)) this.reload.next(false);
    } catch (error) {
      this.actionError.set(`Couldn't promote ${state.model.version}. ${errorMessage(error)}`);
    } finally {
      this.promoting.set(false);
    }
  }
}
