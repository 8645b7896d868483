import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { SESSION_STORAGE_KEY } from '../auth/auth-service';
import { createCache } from '../graphql/graphql';
import { movieCard, session, settle } from '../testing/fixtures';
import { MoviePage, formatRuntime, parseMovieId } from './movie-page';

const POSTER = 'https://image.tmdb.org/t/p/w500/poster.jpg';
const BACKDROP = 'https://image.tmdb.org/t/p/w1280/backdrop.jpg';

function movie(overrides: Record<string, unknown> = {}, details: Record<string, unknown> | null = {}) {
  return {
    movie: {
      __typename: 'Movie',
      id: 2571,
      title: 'The Matrix',
      year: 1999,
      averageRating: 4.19,
      ratingCount: 84_545,
      myRating: null,
      imdbUrl: 'https://www.imdb.com/title/tt0133093/',
      tmdbUrl: 'https://www.themoviedb.org/movie/603',
      genres: [
        { __typename: 'Genre', id: 1, name: 'Action' },
        { __typename: 'Genre', id: 2, name: 'Sci-Fi' },
      ],
      tags: [{ __typename: 'MovieTag', tag: 'cyberpunk', count: 12 }],
      details:
        details === null
          ? null
          : {
              __typename: 'MovieDetails',
              overview: 'A hacker learns the truth.',
              tagline: 'Welcome to the Real World.',
              runtime: 136,
              releaseDate: '1999-03-30',
              posterUrl: POSTER,
              backdropUrl: BACKDROP,
              directors: ['Lana Wachowski', 'Lilly Wachowski'],
              cast: [{ __typename: 'CastMember', name: 'Keanu Reeves', character: 'Neo', profileUrl: null }],
              ...details,
            },
      ...overrides,
    },
  };
}

