import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import type { MovieCardFragment } from '../graphql/generated';
import type { ListState } from '../shared/list-state';
import { MovieShelf } from '../shared/movie-shelf/movie-shelf';

/**
 * "More like this" on the movie page.
 *
 * Waiting for the API's `Movie.similar(first)`. When it lands: add `movie/similar-movies.graphql`
 * (`query SimilarMovies($id: Int!, $first: Int!) { movie(id: $id) { id similar(first: $first)
 * { ...MovieCard } } }`), run `npm run codegen`, and derive `state` from `SimilarMoviesGQL.watch`
 * with `movieId()` (mapping the list to a ready ListState). The template needs no change.
 */
@Component({
  selector: 'rr-similar-movies',
  imports: [MovieShelf],
  template: `
    <rr-movie-shelf heading="More like this" [state]="state()" rateable>
      <p class="soon" shelfEmpty data-testid="similar-placeholder">
        Similar movies are on their way: Reelrank will suggest them from what people who liked this
        movie also enjoyed.
      </p>
    </rr-movie-shelf>
  `,
  styles: `
    .soon {
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

  protected readonly state = signal<ListState<MovieCardFragment>>({
    status: 'ready',
    items: [],
    totalCount: 0,
    hasNextPage: false,
    endCursor: null,
    loadingMore: false,
  });
}
