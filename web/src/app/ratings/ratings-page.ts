import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { QueryRef } from 'apollo-angular';
import { Subject, map, startWith, switchMap } from 'rxjs';
import { EmptyState } from '../empty-state/empty-state';
import { MyRatingsGQL, type MyRatingsQuery, type MyRatingsQueryVariables } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { errorMessage } from '../shared/api-error';
import { LOADING, type ListState, listState } from '../shared/list-state';
import { MovieCardSkeleton } from '../shared/movie-card/movie-card';
import { MoviePoster } from '../shared/movie-poster/movie-poster';
import { MovieRating } from '../shared/rating/movie-rating';
import { RatingService } from '../shared/rating/rating-service';
import { FormatDatePipe } from '../shared/format-date';
import { FormatNumberPipe } from '../shared/format-number';
import { RatingsTabs } from './ratings-tabs';

export const RATINGS_PAGE_SIZE = 20;
export const UNDO_DURATION_MS = 8000;

export type RatedMovie = MyRatingsQuery['myRatings']['edges'][number]['node'];

/** The signed-in user's ratings, most recent first: edit in place, remove with undo, page on; a tab leads to the movies they haven't seen. */
@Component({
  selector: 'rr-ratings-page',
  imports: [
    FormatDatePipe,
    FormatNumberPipe,
    MatButtonModule,
    RouterLink,
    EmptyState,
    Icon,
    MovieCardSkeleton,
    MoviePoster,
    MovieRating,
    RatingsTabs,
  ],
  templateUrl: './ratings-page.html',
  styleUrl: './ratings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingsPage {
  private readonly myRatings = inject(MyRatingsGQL);
  private readonly ratings = inject(RatingService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly reload = new Subject<void>();
  private queryRef: QueryRef<MyRatingsQuery, MyRatingsQueryVariables> | null = null;

  protected readonly skeletons = [0, 1, 2, 3, 4];
  protected readonly state = toSignal(
    this.reload.pipe(
      startWith(undefined),
      switchMap(() =>
        // Ratings change on other pages too: show the cached list at once and refresh it, after
        // a rating still being saved (one the user changed just before coming here) has landed.
        this.ratings
          .afterSaves(() => {
            const ref = this.myRatings.watch({
              variables: { first: RATINGS_PAGE_SIZE },
              fetchPolicy: 'cache-and-network',
              nextFetchPolicy: 'cache-first',
            });
            this.queryRef = ref;
            return ref.valueChanges.pipe(map((result) => listState(result, (data: MyRatingsQuery) => data.myRatings)));
          })
          .pipe(startWith(LOADING)),
      ),
    ),
    { initialValue: LOADING as ListState<RatedMovie> },
  );
  protected readonly loadMoreError = signal<string | null>(null);

  protected genreNames(movie: RatedMovie['movie']): string {
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

  /** Removes at once (optimistically); the snackbar's Undo rates the movie again. */
  protected async remove(item: RatedMovie, index: number): Promise<void> {
    const { id, title } = item.movie;
    const previous = item.movie.myRating ?? item.rating;
    this.moveFocusFrom(index);
    try {
      await this.ratings.remove(id);
    } catch (error) {
      this.snackBar.open(`Couldn't remove your rating of ${title}. ${errorMessage(error)}`, 'OK', {
        duration: 6000,
      });
      return;
    }
    this.snackBar
      .open(`Removed your rating of ${title}.`, 'Undo', { duration: UNDO_DURATION_MS })
      .onAction()
      .subscribe(() => void this.undo(id, title, previous));
  }

  private async undo(movieId: number, title: string, rating: number): Promise<void> {
    try {
      await this.ratings.rate(movieId, rating);
      // Back in the list (as the most recent rating).
      await this.queryRef?.refetch();
    } catch (error) {
      this.snackBar.open(`Couldn't restore your rating of ${title}. ${errorMessage(error)}`, 'OK', {
        duration: 6000,
      });
    }
  }

  /** The focused Remove button is about to disappear: focus the next row's (or the heading). */
  private moveFocusFrom(index: number): void {
    const buttons = this.host.querySelectorAll<HTMLElement>('button.remove');
    const target = buttons[index + 1] ?? buttons[index - 1] ?? this.host.querySelector<HTMLElement>('h1');
    target?.focus();
  }
}
