import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { createCache } from '../graphql/graphql';
import { GENRES, movieCard, moviesPage, settle, wait } from '../testing/fixtures';
import { AUTO_PAGES, BrowsePage, PAGE_SIZE, SEARCH_DEBOUNCE_MS } from './browse-page';

/** Controllable stand-in for IntersectionObserver (jsdom has none). */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly observed = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(element: Element): void {
    this.observed.add(element);
  }
  unobserve(element: Element): void {
    this.observed.delete(element);
  }
  disconnect(): void {
    this.observed.clear();
  }
  /** The sentinel scrolled into view. */
  intersect(): void {
    const entries = [...this.observed].map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

const movies = (from: number, count: number) => Array.from({ length: count }, (_, i) => movieCard(from + i));

/** A limit (not a target) for the test that renders several pages of cards. */
const RENDERS_SEVERAL_PAGES_MS = 30_000;

describe('BrowsePage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;
  let router: Router;

  const el = () => harness.routeNativeElement!;
  const text = (testId: string) => el().querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
  const titles = () => Array.from(el().querySelectorAll('rr-movie-card .title'), (t) => t.textContent?.trim());
  const url = () => router.url;
  const settleAll = () => settle(harness.fixture);

  /** The latest MovieList operation (there is one per filter change). */
  const movieList = () => apollo.expectOne('MovieList');

  async function open(path: string, { genres = true } = {}) {
    harness = await RouterTestingHarness.create();
    // What bootstrapping does: follow back/forward (popstate).
    router.setUpLocationChangeListener();
    await harness.navigateByUrl(path, BrowsePage);
    if (genres) apollo.expectOne('Genres').flushData(GENRES);
    await settleAll();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([{ path: 'browse', component: BrowsePage }]),
        provideLocationMocks(),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => {
    apollo.verify();
    Reflect.deleteProperty(window, 'IntersectionObserver');
    FakeIntersectionObserver.instances = [];
  });

  describe('URL → filters', () => {
    it('queries the first page of the whole catalog without params', async () => {
      await open('/browse');
      const op = movieList();

      expect(op.operation.variables).toEqual({ filter: {}, sort: null, first: PAGE_SIZE });
    });

    it('applies every filter from the URL to the query and the controls', async () => {
      await open('/browse?q=alien&genre=Sci-Fi&genre=Action&from=1979&to=1990&sort=year');
      const op = movieList();

      expect(op.operation.variables).toEqual({
        filter: { search: 'alien', genres: ['Action', 'Sci-Fi'], yearFrom: 1979, yearTo: 1990 },
        sort: 'YEAR',
        first: PAGE_SIZE,
      });
      expect(el().querySelector<HTMLInputElement>('[data-testid="search"]')?.value).toBe('alien');
      expect(el().querySelector<HTMLInputElement>('[data-testid="year-from"]')?.value).toBe('1979');
      expect(el().querySelector<HTMLInputElement>('[data-testid="year-to"]')?.value).toBe('1990');
      expect(text('sort')).toBe('Newest first');
      const selected = Array.from(el().querySelectorAll('mat-chip-option[aria-selected="true"], .mat-mdc-chip-selected'), (c) =>
        c.textContent?.trim(),
      );
      expect(new Set(selected)).toEqual(new Set(['Action', 'Sci-Fi']));
      op.flushData(moviesPage([]));
    });
  });

  describe('filters → URL', () => {
    it('typing a search updates the URL after a pause (replacing the history entry)', async () => {
      await open('/browse');
      movieList().flushData(moviesPage(movies(1, 3)));
      await settleAll();
      const navigate = vi.spyOn(router, 'navigate');

      const input = el().querySelector<HTMLInputElement>('[data-testid="search"]')!;
      for (const value of ['m', 'ma', 'mat']) {
        input.value = value;
        input.dispatchEvent(new Event('input'));
      }
      await wait(SEARCH_DEBOUNCE_MS / 2);
      expect(url()).toBe('/browse');

      await wait(SEARCH_DEBOUNCE_MS);
      await settleAll();
      expect(url()).toBe('/browse?q=mat');
      expect(navigate).toHaveBeenCalledTimes(1);
      expect(navigate.mock.calls[0][1]).toMatchObject({ replaceUrl: true });

      const op = movieList();
      expect(op.operation.variables).toMatchObject({ filter: { search: 'mat' } });
      expect(text('sort')).toBe('Best match');
      op.flushData(moviesPage([movieCard(2571, { title: 'The Matrix' })]));
      await settleAll();
      expect(text('result-count')).toBe('1 movie for “mat”');
    });

    it('the clear button empties the search at once', async () => {
      await open('/browse?q=heat');
      movieList().flushData(moviesPage([]));
      await settleAll();

      el().querySelector<HTMLButtonElement>('button[aria-label="Clear search"]')!.click();
      await settleAll();

      expect(url()).toBe('/browse');
      movieList().flushData(moviesPage([]));
    });

    it('selecting genre chips adds them to the URL', async () => {
      await open('/browse');
      movieList().flushData(moviesPage(movies(1, 2)));
      await settleAll();

      const chip = (name: string) =>
        Array.from(el().querySelectorAll<HTMLElement>('mat-chip-option')).find((c) => c.textContent?.trim() === name)!;
      chip('Drama').querySelector<HTMLElement>('button, .mdc-evolution-chip__action')!.click();
      await settleAll();
      expect(url()).toBe('/browse?genre=Drama');
      movieList().flushData(moviesPage([]));
      await settleAll();

      chip('Comedy').querySelector<HTMLElement>('button, .mdc-evolution-chip__action')!.click();
      await settleAll();
      expect(url()).toBe('/browse?genre=Comedy&genre=Drama');
      expect(movieList().operation.variables).toMatchObject({ filter: { genres: ['Comedy', 'Drama'] } });
    });

    it('a valid year range is applied, an invalid one is not', async () => {
      await open('/browse');
      movieList().flushData(moviesPage(movies(1, 2)));
      await settleAll();

      const from = el().querySelector<HTMLInputElement>('[data-testid="year-from"]')!;
      from.value = '1200';
      from.dispatchEvent(new Event('input'));
      await wait(600);
      await settleAll();
      expect(url()).toBe('/browse');

      from.value = '1980';
      from.dispatchEvent(new Event('input'));
      await wait(600);
      await settleAll();
      expect(url()).toBe('/browse?from=1980');
      expect(movieList().operation.variables).toMatchObject({ filter: { yearFrom: 1980 } });
    });

    it('Clear filters resets everything but a chosen order', async () => {
      await open('/browse?q=x&genre=Drama&from=1990&sort=title');
      movieList().flushData(moviesPage([]));
      await settleAll();

      expect(text('empty-state')).toContain('No movies match');
      el().querySelector<HTMLButtonElement>('[data-testid="clear-filters"]')!.click();
      await settleAll();

      expect(url()).toBe('/browse?sort=title');
      movieList().flushData(moviesPage([]));
    });

    it('back and forward restore the previous filters', async () => {
      await open('/browse?genre=Drama');
      movieList().flushData(moviesPage([movieCard(1, { title: 'Drama one' })]));
      await settleAll();
      await router.navigateByUrl('/browse?genre=Comedy');
      await settleAll();
      movieList().flushData(moviesPage([movieCard(2, { title: 'Comedy one' })]));
      await settleAll();
      expect(titles()).toEqual(['Comedy one']);

      TestBed.inject(Location).back();
      await settleAll();

      // Served from the cache: no new request, same results as before.
      apollo.expectNone('MovieList');
      expect(url()).toBe('/browse?genre=Drama');
      expect(titles()).toEqual(['Drama one']);

      TestBed.inject(Location).forward();
      await settleAll();

      apollo.expectNone('MovieList');
      expect(url()).toBe('/browse?genre=Comedy');
      expect(titles()).toEqual(['Comedy one']);
    });
  });

  describe('results', () => {
    it('shows skeleton cards while loading', async () => {
      await open('/browse');

      expect(el().querySelectorAll('[data-testid="card-skeleton"]').length).toBeGreaterThan(0);
      expect(el().querySelector('.results')?.getAttribute('aria-busy')).toBe('true');
      movieList().flushData(moviesPage([]));
    });

    it('shows the cards and the total count', async () => {
      await open('/browse');
      movieList().flushData(moviesPage(movies(1, 3), { totalCount: 1234, hasNextPage: true }));
      await settleAll();

      expect(titles()).toEqual(['Movie 1', 'Movie 2', 'Movie 3']);
      expect(text('result-count')).toBe('1,234 movies');
      expect(el().querySelector('rr-movie-card a')?.getAttribute('href')).toBe('/movie/1');
    });

    it('"Load more" fetches the next page after the end cursor and appends it', async () => {
      await open('/browse?genre=Drama');
      movieList().flushData(moviesPage(movies(1, PAGE_SIZE), { totalCount: 30, hasNextPage: true }));
      await settleAll();

      el().querySelector<HTMLButtonElement>('[data-testid="load-more"]')!.click();
      await settleAll();

      const op = movieList();
      expect(op.operation.variables).toEqual({
        filter: { genres: ['Drama'] },
        sort: null,
        first: PAGE_SIZE,
        after: `cursor-${PAGE_SIZE}`,
      });
      expect(el().querySelector('[data-testid="load-more"]')?.textContent?.trim()).toBe('Loading…');

      op.flushData(moviesPage(movies(PAGE_SIZE + 1, 6), { totalCount: 30, hasNextPage: false }));
      await settleAll();

      expect(titles()).toHaveLength(30);
      expect(titles()[PAGE_SIZE]).toBe(`Movie ${PAGE_SIZE + 1}`);
      expect(el().querySelector('[data-testid="load-more"]')).toBeNull();
      expect(el().textContent).toContain("That's all 30.");
    });

    it('a failed "Load more" keeps the list and offers to try again', async () => {
      await open('/browse');
      movieList().flushData(moviesPage(movies(1, PAGE_SIZE), { totalCount: 30, hasNextPage: true }));
      await settleAll();

      el().querySelector<HTMLButtonElement>('[data-testid="load-more"]')!.click();
      await settleAll();
      movieList().networkError(new Error('Failed to fetch'));
      await settleAll();

      expect(titles()).toHaveLength(PAGE_SIZE);
      expect(el().querySelector('[role="alert"]')?.textContent).toContain("Can't reach Reelrank");
      expect(el().querySelector('[data-testid="load-more"]')?.textContent?.trim()).toBe('Try again');
    });

    // Renders AUTO_PAGES pages of cards in jsdom: seconds on a loaded 2-core machine, over Vitest's default 5 s limit.
    it(
      'scrolling near the end loads the next page by itself (first pages only)',
      async () => {
        window.IntersectionObserver = FakeIntersectionObserver as unknown as typeof IntersectionObserver;
        await open('/browse');
        let total = PAGE_SIZE;
        movieList().flushData(moviesPage(movies(1, PAGE_SIZE), { totalCount: 1000, hasNextPage: true }));
        await settleAll();
        const observer = FakeIntersectionObserver.instances[0];

        for (let page = 2; page <= AUTO_PAGES; page++) {
          observer.intersect();
          await settleAll();
          const op = movieList();
          expect(op.operation.variables['after']).toBe(`cursor-${total}`);
          op.flushData(moviesPage(movies(total + 1, PAGE_SIZE), { totalCount: 1000, hasNextPage: true }));
          total += PAGE_SIZE;
          await settleAll();
        }
        expect(titles()).toHaveLength(AUTO_PAGES * PAGE_SIZE);

        // After AUTO_PAGES pages the footer stays reachable: only the button loads more.
        observer.intersect();
        await settleAll();
        apollo.expectNone('MovieList');
        expect(el().querySelector('[data-testid="load-more"]')).not.toBeNull();
      },
      RENDERS_SEVERAL_PAGES_MS,
    );

    it('shows an empty catalog differently from a filter without matches', async () => {
      await open('/browse');
      movieList().flushData(moviesPage([]));
      await settleAll();

      expect(text('empty-state')).toContain('The catalog is empty');
      expect(text('result-count')).toBe('0 movies');
    });

    it('shows an error with a Retry that runs the query again', async () => {
      await open('/browse?genre=Drama');
      movieList().graphqlErrors([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      await settleAll();

      expect(text('error-state')).toContain("Couldn't load movies");
      expect(text('error-state')).toContain('Something went wrong on our side');

      Array.from(el().querySelectorAll('button'))
        .find((b) => b.textContent?.includes('Retry'))!
        .click();
      await settleAll();
      movieList().flushData(moviesPage(movies(1, 2)));
      await settleAll();

      expect(titles()).toEqual(['Movie 1', 'Movie 2']);
    });

    it('still works when genres cannot be loaded, with a retry for them', async () => {
      await open('/browse', { genres: false });
      apollo.expectOne('Genres').networkError(new Error('Failed to fetch'));
      movieList().flushData(moviesPage(movies(1, 1)));
      await settleAll();

      expect(el().textContent).toContain("Couldn't load genres.");
      expect(titles()).toEqual(['Movie 1']);

      Array.from(el().querySelectorAll('button'))
        .find((b) => b.textContent?.trim() === 'Retry')!
        .click();
      await settleAll();
      apollo.expectOne('Genres').flushData(GENRES);
      await settleAll();
      expect(el().querySelectorAll('mat-chip-option')).toHaveLength(GENRES.genres.length);
    });
  });
});
