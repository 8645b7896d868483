import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ObservableQuery } from '@apollo/client';
import type { QueryRef } from 'apollo-angular';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { safeReturnUrl } from '../auth/auth-form';
import { EmptyState } from '../empty-state/empty-state';
import { LoadError } from '../empty-state/load-error';
import {
  MyRatingCountGQL,
  OnboardingMoviesGQL,
  type OnboardingMoviesQuery,
  type OnboardingMoviesQueryVariables,
} from '../graphql/generated';
import { Icon } from '../icon/icon';
import { errorMessage } from '../shared/api-error';
import { LazySnackBar } from '../shared/lazy-snack-bar';
import { MovieCardSkeleton } from '../shared/movie-card/movie-card';
import { MoviePoster } from '../shared/movie-poster/movie-poster';
import { MovieRating } from '../shared/rating/movie-rating';
import { SkipService } from '../shared/skip/skip-service';
import { appendNew, onboardingProgress } from './onboarding-progress';

/** Movies asked for at first and added by each "Show more movies". */
export const ONBOARDING_PAGE_SIZE = 12;
/** The API's limit of `onboardingMovies(first)`. */
export const ONBOARDING_MAX = 100;

export type OnboardingMovie = OnboardingMoviesQuery['onboardingMovies'][number];

type MoviesState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly movies: readonly OnboardingMovie[] };

const LOADING: MoviesState = { status: 'loading' };

/** The user's rating count from before this page, and the ratings personal picks need (null: unknown). */
interface Start {
  readonly before: number;
  readonly goal: number | null;
}

function moviesState(result: ObservableQuery.Result<OnboardingMoviesQuery>): MoviesState {
  if (result.dataState === 'complete' && result.data) return { status: 'ready', movies: result.data.onboardingMovies };
  if (result.error) return { status: 'error', message: errorMessage(result.error) };
  return LOADING;
}

/**
 * First steps of a new account (`/onboarding`): rate well-known movies until the recommender has
 * enough to go on (the API's `recommendationSettings.minRatings`), with progress, "Haven't seen it"
 * to skip a movie (saved: it is never recommended), more movies on demand, and "See my picks" once
 * the goal is reached.
 */
