import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { ObservableQuery } from '@apollo/client';
import { Subject, map, startWith, switchMap } from 'rxjs';
import { SimilarMoviesGQL, type MovieCardFragment, type SimilarMoviesQuery } from '../graphql/generated';
import { errorMessage } from '../shared/api-error';
import { LOADING, type ListState } from '../shared/list-state';
import { MovieShelf } from '../shared/movie-shelf/movie-shelf';

export const SIMILAR_MOVIES_SIZE = 12;

export function similarState(result: ObservableQuery.Result<SimilarMoviesQuery>): ListState<MovieCardFragment> {
  const data = result.dataState === 'complete' ? result.data : undefined;
  if (!data) return result.error ? { status: 'error', message: errorMessage(result.error) } : LOADING;
  const items = (data.movie?.similar ?? []).map((similar) => similar.movie);
  return { status: 'ready', items, totalCount: items.length, hasNextPage: false, endCursor: null, loadingMore: false };
}

/** "More like this" on the movie page: the active model's most similar movies (cosine of item factors). */
@Component({
  selector: 'rr-similar-movies',
  imports: [MovieShelf],
  template: `
    <rr-movie-shelf heading="More like this" [state]="state()" rateable (retry)="retry()">
      <p class="empty" shelfEmpty data-testid="similar-empty">
        No similar movies yet: they come with the next trained model once enough people have rated this one.
      </p>
    </rr-movie-shelf>
  `,
  styles: `
    .empty {
      margin: 0;
      padding: 16px;
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SimilarMovies {
  readonly movieId = input.required<number>();

  private readonly similarMovies = inject(SimilarMoviesGQL);
  private readonly reload = new Subject<void>();

  protected readonly state = toSignal(
    toObservable(this.movieId).pipe(
      switchMap((id) =>
        this.reload.pipe(
          startWith(undefined),
          switchMap(() =>
            this.similarMovies
              .watch({ variables: { id, first: SIMILAR_MOVIES_SIZE } })
              .valueChanges.pipe(map(similarState), startWith(LOADING)),
          ),
        ),
      ),
    ),
    { initialValue: LOADING },
  );

  protected retry(): void {
    this.reload.next();
  }
}
