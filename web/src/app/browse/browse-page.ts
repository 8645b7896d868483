import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import type { QueryRef } from 'apollo-angular';
import { Subject, catchError, debounceTime, distinctUntilChanged, filter, map, of, startWith, switchMap } from 'rxjs';
import { EmptyState } from '../empty-state/empty-state';
import { LoadError } from '../empty-state/load-error';
import {
  MovieListGQL,
  type MovieCardFragment,
  type MovieListQuery,
  type MovieListQueryVariables,
  type MovieSort,
} from '../graphql/catalog.generated';
import { GenresGQL } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { errorMessage } from '../shared/api-error';
import { LOADING, type ListState, listState } from '../shared/list-state';
import { MovieCard, MovieCardSkeleton } from '../shared/movie-card/movie-card';
import {
  EMPTY_FILTERS,
  MAX_YEAR,
  MIN_YEAR,
  type BrowseFilters,
  effectiveSort,
  filtersFromParams,
  filtersToParams,
  filtersToVariables,
  hasFilters,
  sameFilters,
} from './browse-filters';
import { FormatNumberPipe } from '../shared/format-number';

export const PAGE_SIZE = 24;
/** Pages loaded by scrolling alone; after that "Load more" asks (so the footer stays reachable). */
export const AUTO_PAGES = 5;
export const SEARCH_DEBOUNCE_MS = 300;

const SORT_LABELS: Record<MovieSort, string> = {
  RELEVANCE: 'Best match',
  POPULARITY: 'Most popular',
  RATING: 'Highest rated',
  TITLE: 'Title A–Z',
  YEAR: 'Newest first',
};

type GenresState =
  | { readonly status: 'loading' }
  | { readonly status: 'error' }
  | { readonly status: 'ready'; readonly genres: readonly { name: string; movieCount: number }[] };

/**
 * Search and filter the catalog. The URL is the source of truth: every filter lives in the query
 * params (shareable, back/forward work); the page reads them, runs `movies` and pages on with the
 * connection cursor (infinite scroll for the first pages, then "Load more").
 */