@Component({
  selector: 'rr-onboarding-page',
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, EmptyState, LoadError, Icon, MovieCardSkeleton, MoviePoster, MovieRating],
  templateUrl: './onboarding-page.html',
  styleUrl: './onboarding-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OnboardingPage {
  private readonly onboardingMovies = inject(OnboardingMoviesGQL);
  private readonly skips = inject(SkipService);
  private readonly snackBar = inject(LazySnackBar);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly reload = new Subject<void>();
  private queryRef: QueryRef<OnboardingMoviesQuery, OnboardingMoviesQueryVariables> | null = null;

  /** Where "Skip for now" goes: back where sign-up started, else home. */
  protected readonly returnUrl = safeReturnUrl(inject(ActivatedRoute).snapshot.queryParamMap.get('returnUrl'));
  protected readonly skeletons = Array.from({ length: 6 }, (_, i) => i);

  protected readonly skipped = signal<ReadonlySet<number>>(new Set());
  protected readonly loadingMore = signal(false);
  protected readonly loadMoreError = signal<string | null>(null);
  /** "Show more movies" found nothing new. */
  private readonly noMore = signal(false);

  protected readonly state = toSignal(
    this.reload.pipe(
      startWith(undefined),
      switchMap(() => {
        // Fresh from the server: it leaves out what the user rated meanwhile (the count below includes those).
        const ref = this.onboardingMovies.watch({
          variables: { first: ONBOARDING_PAGE_SIZE },
          fetchPolicy: 'network-only',
          nextFetchPolicy: 'cache-first',
        });
        this.queryRef = ref;
        this.noMore.set(false);
        return ref.valueChanges.pipe(map(moviesState), startWith(LOADING));
      }),
    ),
    { initialValue: LOADING },
  );

  /** Ratings from before this page (the onboarding movies leave them out) and the goal; null while loading. */
  private readonly start = toSignal(
    inject(MyRatingCountGQL)
      .fetch({ fetchPolicy: 'network-only' })
      .pipe(
        map(({ data }): Start => ({ before: data?.myRatings.totalCount ?? 0, goal: data?.recommendationSettings.minRatings ?? null })),
        // Unknown: count what is rated here, without a goal.
        catchError(() => of<Start>({ before: 0, goal: null })),
      ),
    { initialValue: null },
  );
  protected readonly before = computed(() => this.start()?.before ?? null);
  protected readonly goal = computed(() => this.start()?.goal ?? null);

  private readonly movies = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.movies : [];
  });
  /** The movies shown: skipped ones go, rated ones stay (with their stars). */
  protected readonly visible = computed(() => this.movies().filter((movie) => !this.skipped().has(movie.id)));
  protected readonly progress = computed(() => onboardingProgress(this.before() ?? 0, this.movies(), this.goal()));
  /** No more movies to ask for (the first page already came back short, or the last "more" added none). */
  protected readonly exhausted = computed(
    () => this.noMore() || (this.state().status === 'ready' && this.movies().length < ONBOARDING_PAGE_SIZE),
  );

  protected genreNames(movie: OnboardingMovie): string {
    return movie.genres
      .slice(0, 3)
      .map((genre) => genre.name)
      .join(', ');
  }

  protected retry(): void {
    this.reload.next();
  }

  protected seeMyPicks(): void {
    void this.router.navigateByUrl('/');
  }

  /**
   * "Haven't seen it": hides the movie, moves focus to the next one's button and saves the skip (the
   * API then never recommends it); a skip that fails to save brings the movie back and says so.
   */
  protected async skip(movie: OnboardingMovie): Promise<void> {
    const buttons = Array.from(this.host.querySelectorAll<HTMLElement>('button.skip'));
    const index = buttons.findIndex((button) => button.dataset['movieId'] === String(movie.id));
    const target =
      buttons[index + 1] ??
      buttons[index - 1] ??
      this.host.querySelector<HTMLElement>('.more button') ??
      this.host.querySelector<HTMLElement>('h1');
    this.skipped.update((skipped) => new Set([...skipped, movie.id]));
    target?.focus();
    try {
      await this.skips.skip(movie.id);
    } catch (error) {
      this.skipped.update((skipped) => new Set([...skipped].filter((id) => id !== movie.id)));
      void this.snackBar.open(`Couldn't mark ${movie.title} as not seen. ${errorMessage(error)}`, 'OK', { duration: 6000 });
    }
  }

  /**
   * More movies: `onboardingMovies` has no cursor, so this asks for the unrated, unskipped movies
   * shown plus a page more (the API leaves rated and skipped ones out and keeps its order) and
   * appends the new ones.
   */
  protected async loadMore(): Promise<void> {
    const ref = this.queryRef;
    if (!ref || this.loadingMore() || this.exhausted()) return;
    const shown = this.movies();
    const skipped = this.skipped();
    const asked = shown.filter((movie) => movie.myRating === null && !skipped.has(movie.id)).length;
    const first = Math.min(ONBOARDING_MAX, asked + ONBOARDING_PAGE_SIZE);
    this.loadingMore.set(true);
    this.loadMoreError.set(null);
    try {
      const { data } = await ref.fetchMore({
        variables: { first },
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...previous,
          onboardingMovies: appendNew(previous.onboardingMovies, fetchMoreResult.onboardingMovies),
        }),
      });
      const received = data?.onboardingMovies ?? [];
      const added = appendNew(shown, received).length - shown.length;
      if (received.length < first || added === 0 || first >= ONBOARDING_MAX) this.noMore.set(true);
    } catch (error) {
      this.loadMoreError.set(errorMessage(error));
    } finally {
      this.loadingMore.set(false);
    }
  }
}
