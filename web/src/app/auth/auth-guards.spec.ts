import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { session } from '../testing/fixtures';
import { adminGuard, authGuard, guestGuard } from './auth-guards';
import { AuthService, SESSION_STORAGE_KEY } from './auth-service';

describe('auth guards', () => {
  const state = { url: '/ratings?page=2' } as RouterStateSnapshot;
  const route = {} as ActivatedRouteSnapshot;

  function run(guard: typeof authGuard, signedIn: null | 'USER' | 'ADMIN'): boolean | string {
    if (signedIn) localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({ role: signedIn })));
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    TestBed.inject(AuthService);
    const result = TestBed.runInInjectionContext(() => guard(route, state));
    return result instanceof UrlTree ? TestBed.inject(Router).serializeUrl(result) : (result as boolean);
  }

  afterEach(() => localStorage.clear());

  it('authGuard sends signed-out visitors to log in, and back afterwards', () => {
    expect(run(authGuard, null)).toBe('/login?returnUrl=%2Fratings%3Fpage%3D2');
  });

  it('authGuard lets signed-in users through', () => {
    expect(run(authGuard, 'USER')).toBe(true);
  });

  it('adminGuard lets only admins through', () => {
    expect(run(adminGuard, 'ADMIN')).toBe(true);
  });

  it('adminGuard sends other users home', () => {
    expect(run(adminGuard, 'USER')).toBe('/');
  });

  it('adminGuard sends signed-out visitors to log in', () => {
    expect(run(adminGuard, null)).toMatch(/^\/login\?returnUrl=/);
  });

  it('guestGuard keeps signed-in users away from login and sign-up', () => {
    expect(run(guestGuard, 'USER')).toBe('/');
  });

  it('guestGuard lets visitors in', () => {
    expect(run(guestGuard, null)).toBe(true);
  });
});
