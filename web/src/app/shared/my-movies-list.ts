import { ElementRef, inject, signal, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { QueryRef } from 'apollo-angular';
import { Subject, map, startWith, switchMap } from 'rxjs';
import { errorMessage } from './api-error';
import { LOADING, type ConnectionPage, type ListState, listState } from './list-state';
import { RatingService } from './rating/rating-service';

/**
 * A cursor-paged list of the signed-in user's own movies (My ratings, "Haven't seen"): read once the ratings
 * still being saved have landed (a rating made just before coming here changes both lists), the cached page
 * at once and then the network's, with Retry, "Show more" and removal's focus handling. Create it in a
 * component's field initializer (it injects).
 */
export class MyMoviesList<TData, TVariables extends { after?: string | null }, T> {
  readonly state: Signal<ListState<T>>;
  readonly loadMoreError = signal<string | null>(null);
  private readonly reload = new Subject<void>();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private queryRef: QueryRef<TData, TVariables> | null = null;

  constructor(watch: () => QueryRef<TData, TVariables>, pick: (data: TData) => ConnectionPage<T>) {
    const ratings = inject(RatingService);
    this.state = toSignal(
      this.reload.pipe(
        startWith(undefined),
        switchMap(() =>
          ratings
            .afterSaves(() => {
              const ref = watch();
              this.queryRef = ref;
              return ref.valueChanges.pipe(map((result) => listState(result, pick)));
            })
            .pipe(startWith(LOADING)),
        ),
      ),
      { initialValue: LOADING as ListState<T> },
    );
  }

  retry(): void {
    this.reload.next();
  }

  async loadMore(): Promise<void> {
    const state = this.state();
    const ref = this.queryRef;
    if (state.status !== 'ready' || !state.hasNextPage || state.loadingMore || !ref) return;
    this.loadMoreError.set(null);
    try {
      await ref.fetchMore({ variables: { after: state.endCursor } as Partial<TVariables> });
    } catch (error) {
      this.loadMoreError.set(errorMessage(error));
    }
  }

  /** Reads the list again (an Undo put a movie back at its top). */
  async refetch(): Promise<void> {
    await this.queryRef?.refetch();
  }

  /** The focused Remove button of row `index` is about to disappear: focus the next row's (or the heading). */
  moveFocusFrom(index: number): void {
    const buttons = this.host.querySelectorAll<HTMLElement>('button.remove');
    const target = buttons[index + 1] ?? buttons[index - 1] ?? this.host.querySelector<HTMLElement>('h1');
    target?.focus();
  }
}

/** The first three genre names of a movie, for a list row. */
export function genreNames(movie: { genres: readonly { name: string }[] }): string {
  return movie.genres
    .slice(0, 3)
    .map((genre) => genre.name)
    .join(', ');
}
