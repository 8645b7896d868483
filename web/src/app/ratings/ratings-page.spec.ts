import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { SESSION_STORAGE_KEY } from '../auth/auth-service';
import { createCache } from '../graphql/graphql';
import { RATING_SAVE_DELAY } from '../shared/rating/movie-rating';
import { RatingService } from '../shared/rating/rating-service';
import { movieCard, session, settle } from '../testing/fixtures';
import { RATINGS_PAGE_SIZE, RatingsPage } from './ratings-page';

interface Rated {
  id: number;
  title: string;
  rating: number;
}

function ratingsPage(items: Rated[], { totalCount = items.length, hasNextPage = false } = {}) {
  return {
    myRatings: {
      __typename: 'RatingConnection',
      totalCount,
      edges: items.map(({ id, title, rating }) => ({
        __typename: 'RatingEdge',
        cursor: `r-${id}`,
        node: {
          __typename: 'Rating',
          rating,
          ratedAt: '2026-03-01T10:00:00.000Z',
          movie: {
            ...movieCard(id, { title, myRating: rating }),
            genres: [{ __typename: 'Genre', id: 8, name: 'Drama' }],
          },
        },
      })),
      pageInfo: { __typename: 'PageInfo', endCursor: items.length ? `r-${items[items.length - 1].id}` : null, hasNextPage },
    },
  };
}

const HEAT: Rated = { id: 6, title: 'Heat', rating: 4 };
const ALIEN: Rated = { id: 1214, title: 'Alien', rating: 5 };
const FARGO: Rated = { id: 608, title: 'Fargo', rating: 3.5 };

