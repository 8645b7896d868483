import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { MovieCardFragment } from '../graphql/generated';
import type { ListState } from '../shared/list-state';
import { MovieShelf } from '../shared/movie-shelf/movie-shelf';

/**
 * "Top picks for you" for signed-in users.
 *
 * Waiting for the API's `recommendations` query. When it lands: add `home/top-picks.graphql`
 * (`query TopPicks($first: Int!) { recommendations(first: $first) { ...MovieCard } }`, adapting
 * to its final shape), run `npm run codegen`, and derive `state` from `TopPicksGQL.watch` with
 * `listState` (as CatalogShelf does) plus a `retry()` that reloads it. The template stays as is:
 * the empty state below then shows for users with too few ratings.
 */
@Component({
  selector: 'rr-top-picks',
  imports: [MatButtonModule, RouterLink, MovieShelf],
  template: `
    <rr-movie-shelf
      heading="Top picks for you"
      description="Learned from your ratings and everyone else's."
      [state]="state()"
      rateable
    >
      <div class="empty" shelfEmpty data-testid="top-picks-empty">
        <p><strong>Rate a few movies to get picks.</strong></p>
        <p>The more you rate, the better they get. Start with ones you know well.</p>
        <a mat-flat-button routerLink="/browse">Rate movies</a>
      </div>
    </rr-movie-shelf>
  `,
  styles: `
    .empty {
      display: grid;
      justify-items: start;
      gap: 4px;
      padding: 20px;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container);

      p {
        margin: 0;
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-medium);
      }

      strong {
        color: var(--mat-sys-on-surface);
        font: var(--mat-sys-title-medium);
      }

      a {
        margin-top: 12px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopPicks {
  protected readonly state = signal<ListState<MovieCardFragment>>({
    status: 'ready',
    items: [],
    totalCount: 0,
    hasNextPage: false,
    endCursor: null,
    loadingMore: false,
  });
}