describe('MoviePage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.routeNativeElement!;
  const testId = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);

  async function open(path: string) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(path, MoviePage);
    await settle(harness.fixture);
  }

  /** Answers the movie query, then the similar movies query the page makes for a known movie. */
  async function flush(data: Record<string, unknown>, similar: ReturnType<typeof movieCard>[] = []) {
    apollo.expectOne('MovieDetail').flushData(data);
    await settle(harness.fixture);
    for (const op of apollo.match('SimilarMovies')) {
      op.flushData({
        movie: {
          __typename: 'Movie',
          id: op.operation.variables['id'],
          similar: similar.map((card, i) => ({ __typename: 'SimilarMovie', score: 0.9 - i / 10, movie: card })),
        },
      });
    }
    await settle(harness.fixture);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [provideRouter([{ path: 'movie/:id', component: MoviePage }]), { provide: APOLLO_TESTING_CACHE, useFactory: createCache }],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
  });

  it('shows a skeleton while loading', async () => {
    await open('/movie/2571');

    expect(testId('movie-skeleton')?.getAttribute('aria-busy')).toBe('true');
    expect(apollo.expectOne('MovieDetail').operation.variables).toEqual({ id: 2571 });
  });

  it('shows the movie: title, facts, genres, community rating, overview, credits, tags, links', async () => {
    await open('/movie/2571');
    await flush(movie());

    expect(el().querySelector('h1')?.textContent?.trim()).toBe('The Matrix');
    expect(el().textContent).toContain('Welcome to the Real World.');
    expect(el().querySelector('.facts')?.textContent?.trim()).toBe('1999 · 2 h 16 min');
    const genreLinks = Array.from(el().querySelectorAll<HTMLAnchorElement>('.genres a'));
    expect(genreLinks.map((a) => a.textContent?.trim())).toEqual(['Action', 'Sci-Fi']);
    expect(genreLinks[1].getAttribute('href')).toBe('/browse?genre=Sci-Fi');
    expect(testId('community')?.querySelector('.value')?.textContent).toBe('4.2');
    expect(testId('community')?.querySelector('.of')?.textContent).toBe(' out of / 5');
    expect(testId('community')?.querySelector('.count')?.textContent).toBe('from 84,545 ratings');
    expect(testId('community')?.querySelector('.of [aria-hidden="true"]')?.textContent).toBe('/ ');
    expect(el().textContent).toContain('A hacker learns the truth.');
    expect(el().textContent).toContain('Lana Wachowski, Lilly Wachowski');
    expect(el().querySelector('.cast')?.textContent).toContain('Keanu Reeves');
    expect(el().querySelector<HTMLAnchorElement>('.tags a')?.getAttribute('href')).toBe('/browse?q=cyberpunk');
    expect(el().querySelector('a[href="https://www.imdb.com/title/tt0133093/"]')?.getAttribute('rel')).toBe('noopener');
    expect(TestBed.inject(Title).getTitle()).toBe('The Matrix (1999) · Reelrank');
  });

  it('uses the TMDB poster and backdrop when there are some', async () => {
    await open('/movie/2571');
    await flush(movie());

    const poster = testId('poster-image')?.querySelector('img');
    expect(poster?.getAttribute('src')).toBe(POSTER);
    expect(poster?.getAttribute('alt')).toBe('Poster of The Matrix');
    expect(testId('backdrop')?.querySelector('img')?.getAttribute('src')).toBe(BACKDROP);
    expect(testId('poster-placeholder')).toBeNull();
  });

  it('draws a placeholder from the title when TMDB has no images', async () => {
    await open('/movie/2571');
    await flush(movie({}, { posterUrl: null, backdropUrl: null }));

    const placeholder = testId('poster-placeholder');
    expect(placeholder?.querySelector('.initials')?.textContent?.trim()).toBe('M');
    expect(placeholder?.style.background).toContain('linear-gradient');
    expect(placeholder?.querySelector('img')).toBeNull();
    expect(placeholder?.textContent).toContain('Poster of The Matrix');
    expect(testId('backdrop')?.querySelector('img')).toBeNull();
    expect(testId('backdrop')?.style.background).toContain('gradient');
  });

  it('falls back to the placeholders when the images fail to load', async () => {
    await open('/movie/2571');
    await flush(movie());

    testId('poster-image')!.querySelector('img')!.dispatchEvent(new Event('error'));
    testId('backdrop')!.querySelector('img')!.dispatchEvent(new Event('error'));
    await settle(harness.fixture);

    expect(testId('poster-placeholder')).not.toBeNull();
    expect(testId('backdrop')?.querySelector('img')).toBeNull();
  });

  it('works without any TMDB details', async () => {
    await open('/movie/2571');
    await flush(movie({}, null));

    expect(el().querySelector('h1')?.textContent?.trim()).toBe('The Matrix');
    expect(testId('poster-placeholder')).not.toBeNull();
    expect(el().querySelector('.credits')).toBeNull();
  });

  it('shows "not found" when the API has no such movie', async () => {
    await open('/movie/424242');
    await flush({ movie: null });

    expect(testId('not-found')?.textContent).toContain('Movie not found');
    expect(TestBed.inject(Title).getTitle()).toBe('Movie not found · Reelrank');
  });

  it.each(['abc', '0', '-3', '1.5', '99999999999'])('shows "not found" for the id "%s" without asking the API', async (id) => {
    await open(`/movie/${id}`);

    apollo.expectNone('MovieDetail');
    expect(testId('not-found')).not.toBeNull();
  });

  it('shows an error with a Retry', async () => {
    await open('/movie/2571');
    apollo.expectOne('MovieDetail').networkError(new Error('Failed to fetch'));
    await settle(harness.fixture);

    expect(testId('error-state')?.textContent).toContain("Couldn't load this movie");
    Array.from(el().querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Retry'))!
      .click();
    await settle(harness.fixture);
    await flush(movie());

    expect(el().querySelector('h1')?.textContent?.trim()).toBe('The Matrix');
  });

  it('asks visitors to log in to rate, and shows signed-in users their rating', async () => {
    await open('/movie/2571');
    await flush(movie());
    expect(testId('my-rating')?.querySelector('a')?.textContent).toContain('Log in to rate');

    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [provideRouter([{ path: 'movie/:id', component: MoviePage }]), { provide: APOLLO_TESTING_CACHE, useFactory: createCache }],
    });
    apollo = TestBed.inject(ApolloTestingController);
    await open('/movie/2571');
    await flush(movie({ myRating: 4.5 }));

    const slider = testId('my-rating')?.querySelector('[role="slider"]');
    expect(slider?.getAttribute('aria-valuenow')).toBe('4.5');
    expect(slider?.getAttribute('aria-label')).toBe('Your rating of The Matrix');
  });

  it('shows "More like this" from the similar movies query, most similar first', async () => {
    await open('/movie/2571');
    await flush(movie(), [movieCard(6365, { title: 'The Matrix Reloaded' }), movieCard(1240, { title: 'The Terminator' })]);

    expect(el().querySelector('rr-similar-movies h2')?.textContent?.trim()).toBe('More like this');
    const titles = Array.from(el().querySelectorAll('rr-similar-movies rr-movie-card .title'), (t) => t.textContent?.trim());
    expect(titles).toEqual(['The Matrix Reloaded', 'The Terminator']);
    expect(testId('similar-empty')).toBeNull();
  });

  it('explains an empty "More like this" (no model yet)', async () => {
    await open('/movie/2571');
    await flush(movie());

    expect(testId('similar-empty')?.textContent).toContain('No similar movies yet');
  });

  it('shows an error with retry when similar movies fail, and retries', async () => {
    await open('/movie/2571');
    apollo.expectOne('MovieDetail').flushData(movie());
    await settle(harness.fixture);
    apollo.expectOne('SimilarMovies').networkError(new Error('Failed to fetch'));
    await settle(harness.fixture);

    const retry = Array.from(el().querySelectorAll<HTMLButtonElement>('rr-similar-movies button')).find((b) =>
      /retry|try again/i.test(b.textContent ?? ''),
    );
    expect(retry).toBeDefined();
    retry!.click();
    await settle(harness.fixture);
    apollo.expectOne('SimilarMovies').flushData({
      movie: {
        __typename: 'Movie',
        id: 2571,
        similar: [{ __typename: 'SimilarMovie', score: 0.8, movie: movieCard(1240, { title: 'The Terminator' }) }],
      },
    });
    await settle(harness.fixture);
    expect(el().querySelector('rr-similar-movies rr-movie-card .title')?.textContent?.trim()).toBe('The Terminator');
  });

  it('parses ids and formats runtimes', () => {
    expect(parseMovieId('2571')).toBe(2571);
    expect(parseMovieId('2571x')).toBeNull();
    expect(parseMovieId(null)).toBeNull();
    expect(formatRuntime(58)).toBe('58 min');
    expect(formatRuntime(120)).toBe('2 h');
    expect(formatRuntime(136)).toBe('2 h 16 min');
    expect(formatRuntime(null)).toBeNull();
    expect(formatRuntime(0)).toBeNull();
  });
});
