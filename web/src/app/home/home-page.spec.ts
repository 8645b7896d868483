import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APOLLO_TESTING_CACHE, ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { SESSION_STORAGE_KEY } from '../auth/auth-service';
import { createCache } from '../graphql/graphql';
import { movieCard, moviesPage, session, settle, stubIntersectionObserver } from '../testing/fixtures';
import { SHELF_SIZE } from './catalog-shelf';
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

    expect(headings(el)).toEqual(['Find your next favourite film.', 'Popular now', 'Top rated', 'Get picks made for you']);
    expect(el.querySelector('.cta a')?.getAttribute('href')).toBe('/signup');
    expect(el.querySelector('rr-top-picks')).toBeNull();

    const [popular, topRated] = lists();
    expect([popular.sort, topRated.sort]).toEqual(['POPULARITY', 'RATING']);
    expect(popular.first).toBe(SHELF_SIZE);
    popular.op.flushData(moviesPage([movieCard(1, { title: 'Toy Story' })]));
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

    expect(lists().map(({ genres }) => genres)).toEqual([['Sci-Fi'], ['Comedy'], ['Animation']]);
    lists().forEach(({ op }) => op.flushData(moviesPage([])));
    apollo.expectOne('Health');
  });

  it('greets signed-in users and has their top picks first', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    const fixture = await create();
    const el = fixture.nativeElement as HTMLElement;
    lists().forEach(({ op }) => op.flushData(moviesPage([])));
    await settle(fixture);

    expect(el.textContent).toContain('Welcome back, Ada');
    expect(headings(el).slice(1, 3)).toEqual(['Top picks for you', 'Popular now']);
    expect(el.querySelector('[data-testid="top-picks-empty"]')?.textContent).toContain('Rate a few movies to get picks.');
    expect(el.querySelector('.cta')).toBeNull();
  });
});
