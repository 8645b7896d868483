import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { EmptyState } from '../../empty-state/empty-state';
import { LoadError } from '../../empty-state/load-error';
import { ModelVersionsGQL, type ModelVersionSummaryFragment } from '../../graphql/generated';
import { Icon } from '../../icon/icon';
import { errorMessage } from '../../shared/api-error';
import { formatCount, formatMetric } from '../admin-format';
import { STATUS_LABELS, liftOverPopularity, rmseText } from './model-format';
import { ModelPromotion, promoteAction } from './model-promotion';
import { FormatDatePipe } from '../../shared/format-date';

/** Versions listed, newest first (the retrain keeps only a few). */
export const MODELS_PAGE_SIZE = 50;

export type ModelVersion = ModelVersionSummaryFragment;

type ModelsState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly versions: readonly ModelVersion[]; readonly active: ModelVersion | null };

const LOADING: ModelsState = { status: 'loading' };

/**
 * Admin › Models: the active model and every trained version with its evaluation (CV RMSE, ranking
 * metrics against the popularity baseline, data counts); promote or roll back with a confirmation.
 */
@Component({
  selector: 'rr-models-page',
  imports: [FormatDatePipe, MatButtonModule, RouterLink, EmptyState, LoadError, Icon],
  templateUrl: './models-page.html',
  styleUrl: './models-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelsPage {
  private readonly modelVersions = inject(ModelVersionsGQL);
  private readonly promotion = inject(ModelPromotion);
  private readonly reload = new Subject<boolean>();

  protected readonly statusLabels = STATUS_LABELS;
  protected readonly rmseText = rmseText;
  protected readonly lift = liftOverPopularity;
  protected readonly metric = formatMetric;
  protected readonly count = formatCount;
  protected readonly skeletons = [0, 1, 2];

  protected readonly state = toSignal(
    this.reload.pipe(
      startWith(true),
      switchMap((showLoading) => {
        const request = this.modelVersions.fetch({ variables: { first: MODELS_PAGE_SIZE }, fetchPolicy: 'no-cache' }).pipe(
          map(({ data }): ModelsState =>
            data
              ? { status: 'ready', versions: data.modelVersions, active: data.activeModel }
              : { status: 'error', message: 'The API returned no data.' },
          ),
          catchError((error: unknown) => of<ModelsState>({ status: 'error', message: errorMessage(error) })),
        );
        return showLoading ? request.pipe(startWith(LOADING)) : request;
      }),
    ),
    { initialValue: LOADING },
  );
  /** The k of the ranking metrics when every version shares it (column headings), else "k". */
  protected readonly k = computed(() => {
    const state = this.state();
    const ks = state.status === 'ready' ? new Set(state.versions.map((v) => v.k).filter((k) => k !== null)) : new Set();
    return ks.size === 1 ? String([...ks][0]) : 'k';
  });
  protected readonly promoting = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  protected action(version: ModelVersion, active: ModelVersion | null): 'Promote' | 'Roll back' | null {
    return promoteAction(version, active);
  }

  protected retry(): void {
    this.reload.next(this.state().status === 'error');
  }

  protected async promote(version: ModelVersion, active: ModelVersion | null): Promise<void> {
    this.actionError.set(null);
    this.promoting.set(version.version);
    try {
      if (await this.promotion.promote(version, active)) this.reload.next(false);
    } catch (error) {
      this.actionError.set(`Couldn't promote ${version.version}. ${errorMessage(error)}`);
    } finally {
      this.promoting.set(null);
    }
  }
}
