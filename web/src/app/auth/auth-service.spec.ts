import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { session, settle } from '../testing/fixtures';
import { SESSION_STORAGE_KEY, AuthService } from './auth-service';

describe('AuthService', () => {
  let apollo: ApolloTestingController;

  function create(): AuthService {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [provideRouter([])] });
    apollo = TestBed.inject(ApolloTestingController);
    return TestBed.inject(AuthService);
  }

  const stored = () => JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null');

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
  });

  it('starts signed out when nothing is stored', () => {
    const auth = create();

    expect(auth.isSignedIn()).toBe(false);
    expect(auth.user()).toBeNull();
    expect(auth.token()).toBeNull();
    expect(auth.isAdmin()).toBe(false);
  });

  it('restores the stored session after a reload', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({ role: 'ADMIN' })));
    const auth = create();

    expect(auth.isSignedIn()).toBe(true);
    expect(auth.token()).toBe('token-1');
    expect(auth.user()?.displayName).toBe('Ada');
    expect(auth.isAdmin()).toBe(true);
  });

  it.each([
    ['expired', JSON.stringify({ ...session(), expiresAt: '2000-01-01T00:00:00.000Z' })],
    ['malformed JSON', '{not json'],
    ['missing token', JSON.stringify({ ...session(), accessToken: undefined })],
  ])('ignores an %s stored session', (_case, value) => {
    localStorage.setItem(SESSION_STORAGE_KEY, value);

    expect(create().isSignedIn()).toBe(false);
  });

  it('startSession stores the token and user and drops data cached while signed out', async () => {
    const auth = create();
    const clearStore = vi.spyOn(TestBed.inject(Apollo).client, 'clearStore');

    await auth.startSession(session());

    expect(auth.isSignedIn()).toBe(true);
    expect(auth.token()).toBe('token-1');
    expect(stored().accessToken).toBe('token-1');
    expect(stored().user.email).toBe('ada@example.com');
    expect(clearStore).toHaveBeenCalled();
  });

  it('logOut forgets the session, refetches anonymously and re-checks the route guards', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    const auth = create();
    const resetStore = vi.spyOn(TestBed.inject(Apollo).client, 'resetStore').mockResolvedValue(null);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');

    auth.logOut();

    expect(auth.isSignedIn()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(resetStore).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('/', { onSameUrlNavigation: 'reload' });
  });

  it('expire() ends the session only for the token that was rejected', async () => {
    const auth = create();
    await auth.startSession(session({}, 'new-token'));

    auth.expire('old-token');
    expect(auth.isSignedIn()).toBe(true);

    auth.expire('new-token');
    expect(auth.isSignedIn()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('a session that expires during a navigation re-checks where that navigation lands', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    const auth = create();
    const router = TestBed.inject(Router);
    // A slow guard keeps the navigation in flight, like loading a lazy page does.
    const slow = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20));
    router.resetConfig([{ path: 'movie/:id', canActivate: [slow], children: [] }]);
    const navigate = vi.spyOn(router, 'navigateByUrl');

    const landing = router.navigateByUrl('/movie/6');
    await settle();
    expect(router.currentNavigation()).not.toBeNull();
    auth.expire('token-1');
    await landing;
    await settle(undefined, { ms: 30 });

    expect(router.url).toBe('/movie/6');
    expect(navigate).toHaveBeenLastCalledWith('/movie/6', { onSameUrlNavigation: 'reload' });
  });

  it('refreshUser re-reads the user and role from `me` and stores them', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    const auth = create();

    const done = auth.refreshUser();
    // The Me document is imported on demand first.
    const op = await vi.waitFor(() => apollo.expectOne('Me'));
    op.flushData({
      me: { __typename: 'User', id: 7, email: 'ada@example.com', displayName: 'Countess', role: 'ADMIN' },
    });
    await done;

    expect(auth.isAdmin()).toBe(true);
    expect(auth.user()?.displayName).toBe('Countess');
    expect(stored().user.role).toBe('ADMIN');
    expect(stored().accessToken).toBe('token-1');
  });

  it('refreshUser keeps the stored user when the API cannot be reached', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    const auth = create();

    const done = auth.refreshUser();
    (await vi.waitFor(() => apollo.expectOne('Me'))).networkError(new Error('Failed to fetch'));
    await done;

    expect(auth.isSignedIn()).toBe(true);
    expect(auth.user()?.displayName).toBe('Ada');
  });

  it('refreshUser does nothing while signed out', async () => {
    await create().refreshUser();
    await settle();

    apollo.expectNone('Me');
  });

  it('follows signing in and out in another tab', () => {
    const auth = create();

    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));
    expect(auth.isSignedIn()).toBe(true);

    localStorage.removeItem(SESSION_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));
    expect(auth.isSignedIn()).toBe(false);
  });
});
