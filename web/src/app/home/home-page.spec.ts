import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { SESSION_STORAGE_KEY } from '../auth/auth-service';
import { createCache } from '../graphql/graphql';
import { movieCard, moviesPage, session, settle, stubIntersectionObserver } from '../testing/fixtures';
import { SHELF_SIZE } from './catalog-shelf';
import { TOP_PICKS_SIZE } from './top-picks';
import { HomePage } from './home-page';

describe('HomePage', () => {
  let apollo: ApolloTestingController;
  let restoreObserver: () => void;

  beforeEach(() => (restoreObserver = stubIntersectionObserver()));

  async function create() {
    TestBed.configureTestingModule({
      imports: [HomePage, ApolloTestingModule],
      providers: [provideRouter([]), { provide: APOLLO_TESTING_CACHE, useFactory: createCache }],
      deferBlockBehavior: DeferBlockBehavior.Manual,
    });
    await TestBed.compileComponents();
    apollo = TestBed.inject(ApolloTestingController);
    const fixture = TestBed.createComponent(HomePage);
    await settle(fixture);
    return fixture;
  }

  const headings = (el: HTMLElement) => Array.from(el.querySelectorAll('h1, h2'), (h) => h.textContent?.trim());
  const lists = () =>
    apollo.match('MovieList').map((op) => {
      const { sort, filter, first } = op.operation.variables;
      return { op, sort, genres: filter?.genres, first };
    });

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
    restoreObserver();
  });

  it('shows visitors the pitch, popular and top rated movies and a call to sign up', async () => {
    const fixture = await create();
    const el = fixture.nativeElement as HTMLElement;

    // "Top rated" is below the fold: it waits (placeholder, no query) until it scrolls into view.
    expect(headings(el)).toEqual(['Find your next favourite film.', 'Popular now', 'Get picks made for you']);
    expect(el.querySelector('.cta a')?.getAttribute('href')).toBe('/signup');
    expect(el.querySelector('rr-top-picks')).toBeNull();
    const [popular, ...others] = lists();
    expect(others).toEqual([]);
    expect(popular.sort).toBe('POPULARITY');
    expect(popular.first).toBe(SHELF_SIZE);
    popular.op.flushData(moviesPage([movieCard(1, { title: 'Toy Story' })]));

    const [topRatedBlock] = await fixture.getDeferBlocks();
    await topRatedBlock.render(DeferBlockState.Complete);
    await settle(fixture);
    expect(headings(el)).toEqual(['Find your next favourite film.', 'Popular now', 'Top rated', 'Get picks made for you']);
    const [topRated] = lists();
    expect(topRated.sort).toBe('RATING');
    topRated.op.flushData(moviesPage([movieCard(2, { title: 'Heat' })]));
    await settle(fixture);

    const titles = Array.from(el.querySelectorAll('rr-movie-card .title'), (t) => t.textContent?.trim());
    expect(titles).toEqual(['Toy Story', 'Heat']);
    expect(el.querySelector('a[href="/browse?sort=rating"]')?.textContent).toContain('See all');
  });

  it('loads the genre rows and the status card as they scroll into view', async () => {
    const fixture = await create();
    lists().forEach(({ op }) => op.flushData(moviesPage([])));

    const blocks = await fixture.getDeferBlocks();
    for (const block of blocks) await block.render(DeferBlockState.Complete);
    await settle(fixture);

    expect(lists().map(({ sort, genres }) => [sort, genres])).toEqual([
      ['RATING', undefined],
      ['POPULARITY', ['Sci-Fi']],
      ['POPULARITY', ['Comedy']],
      ['POPULARITY', ['Animation']],
    ]);
    lists().forEach(({ op }) => op.flushData(moviesPage([])));
    apollo.expectOne('Health');
  });

  describe('signed in', () => {
    interface PickData {
      id: number;
      predictedRating?: number | null;
      reason?: string | null;
    }
    const recommendations = (picks: (number | PickData)[], source = 'PRECOMPUTED') => ({
      recommendations: picks.map((pick) => {
        const { id, predictedRating = 4.2, reason = null } = typeof pick === 'number' ? { id: pick } : pick;
        return {
          __typename: 'Recommendation',
          source,
          predictedRating,
          explanation: reason === null ? null : { __typename: 'RecommendationExplanation', text: reason },
          movie: movieCard(id, { title: `Pick ${id}` }),
        };
      }),
    });
    /** The user's rating count and the API's RECOMMENDATIONS_MIN_RATINGS. */
    const ratingCount = (totalCount: number, minRatings = 5) => ({
      myRatings: { __typename: 'RatingConnection', totalCount, edges: [] },
      recommendationSettings: { __typename: 'RecommendationSettings', minRatings },
    });

    async function createSignedIn({ picks = recommendations([]), count = 12 as number | null, minRatings = 5 } = {}) {
      localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
      const fixture = await create();
      lists().forEach(({ op }) => op.flushData(moviesPage([])));
      // The picks and the nudge are a deferred block of their own (visitors never load them).
      expect(apollo.match('TopPicks')).toEqual([]);
      const [picksBlock] = await fixture.getDeferBlocks();
      await picksBlock.render(DeferBlockState.Complete);
      await settle(fixture);
      const top = apollo.expectOne('TopPicks');
      expect(top.operation.variables).toEqual({ first: TOP_PICKS_SIZE });
      top.flushData(picks);
      const countOp = apollo.expectOne('MyRatingCount');
      if (count === null) countOp.networkError(new Error('Failed to fetch'));
      else countOp.flushData(ratingCount(count, minRatings));
      await settle(fixture);
      return fixture.nativeElement as HTMLElement;
    }

    const nudge = (el: HTMLElement) => el.querySelector('[data-testid="onboarding-nudge"]');

    it('greets signed-in users and has their top picks first', async () => {
      const el = await createSignedIn();

      expect(el.textContent).toContain('Welcome back, Ada');
      expect(headings(el).slice(1, 3)).toEqual(['Top picks for you', 'Popular now']);
      const empty = el.querySelector('[data-testid="top-picks-empty"]');
      expect(empty?.textContent).toContain('Rate a few movies to get picks.');
      expect(empty?.querySelector('a')?.getAttribute('href')).toBe('/onboarding');
      expect(el.querySelector('.cta')).toBeNull();
    });

    it('shows the recommendations as top picks', async () => {
      const el = await createSignedIn({ picks: recommendations([1, 2]) });

      const shelf = el.querySelector('rr-top-picks')!;
      expect(Array.from(shelf.querySelectorAll('rr-movie-card .title'), (t) => t.textContent?.trim())).toEqual(['Pick 1', 'Pick 2']);
      expect(shelf.textContent).toContain("Learned from your ratings and everyone else's.");
    });

    const cards = (el: HTMLElement) => Array.from(el.querySelectorAll<HTMLElement>('rr-top-picks rr-movie-card'));
    const cardTitles = (el: HTMLElement) => cards(el).map((card) => card.querySelector('.title')?.textContent?.trim());
    const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
    const snackBar = () => document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim() ?? '';
    const snackBarAction = () => document.querySelector<HTMLButtonElement>('.mat-mdc-snack-bar-actions button');
    const skipButton = (el: HTMLElement, title: string) =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('rr-top-picks button.skip')).find(
        (button) => text(button) === `Haven't seen it: ${title}`,
      );

    it("shows each pick's reason and, when there is one, its predicted rating", async () => {
      const el = await createSignedIn({
        picks: recommendations([
          { id: 1, predictedRating: 4.26, reason: 'Because you rated Toy Story 5★' },
          { id: 2, predictedRating: null, reason: 'Because you rated Heat 4.5★' },
          { id: 3, predictedRating: 3, reason: null },
        ]),
      });

      const [first, second, third] = cards(el);
      expect(text(first.querySelector('[data-testid="pick-reason"]'))).toBe('Because you rated Toy Story 5★');
      const predicted = first.querySelector('[data-testid="predicted-rating"]');
      expect(text(predicted?.querySelector('[aria-hidden="true"]'))).toBe('Predicted 4.3★');
      expect(text(predicted?.querySelector('.visually-hidden'))).toBe('Predicted rating for you: 4.3 out of 5');
      expect(text(second.querySelector('[data-testid="pick-reason"]'))).toBe('Because you rated Heat 4.5★');
      expect(second.querySelector('[data-testid="predicted-rating"]')).toBeNull();
      expect(third.querySelector('[data-testid="pick-reason"]')).toBeNull();
      expect(text(third.querySelector('[data-testid="predicted-rating"] [aria-hidden="true"]'))).toBe('Predicted 3.0★');
    });

    it('shows the reason of popular picks (cold start) too', async () => {
      const el = await createSignedIn({
        picks: recommendations([{ id: 1, predictedRating: null, reason: 'Popular pick: 4.4★ average from 329 ratings' }], 'COLD_START'),
        count: 2,
      });

      expect(text(cards(el)[0].querySelector('[data-testid="pick-reason"]'))).toBe('Popular pick: 4.4★ average from 329 ratings');
    });

    it('"Haven\'t seen it" saves the skip and takes the pick away at once, with Undo', async () => {
      const el = await createSignedIn({ picks: recommendations([1, 2, 3]) });

      skipButton(el, 'Pick 2')!.focus();
      skipButton(el, 'Pick 2')!.click();
      await settle();
      const op = apollo.expectOne('SkipMovie');
      expect(op.operation.variables).toEqual({ movieId: 2 });
      // Gone before the server answers, and focus stays in the row.
      expect(cardTitles(el)).toEqual(['Pick 1', 'Pick 3']);
      expect(document.activeElement).toBe(skipButton(el, 'Pick 3'));

      op.flushData({
        skipMovie: { __typename: 'Skip', skippedAt: '2026-03-01T10:00:00.000Z', movie: { __typename: 'Movie', id: 2, skippedByMe: true } },
      });
      await settle();
      expect(cardTitles(el)).toEqual(['Pick 1', 'Pick 3']);
      // The snack bar is loaded when the first message is shown.
      await vi.waitFor(() => expect(snackBar()).toContain("We won't recommend Pick 2 again."));

      snackBarAction()!.click();
      await settle();
      const undo = apollo.expectOne('RemoveSkip');
      expect(undo.operation.variables).toEqual({ movieId: 2 });
      undo.flushData({ removeSkip: true });
      await settle();
      // The picks are asked for again.
      apollo.expectOne('TopPicks').flushData(recommendations([1, 2, 3]));
      await settle();
      expect(cardTitles(el)).toEqual(['Pick 1', 'Pick 2', 'Pick 3']);
    });

    it('puts a pick back and says so when its skip fails to save', async () => {
      const el = await createSignedIn({ picks: recommendations([1, 2]) });

      skipButton(el, 'Pick 1')!.click();
      await settle();
      expect(cardTitles(el)).toEqual(['Pick 2']);
      apollo.expectOne('SkipMovie').networkError(new Error('Failed to fetch'));
      await settle();

      expect(cardTitles(el)).toEqual(['Pick 1', 'Pick 2']);
      await vi.waitFor(() => expect(snackBar()).toContain("Couldn't mark Pick 1 as not seen."));
    });

    it('says when the picks are only popular movies (cold start)', async () => {
      const el = await createSignedIn({ picks: recommendations([1, 2], 'COLD_START'), count: 2 });

      expect(el.querySelector('rr-top-picks')?.textContent).toContain('while Reelrank gets to know you');
    });

    it('nudges users with fewer ratings than personal picks need (RECOMMENDATIONS_MIN_RATINGS) to onboarding', async () => {
      const el = await createSignedIn({ count: 2 });

      expect(nudge(el)?.querySelector('h2')?.textContent?.trim()).toBe('Rate 3 more movies for personal picks');
      expect(nudge(el)?.textContent).toContain("You've rated 2 of 5.");
      const link = nudge(el)?.querySelector('a');
      expect(link?.textContent?.trim()).toBe('Continue rating');
      expect(link?.getAttribute('href')).toBe('/onboarding');
    });

    it('takes the number of ratings it asks for from the API', async () => {
      const el = await createSignedIn({ count: 6, minRatings: 7 });

      expect(nudge(el)?.querySelector('h2')?.textContent?.trim()).toBe('Rate 1 more movie for personal picks');
      expect(nudge(el)?.textContent).toContain("You've rated 6 of 7.");
    });

    it('invites users without ratings to start', async () => {
      const el = await createSignedIn({ count: 0 });

      expect(nudge(el)?.querySelector('h2')?.textContent?.trim()).toBe('Get personal picks in a minute');
      expect(nudge(el)?.textContent).toContain("Rate 5 movies you've seen");
      expect(nudge(el)?.querySelector('a')?.textContent?.trim()).toBe('Start rating');
    });

    it('does not nudge with enough ratings, nor when the count cannot be read', async () => {
      expect(nudge(await createSignedIn({ count: 5 }))).toBeNull();
      TestBed.resetTestingModule();
      localStorage.clear();
      expect(nudge(await createSignedIn({ count: null }))).toBeNull();
    });
  });
});
