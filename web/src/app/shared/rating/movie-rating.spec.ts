import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { toSignal } from '@angular/core/rxjs-interop';
import { provideRouter } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { map, of, type Subscription } from 'rxjs';
import { AuthService, SESSION_STORAGE_KEY } from '../../auth/auth-service';
import { MovieRatingStatsFragmentDoc, MyRatingCountGQL, type MovieRatingStatsFragment } from '../../graphql/generated';
import { createCache } from '../../graphql/graphql';
import { session, settle, wait } from '../../testing/fixtures';
import { MovieRating, RATING_SAVE_DELAY } from './movie-rating';
import { RatingService, statsWithRating } from './rating-service';

/** Shows the cached movie's stats and its rating control, like the movie page does. */
@Component({
  imports: [MovieRating],
  template: `
    @if (stats(); as s) {
      <p data-testid="stats">{{ s.myRating }}|{{ s.averageRating }}|{{ s.ratingCount }}</p>
      <rr-movie-rating [movieId]="6" [value]="s.myRating" title="Heat" clearable showValue />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly stats = toSignal(
    inject(Apollo)
      .watchFragment<MovieRatingStatsFragment>({
        fragment: MovieRatingStatsFragmentDoc,
        from: { __typename: 'Movie', id: 6 },
      })
      .pipe(map((result) => (result.complete ? result.data : null))),
  );
}

describe('statsWithRating', () => {
  const base = { id: 1, myRating: null, averageRating: 4, ratingCount: 2 };

  it('adds a first rating to the average and count', () => {
    expect(statsWithRating(base, 5)).toEqual({ id: 1, myRating: 5, averageRating: 13 / 3, ratingCount: 3 });
  });

  it('replaces an earlier rating without changing the count', () => {
    expect(statsWithRating({ ...base, myRating: 3 }, 5)).toEqual({ id: 1, myRating: 5, averageRating: 5, ratingCount: 2 });
  });

  it('removes a rating', () => {
    expect(statsWithRating({ ...base, myRating: 3 }, null)).toEqual({ id: 1, myRating: null, averageRating: 5, ratingCount: 1 });
  });

  it('has no average once the last rating is gone', () => {
    expect(statsWithRating({ id: 1, myRating: 2, averageRating: 2, ratingCount: 1 }, null)).toEqual({
      id: 1,
      myRating: null,
      averageRating: null,
      ratingCount: 0,
    });
  });
});

describe('MovieRating', () => {
  let fixture: ComponentFixture<Host>;
  let apollo: ApolloTestingController;

  const el = () => fixture.nativeElement as HTMLElement;
  const slider = () => el().querySelector<HTMLElement>('[role="slider"]')!;
  const stats = () => el().querySelector('[data-testid="stats"]')?.textContent?.trim();
  const snackBar = () => document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim() ?? '';
  const press = async (key: string) => {
    slider().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await fixture.whenStable();
  };

  async function setUp({ signedIn = true, myRating = null as number | null, delay = 0 } = {}) {
    if (signedIn) localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    TestBed.configureTestingModule({
      imports: [Host, ApolloTestingModule],
      providers: [
        provideRouter([]),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
        { provide: RATING_SAVE_DELAY, useValue: delay },
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
    TestBed.inject(Apollo).client.cache.writeFragment({
      fragment: MovieRatingStatsFragmentDoc,
      data: { __typename: 'Movie', id: 6, myRating, averageRating: 4, ratingCount: 2 },
    });
    fixture = TestBed.createComponent(Host);
    await settle(fixture);
  }

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
  });

  it('rates with an optimistic update of the movie everywhere it is cached', async () => {
    await setUp();
    expect(stats()).toBe('|4|2');

    await press('End');
    await settle(fixture);

    const op = apollo.expectOne('RateMovie');
    expect(op.operation.variables).toEqual({ movieId: 6, rating: 5 });
    // Optimistic: my rating, the average (4·2 + 5) / 3 and the count, before the server answers.
    expect(stats()).toBe(`5|${13 / 3}|3`);
    expect(slider().getAttribute('aria-valuenow')).toBe('5');

    op.flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 5,
        ratedAt: '2026-01-01T00:00:00.000Z',
        movie: { __typename: 'Movie', id: 6, myRating: 5, averageRating: 4.25, ratingCount: 4 },
      },
    });
    await settle(fixture);

    // The server's numbers win.
    expect(stats()).toBe('5|4.25|4');
    expect(snackBar()).toBe('');
  });

  describe("the lists and counts of the user's ratings on screen", () => {
    const rated = (rating: number) => ({
      rateMovie: {
        __typename: 'Rating',
        rating,
        ratedAt: '2026-01-01T00:00:00.000Z',
        movie: { __typename: 'Movie', id: 6, myRating: rating, averageRating: 4, ratingCount: 3 },
      },
    });
    const ratingCount = (totalCount: number) => ({ myRatings: { __typename: 'RatingConnection', totalCount, edges: [] } });

    let watching: Subscription | undefined;
    afterEach(() => watching?.unsubscribe());

    /** A count on screen, as the home page's onboarding nudge has it. */
    async function watchCount(): Promise<{ counts: number[] }> {
      const counts: number[] = [];
      watching = TestBed.inject(MyRatingCountGQL)
        .watch()
        .valueChanges.subscribe((result) => result.dataState === 'complete' && counts.push(result.data.myRatings.totalCount));
      await settle(fixture);
      apollo.expectOne('MyRatingCount').flushData(ratingCount(2));
      await settle(fixture);
      return { counts };
    }

    it('are read again once a first rating is saved', async () => {
      await setUp();
      const { counts } = await watchCount();

      await press('End');
      await settle(fixture);
      apollo.expectOne('RateMovie').flushData(rated(5));
      await settle(fixture);

      apollo.expectOne('MyRatingCount').flushData(ratingCount(3));
      await settle(fixture);
      expect(counts.at(-1)).toBe(3);
    });

    it('stay as they are when a rating changes', async () => {
      await setUp({ myRating: 3 });
      await watchCount();

      await press('End');
      await settle(fixture);
      apollo.expectOne('RateMovie').flushData(rated(5));
      await settle(fixture);

      apollo.expectNone('MyRatingCount');
    });
  });

  it('lets queries wait for the saves on their way, failed ones too', async () => {
    await setUp();
    const service = TestBed.inject(RatingService);
    const reads: string[] = [];
    service.afterSaves(() => of('idle')).subscribe((read) => reads.push(read));
    expect(reads).toEqual(['idle']);

    await press('End');
    await settle(fixture);
    const saving = apollo.expectOne('RateMovie');
    service.afterSaves(() => of('after the first save')).subscribe((read) => reads.push(read));
    await settle(fixture);
    expect(reads).toEqual(['idle']);
    saving.flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 5,
        ratedAt: '2026-01-01T00:00:00.000Z',
        movie: { __typename: 'Movie', id: 6, myRating: 5, averageRating: 4.25, ratingCount: 4 },
      },
    });
    await settle(fixture);
    expect(reads).toEqual(['idle', 'after the first save']);

    await press('Home');
    await settle(fixture);
    const failing = apollo.expectOne('RateMovie');
    service.afterSaves(() => of('after the failed save')).subscribe((read) => reads.push(read));
    failing.networkError(new Error('Failed to fetch'));
    await settle(fixture);
    expect(reads).toEqual(['idle', 'after the first save', 'after the failed save']);
  });

  it('sends a second change of the rating only once the first is saved, so they land in order', async () => {
    await setUp();
    await press('End');
    await settle(fixture);
    const first = apollo.expectOne('RateMovie');
    expect(first.operation.variables).toEqual({ movieId: 6, rating: 5 });

    await press('ArrowLeft');
    await settle(fixture);
    apollo.expectNone('RateMovie');
    expect(slider().getAttribute('aria-valuenow')).toBe('4.5');

    first.flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 5,
        ratedAt: '2026-01-01T00:00:00.000Z',
        movie: { __typename: 'Movie', id: 6, myRating: 5, averageRating: 13 / 3, ratingCount: 3 },
      },
    });
    await settle(fixture);
    const second = apollo.expectOne('RateMovie');
    expect(second.operation.variables).toEqual({ movieId: 6, rating: 4.5 });
    second.flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 4.5,
        ratedAt: '2026-01-01T00:00:01.000Z',
        movie: { __typename: 'Movie', id: 6, myRating: 4.5, averageRating: 12.5 / 3, ratingCount: 3 },
      },
    });
    await settle(fixture);
    expect(stats()).toBe(`4.5|${12.5 / 3}|3`);
  });

  it('rolls back and says so when saving fails', async () => {
    await setUp({ myRating: 3 });

    await press('ArrowRight');
    await settle(fixture);
    const op = apollo.expectOne('RateMovie');
    expect(stats()).toBe('3.5|4.25|2');

    op.graphqlErrors([{ message: 'Too many requests, try again later', extensions: { code: 'TOO_MANY_REQUESTS' } }]);
    await settle(fixture);

    expect(stats()).toBe('3|4|2');
    expect(slider().getAttribute('aria-valuenow')).toBe('3');
    // The snack bar is loaded when the first message is shown.
    await vi.waitFor(() => expect(snackBar()).toContain("Couldn't save your rating of Heat."));
    expect(snackBar()).toContain('Too many attempts');
  });

  it('rolls back on a network error too', async () => {
    await setUp();

    await press('Home');
    await settle(fixture);
    apollo.expectOne('RateMovie').networkError(new Error('Failed to fetch'));
    await settle(fixture);

    expect(stats()).toBe('|4|2');
    expect(slider().getAttribute('aria-valuenow')).toBe('0');
    await vi.waitFor(() => expect(snackBar()).toContain("Can't reach Reelrank"));
  });

  it('saves a burst of key presses as one request with the final value', async () => {
    await setUp({ delay: 40 });

    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(slider().getAttribute('aria-valuenow')).toBe('1.5');
    apollo.expectNone('RateMovie');

    await wait(60);
    await settle(fixture);
    const op = apollo.expectOne('RateMovie');
    expect(op.operation.variables).toEqual({ movieId: 6, rating: 1.5 });
    op.flushData({
      rateMovie: {
        __typename: 'Rating',
        rating: 1.5,
        ratedAt: '2026-01-01T00:00:00.000Z',
        movie: { __typename: 'Movie', id: 6, myRating: 1.5, averageRating: 19 / 6, ratingCount: 3 },
      },
    });
    await settle(fixture);
  });

  it('Clear (and Delete) remove the rating optimistically', async () => {
    await setUp({ myRating: 4 });

    const clear = Array.from(el().querySelectorAll('button')).find((b) => b.textContent?.includes('Clear'));
    expect(clear?.textContent).toContain('your rating of Heat');
    clear?.click();
    await settle(fixture);

    const op = apollo.expectOne('RemoveRating');
    expect(op.operation.variables).toEqual({ movieId: 6 });
    expect(stats()).toBe('|4|1');
    expect(el().textContent).not.toContain('Clear');

    op.flushData({ removeRating: true });
    await settle(fixture);
    expect(stats()).toBe('|4|1');
  });

  it('a removal that fails brings the rating back', async () => {
    await setUp({ myRating: 4 });

    await press('Delete');
    await settle(fixture);
    apollo.expectOne('RemoveRating').graphqlErrors([{ message: 'Boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    await settle(fixture);

    expect(stats()).toBe('4|4|2');
    expect(slider().getAttribute('aria-valuenow')).toBe('4');
  });

  it('asks signed-out visitors to log in instead', async () => {
    await setUp({ signedIn: false });

    expect(el().querySelector('[role="slider"]')).toBeNull();
    const link = el().querySelector<HTMLAnchorElement>('a.log-in');
    expect(link?.textContent).toContain('Log in to rate');
    expect(link?.textContent).toContain('Heat');
    expect(link?.getAttribute('href')).toBe('/login?returnUrl=%2F');
  });

  it('switches to the stars as soon as the user signs in', async () => {
    await setUp({ signedIn: false });
    await TestBed.inject(AuthService).startSession(session());
    await settle(fixture);

    expect(slider().getAttribute('aria-label')).toBe('Your rating of Heat');
  });
});
