import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { QueryRef } from 'apollo-angular';
import { Subject, map, startWith, switchMap } from 'rxjs';
import { EmptyState } from '../empty-state/empty-state';
import { MySkipsGQL, type MySkipsQuery, type MySkipsQueryVariables } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { errorMessage } from '../shared/api-error';
import { FormatDatePipe } from '../shared/format-date';
import { FormatNumberPipe } from '../shared/format-number';
import { LOADING, type ListState, listState } from '../shared/list-state';
import { MovieCardSkeleton } from '../shared/movie-card/movie-card';
import { MoviePoster } from '../shared/movie-poster/movie-poster';
import { RatingService } from '../shared/rating/rating-service';
import { SkipService } from '../shared/skip/skip-service';
import { UNDO_DURATION_MS } from './ratings-page';
import { RatingsTabs } from './ratings-tabs';

export const SKIPS_PAGE_SIZE = 20;

export type SkippedMovie = MySkipsQuery['mySkips']['edges'][number]['node'];

/**
 * My ratings, "Haven't seen" (`/ratings/skipped`): the movies the user marked "Haven't seen it",
 * most recent first, which are never recommended to them. Remove takes the mark away (with Undo).
 */
@Component({
  selector: 'rr-skipped-page',
  imports: [FormatDatePipe, FormatNumberPipe, MatButtonModule, RouterLink, EmptyState, Icon, MovieCardSkeleton, MoviePoster, RatingsTabs],
  templateUrl: './skipped-page.html',
  styleUrl: './ratings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SkippedPage {
  private readonly mySkips = inject(MySkipsGQL);
  private readonly skips = inject(SkipService);
  private readonly ratings = inject(RatingService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly reload = new Subject<void>();
  private queryRef: QueryRef<MySkipsQuery, MySkipsQueryVariables> | null = null;

  protected readonly skeletons = [0, 1, 2];
  protected readonly state = toSignal(
    this.reload.pipe(
      startWith(undefined),
      switchMap(() =>
        // A rating removes the movie's mark: read the list after a rating still being saved has landed.
        this.ratings
          .afterSaves(() => {
            const ref = this.mySkips.watch({
              variables: { first: SKIPS_PAGE_SIZE },
              fetchPolicy: 'cache-and-network',
              nextFetchPolicy: 'cache-first',
            });
            this.queryRef = ref;
            return ref.valueChanges.pipe(map((result) => listState(result, (data: MySkipsQuery) => data.mySkips)));
          })
          .pipe(startWith(LOADING)),
      ),
    ),
    { initialValue: LOADING as ListState<SkippedMovie> },
  );
  protected readonly loadMoreError = signal<string | null>(null);

  protected genreNames(movie: SkippedMovie['movie']): string {
    return movie.genres
      .slice(0, 3)
      .map((genre) => genre.name)
      .join(', ');
  }

  protected retry(): void {
    this.reload.next();
  }

  protected async loadMore(): Promise<void> {
    const state = this.state();
    const ref = this.queryRef;
    if (state.status !== 'ready' || !state.hasNextPage || state.loadingMore || !ref) return;
    this.loadMoreError.set(null);
    try {
      await ref.fetchMore({ variables: { after: state.endCursor } });
    } catch (error) {
      this.loadMoreError.set(errorMessage(error));
    }
  }

  /** Removes the mark at once (optimistically); the snackbar's Undo marks the movie again. */
  protected async remove(item: SkippedMovie, index: number): Promise<void> {
    const { id, title } = item.movie;
    this.moveFocusFrom(index);
    try {
      await this.skips.unskip(id);
    } catch (error) {
      this.snackBar.open(`Couldn't remove "Haven't seen it" from ${title}. ${errorMessage(error)}`, 'OK', { duration: 6000 });
      return;
    }
    this.snackBar
      .open(`${title} can be recommended to you again.`, 'Undo', { duration: UNDO_DURATION_MS })
      .onAction()
      .subscribe(() => void this.undo(id, title));
  }

  private async undo(movieId: number, title: string): Promise<void> {
    try {
      await this.skips.skip(movieId);
      // Back in the list (as the most recent mark).
      await this.queryRef?.refetch();
    } catch (error) {
      this.snackBar.open(`Couldn't mark ${title} as not seen again. ${errorMessage(error)}`, 'OK', { duration: 6000 });
    }
  }

  /** The focused Remove button is about to disappear: focus the next row's (or the heading). */
  private moveFocusFrom(index: number): void {
    const buttons = this.host.querySelectorAll<HTMLElement>('button.remove');
    const target = buttons[index + 1] ?? buttons[index - 1] ?? this.host.querySelector<HTMLElement>('h1');
    target?.focus();
  }
}
