import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../empty-state/empty-state';
import { LoadError } from '../empty-state/load-error';
import { MySkipsGQL, type MySkipsQuery } from '../graphql/generated';
import { errorMessage } from '../shared/api-error';
import { FormatDatePipe } from '../shared/format-date';
import { FormatNumberPipe } from '../shared/format-number';
import { MyMoviesList, genreNames } from '../shared/my-movies-list';
import { MovieCardSkeleton } from '../shared/movie-card/movie-card';
import { MoviePoster } from '../shared/movie-poster/movie-poster';
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
  imports: [
    FormatDatePipe,
    FormatNumberPipe,
    MatButtonModule,
    RouterLink,
    EmptyState,
    LoadError,
    MovieCardSkeleton,
    MoviePoster,
    RatingsTabs,
  ],
  templateUrl: './skipped-page.html',
  styleUrl: './ratings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SkippedPage {
  private readonly mySkips = inject(MySkipsGQL);
  private readonly skips = inject(SkipService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly list = new MyMoviesList(
    () =>
      this.mySkips.watch({
        variables: { first: SKIPS_PAGE_SIZE },
        fetchPolicy: 'cache-and-network',
        nextFetchPolicy: 'cache-first',
      }),
    (data: MySkipsQuery) => data.mySkips,
  );
  protected readonly genreNames = genreNames;
  protected readonly skeletons = [0, 1, 2];

  /** Removes the mark at once (optimistically); the snackbar's Undo marks the movie again. */
  protected async remove(item: SkippedMovie, index: number): Promise<void> {
    const { id, title } = item.movie;
    this.list.moveFocusFrom(index);
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
      await this.list.refetch();
    } catch (error) {
      this.snackBar.open(`Couldn't mark ${title} as not seen again. ${errorMessage(error)}`, 'OK', { duration: 6000 });
    }
  }
}