describe('RatingsPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.routeNativeElement!;
  const rows = () => Array.from(el().querySelectorAll<HTMLElement>('[data-testid="rated-movie"]'));
  const rowTitles = () => rows().map((row) => row.querySelector('.title')?.textContent?.trim());
  const count = () => el().querySelector('[data-testid="ratings-count"]')?.textContent?.trim();
  const removeButton = (title: string) => el().querySelector<HTMLButtonElement>(`button[aria-label="Remove your rating of ${title}"]`)!;
  const snackBar = () => document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim() ?? '';
  const snackBarAction = () => document.querySelector<HTMLButtonElement>('.mat-mdc-snack-bar-actions button');
  const settleAll = () => settle(harness.fixture);

  async function open(data?: ReturnType<typeof ratingsPage>) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/ratings', RatingsPage);
    await settleAll();
    if (data) {
      apollo.expectOne('MyRatings').flushData(data);
      await settleAll();
    }
  }

  beforeEach(() => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([{ path: 'ratings', component: RatingsPage }]),
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

  it('shows a skeleton, then the ratings, most recent first, with their controls', async () => {
    await open();
    expect(el().querySelector('[data-testid="ratings-skeleton"]')).not.toBeNull();
    const op = apollo.expectOne('MyRatings');
    expect(op.operation.variables).toEqual({ first: RATINGS_PAGE_SIZE });

    op.flushData(ratingsPage([HEAT, ALIEN]));
    await settleAll();

    expect(rowTitles()).toEqual(['Heat', 'Alien']);
    expect(count()).toBe('2 movies rated');
    const slider = rows()[0].querySelector('[role="slider"]');
    expect(slider?.getAttribute('aria-valuenow')).toBe('4');
    expect(slider?.getAttribute('aria-label')).toBe('Your rating of Heat');
    expect(rows()[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-03-01T10:00:00.000Z');
    expect(rows()[0].querySelector('a.title')?.getAttribute('href')).toBe('/movie/6');
    // A tab leads to the movies marked "Haven't seen it".
    const tabs = Array.from(el().querySelectorAll<HTMLAnchorElement>('nav[aria-label="My ratings lists"] a'));
    expect(tabs.map((tab) => [tab.textContent?.trim(), tab.getAttribute('href'), tab.getAttribute('aria-current')])).toEqual([
      ['Rated', '/ratings', 'page'],
      ["Haven't seen", '/ratings/skipped', null],
    ]);
  });

  it('reads the list once a rating still being saved (changed just before coming here) has landed', async () => {
    const saved = TestBed.inject(RatingService).rate(ALIEN.id, 5);
    await open();
    expect(el().querySelector('[data-testid="ratings-skeleton"]')).not.toBeNull();
    apollo.expectNone('MyRatings');

    apollo.expectOne('RateMovie').flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 5,
        ratedAt: '2026-03-02T10:00:00.000Z',
        movie: { __typename: 'Movie', id: ALIEN.id, myRating: 5, averageRating: 4.1, ratingCount: 12 },
      },
    });
    await saved;
    await settleAll();
    apollo.expectOne('MyRatings').flushData(ratingsPage([ALIEN, HEAT]));
    await settleAll();
    expect(count()).toBe('2 movies rated');
  });

  it('edits a rating in place', async () => {
    await open(ratingsPage([HEAT, ALIEN]));

    rows()[0]
      .querySelector('[role="slider"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settleAll();

    const op = apollo.expectOne('RateMovie');
    expect(op.operation.variables).toEqual({ movieId: 6, rating: 4.5 });
    expect(rows()[0].querySelector('[role="slider"]')?.getAttribute('aria-valuenow')).toBe('4.5');
    op.flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 4.5,
        ratedAt: '2026-03-02T10:00:00.000Z',
        movie: { __typename: 'Movie', id: 6, myRating: 4.5, averageRating: 3.6, ratingCount: 10 },
      },
    });
    await settleAll();

    // Editing does not reshuffle the list under the user's pointer.
    expect(rowTitles()).toEqual(['Heat', 'Alien']);
    expect(rows()[0].querySelector('[role="slider"]')?.getAttribute('aria-valuenow')).toBe('4.5');
  });

  it('removes at once, moves focus to the next row, and offers Undo', async () => {
    await open(ratingsPage([HEAT, ALIEN, FARGO]));

    removeButton('Alien').focus();
    removeButton('Alien').click();
    await settleAll();

    const op = apollo.expectOne('RemoveRating');
    expect(op.operation.variables).toEqual({ movieId: 1214 });
    expect(rowTitles()).toEqual(['Heat', 'Fargo']);
    expect(count()).toBe('2 movies rated');
    expect(document.activeElement).toBe(removeButton('Fargo'));

    op.flushData({ removeRating: true });
    await settleAll();
    expect(snackBar()).toContain('Removed your rating of Alien.');
    expect(snackBarAction()?.textContent?.trim()).toBe('Undo');

    snackBarAction()!.click();
    await settleAll();
    const rate = apollo.expectOne('RateMovie');
    expect(rate.operation.variables).toEqual({ movieId: 1214, rating: 5 });
    rate.flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 5,
        ratedAt: '2026-03-03T10:00:00.000Z',
        movie: { __typename: 'Movie', id: 1214, myRating: 5, averageRating: 3.6, ratingCount: 11 },
      },
    });
    await settleAll();

    // The list is reloaded: the restored rating is the most recent one now.
    apollo.expectOne('MyRatings').flushData(ratingsPage([ALIEN, HEAT, FARGO]));
    await settleAll();
    expect(rowTitles()).toEqual(['Alien', 'Heat', 'Fargo']);
    expect(count()).toBe('3 movies rated');
  });

  it('puts a removal that failed back and says so', async () => {
    await open(ratingsPage([HEAT, ALIEN]));

    removeButton('Heat').click();
    await settleAll();
    expect(rowTitles()).toEqual(['Alien']);

    apollo.expectOne('RemoveRating').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(rowTitles()).toEqual(['Heat', 'Alien']);
    expect(snackBar()).toContain("Couldn't remove your rating of Heat.");
  });

  it('removing the last rating shows the empty state', async () => {
    await open(ratingsPage([HEAT]));

    removeButton('Heat').click();
    await settleAll();
    apollo.expectOne('RemoveRating').flushData({ removeRating: true });
    await settleAll();

    expect(el().querySelector('[data-testid="empty-state"]')?.textContent).toContain('No ratings yet');
  });

  it('pages on with "Show more"', async () => {
    const first = Array.from({ length: RATINGS_PAGE_SIZE }, (_, i) => ({ id: i + 1, title: `Movie ${i + 1}`, rating: 3 }));
    await open(ratingsPage(first, { totalCount: 22, hasNextPage: true }));
    expect(el().textContent).toContain(`Showing ${RATINGS_PAGE_SIZE} of 22`);

    el().querySelector<HTMLButtonElement>('[data-testid="load-more"]')!.click();
    await settleAll();
    const op = apollo.expectOne('MyRatings');
    expect(op.operation.variables).toEqual({ first: RATINGS_PAGE_SIZE, after: `r-${RATINGS_PAGE_SIZE}` });
    op.flushData(ratingsPage([HEAT, ALIEN], { totalCount: 22 }));
    await settleAll();

    expect(rows()).toHaveLength(22);
    expect(rowTitles().slice(-2)).toEqual(['Heat', 'Alien']);
    expect(el().querySelector('[data-testid="load-more"]')).toBeNull();
  });

  it('invites to rate when there are no ratings', async () => {
    await open(ratingsPage([]));

    const empty = el().querySelector('[data-testid="empty-state"]');
    expect(empty?.textContent).toContain('No ratings yet');
    expect(empty?.querySelector('a')?.getAttribute('href')).toBe('/browse');
    expect(count()).toBe('');
  });

  it('shows an error with a Retry', async () => {
    await open();
    apollo.expectOne('MyRatings').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(el().querySelector('[data-testid="error-state"]')?.textContent).toContain("Couldn't load your ratings");
    Array.from(el().querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Retry'))!
      .click();
    await settleAll();
    apollo.expectOne('MyRatings').flushData(ratingsPage([HEAT]));
    await settleAll();

    expect(rowTitles()).toEqual(['Heat']);
  });
});
