import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth-service';

/** Only signed-in users; others go to the login page, which brings them back afterwards. */
export const authGuard: CanActivateFn = (_route, state) =>
  inject(AuthService).isSignedIn() || inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });

/** Only admins (role from `me`); signed-out users log in first, other users go home. */
export const adminGuard: CanActivateFn = (route, state) => {
  const auth = inject(AuthService);
  if (!auth.isSignedIn()) return authGuard(route, state);
  return auth.isAdmin() || inject(Router).createUrlTree(['/']);
};

/** Login and sign-up pages: a signed-in user goes home instead. */
export const guestGuard: CanActivateFn = () => !inject(AuthService).isSignedIn() || inject(Router).createUrlTree(['/']);