@Component({
  selector: 'rr-browse-page',
  imports: [
    FormatNumberPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    EmptyState,
    LoadError,
    Icon,
    MovieCard,
    MovieCardSkeleton,
  ],
  templateUrl: './browse-page.html',
  styleUrl: './browse-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrowsePage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly movieList = inject(MovieListGQL);
  private readonly genresGql = inject(GenresGQL);

  protected readonly minYear = MIN_YEAR;
  protected readonly maxYear = MAX_YEAR;
  protected readonly skeletons = Array.from({ length: 12 }, (_, i) => i);

  private readonly filters$ = this.route.queryParamMap.pipe(map(filtersFromParams), distinctUntilChanged(sameFilters));
  protected readonly filters = toSignal(this.filters$, { initialValue: EMPTY_FILTERS });
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly sort = computed(() => effectiveSort(this.filters()));
  protected readonly sortOptions = computed(() =>
    (this.filters().search.trim() ? (['RELEVANCE'] as MovieSort[]) : [])
      .concat(['POPULARITY', 'RATING', 'TITLE', 'YEAR'])
      .map((value) => ({ value, label: SORT_LABELS[value] })),
  );

  // Search box: follows the URL, and the URL follows the typing after a pause.
  protected readonly searchText = linkedSignal(() => this.filters().search);
  private readonly typed = new Subject<string>();

  protected readonly years = new FormGroup({
    from: new FormControl<number | null>(null, [Validators.min(MIN_YEAR), Validators.max(MAX_YEAR)]),
    to: new FormControl<number | null>(null, [Validators.min(MIN_YEAR), Validators.max(MAX_YEAR)]),
  });

  // Results
  private readonly reload = new Subject<void>();
  private queryRef: QueryRef<MovieListQuery, MovieListQueryVariables> | null = null;
  protected readonly state = toSignal(
    this.filters$.pipe(
      switchMap((filters) =>
        this.reload.pipe(
          startWith(undefined),
          map(() => filters),
        ),
      ),
      switchMap((filters) => {
        const ref = this.movieList.watch({
          variables: { ...filtersToVariables(filters), first: PAGE_SIZE },
        });
        this.queryRef = ref;
        return ref.valueChanges.pipe(
          map((result) => listState(result, (data: MovieListQuery) => data.movies)),
          startWith(LOADING),
        );
      }),
    ),
    { initialValue: LOADING as ListState<MovieCardFragment> },
  );
  protected readonly loadMoreError = signal<string | null>(null);
  private readonly sentinel = viewChild<ElementRef<HTMLElement>>('sentinel');

  // Genres for the chips
  private readonly reloadGenres = new Subject<void>();
  protected readonly genres = toSignal(
    this.reloadGenres.pipe(
      startWith(undefined),
      switchMap(() =>
        this.genresGql.fetch().pipe(
          map(({ data }): GenresState => (data ? { status: 'ready', genres: data.genres } : { status: 'error' })),
          catchError(() => of<GenresState>({ status: 'error' })),
          startWith<GenresState>({ status: 'loading' }),
        ),
      ),
    ),
    { requireSync: true },
  );

  constructor() {
    this.typed
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((search) => this.apply({ search }, { replaceUrl: true }));

    // Keep the year fields in step with the URL (back/forward, "Clear filters")...
    effect(() => {
      const { yearFrom, yearTo } = this.filters();
      this.years.setValue({ from: yearFrom, to: yearTo }, { emitEvent: false });
    });
    // ...and apply what the user types once it is valid.
    this.years.valueChanges
      .pipe(
        debounceTime(500),
        filter(() => this.years.valid),
        takeUntilDestroyed(),
      )
      .subscribe(({ from, to }) => this.apply({ yearFrom: from ?? null, yearTo: to ?? null }));

    this.observeSentinel();
  }

  protected onSearchInput(value: string): void {
    this.searchText.set(value);
    this.typed.next(value);
  }

  /** Enter in the search box applies at once. */
  protected searchNow(event: Event): void {
    event.preventDefault();
    this.apply({ search: this.searchText() }, { replaceUrl: true });
  }

  protected clearSearch(input: HTMLInputElement): void {
    this.searchText.set('');
    this.apply({ search: '' });
    input.focus();
  }

  protected onGenresChange(event: MatChipListboxChange): void {
    this.apply({ genres: [...((event.value as string[] | null) ?? [])].sort() });
  }

  protected onSortChange(sort: MovieSort): void {
    const filters = this.filters();
    // The default order is left out of the URL.
    this.apply({ sort: sort === effectiveSort({ ...filters, sort: null }) ? null : sort });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.apply({ ...EMPTY_FILTERS, sort: this.filters().sort === 'RELEVANCE' ? null : this.filters().sort });
  }

  protected retry(): void {
    this.reload.next();
  }

  protected retryGenres(): void {
    this.reloadGenres.next();
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

  protected pages(state: ListState<unknown>): number {
    return state.status === 'ready' ? Math.ceil(state.items.length / PAGE_SIZE) : 0;
  }

  private apply(patch: Partial<BrowseFilters>, { replaceUrl = false } = {}): void {
    let next: BrowseFilters = { ...this.filters(), ...patch };
    if (next.sort === 'RELEVANCE' && !next.search.trim()) next = { ...next, sort: null };
    const { yearFrom: from, yearTo: to } = next;
    if (from !== null && to !== null && from > to) next = { ...next, yearFrom: to, yearTo: from };
    if (sameFilters(next, this.filters())) return;
    this.loadMoreError.set(null);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(next),
      replaceUrl,
    });
  }

  /** Infinite scroll: loads the next page when the end of the list comes near (first pages only). */
  private observeSentinel(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && this.pages(this.state()) < AUTO_PAGES) {
          void this.loadMore();
        }
      },
      { rootMargin: '0px 0px 600px 0px' },
    );
    inject(DestroyRef).onDestroy(() => observer.disconnect());
    effect((onCleanup) => {
      const element = this.sentinel()?.nativeElement;
      const state = this.state();
      // Re-observing after each page re-checks a sentinel that is still in view.
      if (!element || state.status !== 'ready' || state.loadingMore) return;
      observer.observe(element);
      onCleanup(() => observer.unobserve(element));
    });
  }
}
