import { ChangeDetectionStrategy, Component, ElementRef, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ObservableQuery } from '@apollo/client';
import { Subject, map, startWith, switchMap } from 'rxjs';
import { TopPicksGQL, type MovieCardFragment, type TopPicksQuery } from '../graphql/generated';
import { errorMessage } from '../shared/api-error';
import { LazySnackBar } from '../shared/lazy-snack-bar';
import { LOADING, type ListState } from '../shared/list-state';
import type { PickNote } from '../shared/movie-card/movie-card';
import { MovieShelf } from '../shared/movie-shelf/movie-shelf';
import { RatingService } from '../shared/rating/rating-service';
import { SkipService } from '../shared/skip/skip-service';

export const TOP_PICKS_SIZE = 12;
export const SKIP_UNDO_DURATION_MS = 8000;

interface PicksState {
  readonly list: ListState<MovieCardFragment>;
  /** Each pick's reason and predicted rating, by movie id. */
  readonly notes: ReadonlyMap<number, PickNote>;
  /** Every pick is a popular movie (too few ratings or no model yet), none is personal. */
  readonly coldStart: boolean;
}

const NO_NOTES: ReadonlyMap<number, PickNote> = new Map();
const LOADING_PICKS: PicksState = { list: LOADING, notes: NO_NOTES, coldStart: false };

function picksState(result: ObservableQuery.Result<TopPicksQuery>): PicksState {
  const data = result.dataState === 'complete' ? result.data : undefined;
  if (!data) {
    return result.error ? { ...LOADING_PICKS, list: { status: 'error', message: errorMessage(result.error) } } : LOADING_PICKS;
  }
  const picks = data.recommendations;
  return {
    list: {
      status: 'ready',
      items: picks.map((pick) => pick.movie),
      totalCount: picks.length,
      hasNextPage: false,
      endCursor: null,
      loadingMore: false,
    },
    notes: new Map(
      picks.map((pick) => [pick.movie.id, { reason: pick.explanation?.text ?? null, predictedRating: pick.predictedRating ?? null }]),
    ),
    coldStart: picks.length > 0 && picks.every((pick) => pick.source === 'COLD_START'),
  };
}

/**
 * "Top picks for you" for signed-in users: the `recommendations` query, fresh on every visit (they
 * follow new ratings at once). Each card shows why it is a pick and, when the model has one, the
 * predicted rating; "Haven't seen it" takes a pick away for good (with Undo). Until the user has
 * rated enough, the API answers with popular, well-rated movies, and the row says so.
 */
@Component({
  selector: 'rr-top-picks',
  imports: [RouterLink, MovieShelf],
  template: `
    <rr-movie-shelf
      heading="Top picks for you"
      [description]="description()"
      [state]="picks().list"
      [notes]="picks().notes"
      rateable
      skippable
      (retry)="retry()"
      (skip)="skip($event)"
    >
      <div class="empty" shelfEmpty data-testid="top-picks-empty">
        <p><strong>Rate a few movies to get picks.</strong></p>
        <p>The more you rate, the better they get. Start with ones you know well.</p>
        <a class="rr-button rr-button-filled" routerLink="/onboarding">Rate movies</a>
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
  private readonly topPicks = inject(TopPicksGQL);
  private readonly ratings = inject(RatingService);
  private readonly skips = inject(SkipService);
  private readonly snackBar = inject(LazySnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly reload = new Subject<void>();

  protected readonly picks = toSignal(
    this.reload.pipe(
      startWith(undefined),
      switchMap(() =>
        // After a rating still being saved has landed: the picks follow it.
        this.ratings
          .afterSaves(
            () =>
              this.topPicks.watch({ variables: { first: TOP_PICKS_SIZE }, fetchPolicy: 'network-only', nextFetchPolicy: 'cache-first' })
                .valueChanges,
          )
          .pipe(map(picksState), startWith(LOADING_PICKS)),
      ),
    ),
    { initialValue: LOADING_PICKS },
  );

  protected readonly description = computed(() =>
    this.picks().coldStart
      ? 'Popular, well-rated movies while Reelrank gets to know you. Rate more for personal picks.'
      : "Learned from your ratings and everyone else's.",
  );

  protected retry(): void {
    this.reload.next();
  }

  /** "Haven't seen it": the card goes at once (back if saving fails); Undo asks for the picks again. */
  protected async skip(movie: MovieCardFragment): Promise<void> {
    this.moveFocusFrom(movie.id);
    try {
      await this.skips.skip(movie.id);
    } catch (error) {
      void this.snackBar.open(`Couldn't mark ${movie.title} as not seen. ${errorMessage(error)}`, 'OK', { duration: 6000 });
      return;
    }
    const ref = await this.snackBar.open(`We won't recommend ${movie.title} again.`, 'Undo', { duration: SKIP_UNDO_DURATION_MS });
    ref.onAction().subscribe(() => void this.undo(movie));
  }

  private async undo(movie: MovieCardFragment): Promise<void> {
    try {
      await this.skips.unskip(movie.id);
      this.reload.next();
    } catch (error) {
      void this.snackBar.open(`Couldn't bring back ${movie.title}. ${errorMessage(error)}`, 'OK', { duration: 6000 });
    }
  }

  /** The focused "Haven't seen it" button is about to go: focus the next card's (or the previous one's). */
  private moveFocusFrom(movieId: number): void {
    const buttons = Array.from(this.host.querySelectorAll<HTMLElement>('button.skip'));
    const index = buttons.findIndex((button) => button.dataset['movieId'] === String(movieId));
    if (index < 0 || document.activeElement !== buttons[index]) return;
    (buttons[index + 1] ?? buttons[index - 1])?.focus();
  }
}
