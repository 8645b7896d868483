import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { SESSION_STORAGE_KEY } from '../auth/auth-service';
import { createCache } from '../graphql/graphql';
import { RATING_SAVE_DELAY } from '../shared/rating/movie-rating';
import { movieCard, session, settle } from '../testing/fixtures';
import { ONBOARDING_PAGE_SIZE, OnboardingPage } from './onboarding-page';

const onboardingMovie = (id: number, myRating: number | null = null) => ({
  ...movieCard(id, { title: `Movie ${id}`, myRating }),
  genres: [
    { __typename: 'Genre', id: 1, name: 'Drama' },
    { __typename: 'Genre', id: 2, name: 'Comedy' },
  ],
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const moviesData = (ids: number[]) => ({ onboardingMovies: ids.map((id) => onboardingMovie(id)) });
/** The user's rating count and the API's RECOMMENDATIONS_MIN_RATINGS (5 unless a test says otherwise). */
const countData = (totalCount: number, minRatings = 5) => ({
  myRatings: { __typename: 'RatingConnection', totalCount, edges: [] },
  recommendationSettings: { __typename: 'RecommendationSettings', minRatings },
});
const skipResult = (movieId: number) => ({
  skipMovie: {
    __typename: 'Skip',
    skippedAt: '2026-03-01T10:00:00.000Z',
    movie: { __typename: 'Movie', id: movieId, skippedByMe: true },
  },
});
const rateResult = (movieId: number, rating: number) => ({
  rateMovie: {
    __typename: 'Rating',
    rating,
    ratedAt: '2026-03-01T10:00:00.000Z',
    movie: { __typename: 'Movie', id: movieId, myRating: rating, averageRating: 3.6, ratingCount: 11 },
  },
});

describe('OnboardingPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.routeNativeElement!;
  const settleAll = () => settle(harness.fixture);
  const tiles = () => Array.from(el().querySelectorAll<HTMLElement>('[data-testid="onboarding-movie"]'));
  const tileTitles = () => tiles().map((tile) => tile.querySelector('h3')?.textContent?.trim());
  const progressText = () => el().querySelector('[data-testid="onboarding-progress"]')?.textContent?.trim();
  const bar = () => el().querySelector('mat-progress-bar')!;
  const button = (name: string) =>
    Array.from(el().querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);
  const skipButton = (title: string) => button(`Haven't seen it: ${title}`);
  const lead = () => el().querySelector('[data-testid="onboarding-lead"]')?.textContent?.replace(/\s+/g, ' ').trim();
  const snackBar = () => document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim() ?? '';

  /** "Haven't seen it" on a movie: the SkipMovie mutation it sends, to answer. */
  async function skip(id: number) {
    skipButton(`Movie ${id}`)!.click();
    await settleAll();
    const op = apollo.expectOne('SkipMovie');
    expect(op.operation.variables).toEqual({ movieId: id });
    return op;
  }
  const slider = (title: string) => el().querySelector<HTMLElement>(`[role="slider"][aria-label="Your rating of ${title}"]`)!;

  async function open(
    url = '/onboarding',
    { movies = range(1, ONBOARDING_PAGE_SIZE) as number[] | null, count = 0 as number | null } = {},
  ) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, OnboardingPage);
    await settleAll();
    if (count !== null) apollo.expectOne('MyRatingCount').flushData(countData(count));
    if (movies) apollo.expectOne('OnboardingMovies').flushData(moviesData(movies));
    await settleAll();
  }

  /** Rates with the keyboard (End = 5 stars) and lets the server confirm. */
  async function rate(id: number) {
    slider(`Movie ${id}`).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }));
    await settleAll();
    const op = apollo.expectOne('RateMovie');
    expect(op.operation.variables).toEqual({ movieId: id, rating: 5 });
    return op;
  }

  beforeEach(() => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([
          { path: 'onboarding', component: OnboardingPage },
          { path: '**', children: [] },
        ]),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
        { provide: RATING_SAVE_DELAY, useValue: 0 },
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
  });

  it('shows a skeleton, then the movies to rate with their stars and the progress', async () => {
    await open('/onboarding', { movies: null, count: null });
    expect(el().querySelector('[data-testid="onboarding-skeleton"]')).not.toBeNull();
    expect(el().querySelector('h1')?.textContent).toBe("Rate movies you've seen");

    const op = apollo.expectOne('OnboardingMovies');
    expect(op.operation.variables).toEqual({ first: ONBOARDING_PAGE_SIZE });
    apollo.expectOne('MyRatingCount').flushData(countData(3));
    op.flushData(moviesData(range(1, ONBOARDING_PAGE_SIZE)));
    await settleAll();

    expect(tiles()).toHaveLength(ONBOARDING_PAGE_SIZE);
    expect(tiles()[0].querySelector('.meta')?.textContent).toContain('Drama, Comedy');
    expect(slider('Movie 1').getAttribute('aria-valuenow')).toBe('0');
    expect(lead()).toBe(
      "Rate at least 5 movies and Reelrank can work out what you like. Half stars are fine; skip the ones you haven't seen.",
    );
    expect(progressText()).toBe('3 of 5 rated');
    expect(bar().getAttribute('aria-valuenow')).toBe('60');
    expect(bar().getAttribute('aria-label')).toBe('Rating progress');
    expect(el().textContent).toContain('2 more to go');
    expect(button('See my picks')).toBeUndefined();
    expect(el().querySelector('[data-testid="skip-onboarding"]')?.getAttribute('href')).toBe('/');
  });

  it('asks for as many ratings as the API needs for personal picks (RECOMMENDATIONS_MIN_RATINGS)', async () => {
    await open('/onboarding', { movies: null, count: null });
    apollo.expectOne('MyRatingCount').flushData(countData(1, 8));
    apollo.expectOne('OnboardingMovies').flushData(moviesData(range(1, ONBOARDING_PAGE_SIZE)));
    await settleAll();

    expect(lead()).toContain('Rate at least 8 movies');
    expect(progressText()).toBe('1 of 8 rated');
    expect(el().textContent).toContain('7 more to go for personal picks.');
  });

  it('counts a rating at once and offers "See my picks" at the goal', async () => {
    await open('/onboarding', { count: 3 });
    expect(progressText()).toBe('3 of 5 rated');

    const first = await rate(1);
    // Optimistic: counted before the server answers.
    expect(progressText()).toBe('4 of 5 rated');
    first.flushData(rateResult(1, 5));
    await settleAll();
    expect(tiles()[0].classList).toContain('rated');
    expect(tiles()[0].textContent).toContain('Rated');
    expect(button('See my picks')).toBeUndefined();

    (await rate(2)).flushData(rateResult(2, 5));
    await settleAll();

    expect(progressText()).toBe('5 rated');
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(el().textContent).toContain("That's enough for personal picks.");
    expect(el().querySelector('[data-testid="skip-onboarding"]')).toBeNull();

    button('See my picks')!.click();
    await settleAll();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('does not count a rating that failed to save', async () => {
    await open('/onboarding', { count: 2 });

    (await rate(3)).networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(progressText()).toBe('2 of 5 rated');
    expect(tiles()[2].classList).not.toContain('rated');
  });

  it('"Haven\'t seen it" saves the skip, hides the movie without counting it and focuses the next one', async () => {
    await open();

    skipButton('Movie 2')!.focus();
    const op = await skip(2);

    // Hidden at once, before the server answers.
    expect(tileTitles()).not.toContain('Movie 2');
    expect(tiles()).toHaveLength(ONBOARDING_PAGE_SIZE - 1);
    expect(progressText()).toBe('0 of 5 rated');
    expect(document.activeElement).toBe(skipButton('Movie 3'));
    op.flushData(skipResult(2));
    await settleAll();
    expect(tileTitles()).not.toContain('Movie 2');
  });

  it('brings a movie back and says so when its skip fails to save', async () => {
    await open();

    (await skip(4)).networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(tileTitles()).toContain('Movie 4');
    expect(tiles()).toHaveLength(ONBOARDING_PAGE_SIZE);
    await vi.waitFor(() => expect(snackBar()).toContain("Couldn't mark Movie 4 as not seen."));
  });

  it('"Show more movies" asks for the unrated ones shown plus a page and appends the new ones', async () => {
    await open();
    (await rate(1)).flushData(rateResult(1, 5));
    await settleAll();
    (await skip(2)).flushData(skipResult(2));
    await settleAll();

    button('Show more movies')!.click();
    await settleAll();
    expect(button('Loading…')?.disabled).toBe(true);
    const more = apollo.expectOne('OnboardingMovies');
    // 10 shown that are neither rated nor skipped + a page.
    expect(more.operation.variables).toEqual({ first: ONBOARDING_PAGE_SIZE - 2 + ONBOARDING_PAGE_SIZE });
    // The API leaves the rated and the skipped movie out and repeats the others.
    more.flushData(moviesData(range(3, 24)));
    await settleAll();

    expect(tileTitles()).toEqual(['Movie 1', ...range(3, 24).map((id) => `Movie ${id}`)]);
    expect(tiles()[0].classList).toContain('rated');
    expect(progressText()).toBe('1 of 5 rated');

    button('Show more movies')!.click();
    await settleAll();
    const last = apollo.expectOne('OnboardingMovies');
    expect(last.operation.variables).toEqual({ first: 22 + ONBOARDING_PAGE_SIZE });
    // Fewer than asked for: that is all.
    last.flushData(moviesData(range(3, 30)));
    await settleAll();

    expect(tiles()).toHaveLength(29);
    expect(button('Show more movies')).toBeUndefined();
    expect(el().querySelector('.end')?.textContent).toContain("That's all we would ask about.");
  });

  it('says when loading more failed and lets the user try again', async () => {
    await open();

    button('Show more movies')!.click();
    await settleAll();
    apollo.expectOne('OnboardingMovies').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(el().querySelector('.more [role="alert"]')?.textContent).toContain("Couldn't load more movies.");
    expect(tiles()).toHaveLength(ONBOARDING_PAGE_SIZE);
    button('Try again')!.click();
    await settleAll();
    apollo.expectOne('OnboardingMovies').flushData(moviesData(range(1, 24)));
    await settleAll();
    expect(tiles()).toHaveLength(24);
    expect(el().querySelector('.more [role="alert"]')).toBeNull();
  });

  it('offers no more movies when the first page is already short', async () => {
    await open('/onboarding', { movies: [1, 2, 3] });

    expect(tiles()).toHaveLength(3);
    expect(button('Show more movies')).toBeUndefined();
    expect(el().querySelector('.end a')?.getAttribute('href')).toBe('/browse');
  });

  it('says so when every movie shown was skipped', async () => {
    await open('/onboarding', { movies: [1] });

    (await skip(1)).flushData(skipResult(1));
    await settleAll();

    expect(tiles()).toHaveLength(0);
    expect(el().querySelector('[data-testid="all-skipped"]')?.textContent).toContain("You've skipped every movie");
  });

  it('shows an empty state when there is nothing left to rate', async () => {
    await open('/onboarding', { movies: [], count: 40 });

    expect(el().querySelector('[data-testid="empty-state"]')?.textContent).toContain('Nothing left to suggest');
    expect(progressText()).toBe('40 rated');
    expect(button('See my picks')).toBeDefined();
  });

  it('shows an error with a Retry', async () => {
    await open('/onboarding', { movies: null });
    apollo.expectOne('OnboardingMovies').networkError(new Error('Failed to fetch'));
    await settleAll();

    const error = el().querySelector('[data-testid="error-state"]');
    expect(error?.textContent).toContain("Couldn't load movies to rate");
    expect(error?.textContent).toContain("Can't reach Reelrank");
    button('Retry')!.click();
    await settleAll();
    expect(el().querySelector('[data-testid="onboarding-skeleton"]')).not.toBeNull();
    apollo.expectOne('OnboardingMovies').flushData(moviesData([1, 2]));
    await settleAll();

    expect(tileTitles()).toEqual(['Movie 1', 'Movie 2']);
  });

  it('counts from zero, without promising a number, when the count and goal cannot be read', async () => {
    await open('/onboarding', { count: null });
    apollo.expectOne('MyRatingCount').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(progressText()).toBe('0 rated');
    expect(lead()).toContain("Rate movies you've seen and Reelrank can work out what you like.");
    expect(el().querySelector('mat-progress-bar')).toBeNull();
    expect(el().textContent).toContain('The more you rate, the better your picks.');
    expect(el().querySelector('[data-testid="skip-onboarding"]')).not.toBeNull();
  });

  it('"Skip for now" goes back where sign-up started', async () => {
    await open('/onboarding?returnUrl=%2Fmovie%2F6');

    expect(el().querySelector('[data-testid="skip-onboarding"]')?.getAttribute('href')).toBe('/movie/6');
  });
});
