import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../empty-state/empty-state';
import { LoadError } from '../empty-state/load-error';
import { MyRatingsGQL, type MyRatingsQuery } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { errorMessage } from '../shared/api-error';
import { MyMoviesList, genreNames } from '../shared/my-movies-list';
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
    LoadError,
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

  protected readonly list = new MyMoviesList(
    () =>
      this.myRatings.watch({
        variables: { first: RATINGS_PAGE_SIZE },
        fetchPolicy: 'cache-and-network',
        nextFetchPolicy: 'cache-first',
      }),
    (data: MyRatingsQuery) => data.myRatings,
  );
  protected readonly genreNames = genreNames;
  protected readonly skeletons = [0, 1, 2, 3, 4];

  /** Removes at once (optimistically); the snackbar's Undo rates the movie again. */
  protected async remove(item: RatedMovie, index: number): Promise<void> {
    const { id, title } = item.movie;
    const previous = item.movie.myRating ?? item.rating;
    this.list.moveFocusFrom(index);
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
      await this.list.refetch();
    } catch (error) {
      this.snackBar.open(`Couldn't restore your rating of ${title}. ${errorMessage(error)}`, 'OK', {
        duration: 6000,
      });
    }
  }
}
