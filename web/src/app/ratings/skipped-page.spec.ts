import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { SESSION_STORAGE_KEY } from '../auth/auth-service';
import { createCache } from '../graphql/graphql';
import { movieCard, session, settle } from '../testing/fixtures';
import { SKIPS_PAGE_SIZE, SkippedPage } from './skipped-page';

interface Skipped {
  id: number;
  title: string;
}

function skipsPage(items: Skipped[], { totalCount = items.length, hasNextPage = false } = {}) {
  return {
    mySkips: {
      __typename: 'SkipConnection',
      totalCount,
      edges: items.map(({ id, title }) => ({
        __typename: 'SkipEdge',
        cursor: `s-${id}`,
        node: {
          __typename: 'Skip',
          skippedAt: '2026-03-01T10:00:00.000Z',
          movie: { ...movieCard(id, { title }), genres: [{ __typename: 'Genre', id: 8, name: 'Drama' }] },
        },
      })),
      pageInfo: { __typename: 'PageInfo', endCursor: items.length ? `s-${items[items.length - 1].id}` : null, hasNextPage },
    },
  };
}

const HEAT: Skipped = { id: 6, title: 'Heat' };
const ALIEN: Skipped = { id: 1214, title: 'Alien' };
const FARGO: Skipped = { id: 608, title: 'Fargo' };

describe('SkippedPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.routeNativeElement!;
  const rows = () => Array.from(el().querySelectorAll<HTMLElement>('[data-testid="skipped-movie"]'));
  const rowTitles = () => rows().map((row) => row.querySelector('.title')?.textContent?.trim());
  const count = () => el().querySelector('[data-testid="skips-count"]')?.textContent?.trim();
  const removeButton = (title: string) =>
    el().querySelector<HTMLButtonElement>(`button[aria-label="Remove Haven't seen it from ${title}"]`)!;
  const snackBar = () => document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim() ?? '';
  const snackBarAction = () => document.querySelector<HTMLButtonElement>('.mat-mdc-snack-bar-actions button');
  const settleAll = () => settle(harness.fixture);

  async function open(data?: ReturnType<typeof skipsPage>) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/ratings/skipped', SkippedPage);
    await settleAll();
    if (data) {
      apollo.expectOne('MySkips').flushData(data);
      await settleAll();
    }
  }

  beforeEach(() => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([
          { path: 'ratings/skipped', component: SkippedPage },
          { path: '**', children: [] },
        ]),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
  });

  it('shows a skeleton, then the skipped movies, most recent first, under the My ratings tabs', async () => {
    await open();
    expect(el().querySelector('[data-testid="skips-skeleton"]')).not.toBeNull();
    const op = apollo.expectOne('MySkips');
    expect(op.operation.variables).toEqual({ first: SKIPS_PAGE_SIZE });
    op.flushData(skipsPage([HEAT, ALIEN]));
    await settleAll();

    expect(rowTitles()).toEqual(['Heat', 'Alien']);
    expect(count()).toBe("2 movies you haven't seen");
    expect(rows()[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-03-01T10:00:00.000Z');
    expect(rows()[0].querySelector('a.title')?.getAttribute('href')).toBe('/movie/6');
    expect(removeButton('Heat').textContent?.trim()).toBe('Remove');

    const tabs = Array.from(el().querySelectorAll<HTMLAnchorElement>('nav[aria-label="My ratings lists"] a'));
    expect(tabs.map((tab) => [tab.textContent?.trim(), tab.getAttribute('href'), tab.getAttribute('aria-current')])).toEqual([
      ['Rated', '/ratings', null],
      ["Haven't seen", '/ratings/skipped', 'page'],
    ]);
  });

  it('removes a mark at once, moves focus to the next row, and offers Undo', async () => {
    await open(skipsPage([HEAT, ALIEN, FARGO]));

    removeButton('Alien').focus();
    removeButton('Alien').click();
    await settleAll();

    const op = apollo.expectOne('RemoveSkip');
    expect(op.operation.variables).toEqual({ movieId: 1214 });
    expect(rowTitles()).toEqual(['Heat', 'Fargo']);
    expect(count()).toBe("2 movies you haven't seen");
    expect(document.activeElement).toBe(removeButton('Fargo'));

    op.flushData({ removeSkip: true });
    await settleAll();
    expect(snackBar()).toContain('Alien can be recommended to you again.');
    expect(snackBarAction()?.textContent?.trim()).toBe('Undo');

    snackBarAction()!.click();
    await settleAll();
    const skip = apollo.expectOne('SkipMovie');
    expect(skip.operation.variables).toEqual({ movieId: 1214 });
    skip.flushData({
      skipMovie: { __typename: 'Skip', skippedAt: '2026-03-03T10:00:00.000Z', movie: { __typename: 'Movie', id: 1214, skippedByMe: true } },
    });
    await settleAll();

    // The list is reloaded: the restored mark is the most recent one now.
    apollo.expectOne('MySkips').flushData(skipsPage([ALIEN, HEAT, FARGO]));
    await settleAll();
    expect(rowTitles()).toEqual(['Alien', 'Heat', 'Fargo']);
  });

  it('puts a removal that failed back and says so', async () => {
    await open(skipsPage([HEAT, ALIEN]));

    removeButton('Heat').click();
    await settleAll();
    expect(rowTitles()).toEqual(['Alien']);
    apollo.expectOne('RemoveSkip').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(rowTitles()).toEqual(['Heat', 'Alien']);
    expect(snackBar()).toContain('Couldn\'t remove "Haven\'t seen it" from Heat.');
  });

  it('explains the list when it is empty', async () => {
    await open(skipsPage([]));

    const empty = el().querySelector('[data-testid="empty-state"]');
    expect(empty?.textContent).toContain('Nothing marked');
    expect(empty?.textContent).toContain('never recommends them to you');
    expect(count()).toBe('');
  });

  it('pages on with "Show more"', async () => {
    const first = Array.from({ length: SKIPS_PAGE_SIZE }, (_, i) => ({ id: i + 1, title: `Movie ${i + 1}` }));
    await open(skipsPage(first, { totalCount: 22, hasNextPage: true }));
    expect(el().textContent).toContain(`Showing ${SKIPS_PAGE_SIZE} of 22`);

    el().querySelector<HTMLButtonElement>('[data-testid="load-more"]')!.click();
    await settleAll();
    const op = apollo.expectOne('MySkips');
    expect(op.operation.variables).toEqual({ first: SKIPS_PAGE_SIZE, after: `s-${SKIPS_PAGE_SIZE}` });
    op.flushData(skipsPage([HEAT, ALIEN], { totalCount: 22 }));
    await settleAll();

    expect(rows()).toHaveLength(22);
    expect(el().querySelector('[data-testid="load-more"]')).toBeNull();
  });

  it('shows an error with a Retry', async () => {
    await open();
    apollo.expectOne('MySkips').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(el().querySelector('[data-testid="error-state"]')?.textContent).toContain("Couldn't load the movies you haven't seen");
    Array.from(el().querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Retry'))!
      .click();
    await settleAll();
    apollo.expectOne('MySkips').flushData(skipsPage([HEAT]));
    await settleAll();

    expect(rowTitles()).toEqual(['Heat']);
  });
});
