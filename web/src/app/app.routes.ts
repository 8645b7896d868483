import { Routes } from '@angular/router';
import { adminGuard, authGuard, guestGuard } from './auth/auth-guards';

/** One lazy chunk per feature folder. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Reelrank · Open movie recommendations',
    loadComponent: () => import('./home/home-page').then((m) => m.HomePage),
  },
  {
    path: 'browse',
    title: 'Browse · Reelrank',
    loadComponent: () => import('./browse/browse-page').then((m) => m.BrowsePage),
  },
  {
    // The page sets "<title> (<year>) · Reelrank" once the movie has loaded.
    path: 'movie/:id',
    title: 'Movie · Reelrank',
    loadComponent: () => import('./movie/movie-page').then((m) => m.MoviePage),
  },
  {
    path: 'ratings',
    title: 'My ratings · Reelrank',
    canActivate: [authGuard],
    // Logging out or an expired session re-runs the guards on the same URL.
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./ratings/ratings-page').then((m) => m.RatingsPage),
  },
  {
    path: 'ratings/skipped',
    title: "Haven't seen · My ratings · Reelrank",
    canActivate: [authGuard],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./ratings/skipped-page').then((m) => m.SkippedPage),
  },
  {
    path: 'onboarding',
    title: 'Get started · Reelrank',
    canActivate: [authGuard],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./onboarding/onboarding-page').then((m) => m.OnboardingPage),
  },
  {
    path: 'account',
    title: 'Account · Reelrank',
    canActivate: [authGuard],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./account/account-page').then((m) => m.AccountPage),
  },
  {
    path: 'login',
    title: 'Log in · Reelrank',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'signup',
    title: 'Sign up · Reelrank',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/signup-page').then((m) => m.SignupPage),
  },
  {
    // Overview, /admin/pipelines, /admin/models and /admin/models/:version (titles in admin.routes.ts).
    path: 'admin',
    canActivate: [adminGuard],
    runGuardsAndResolvers: 'always',
    loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: '**',
    title: 'Page not found · Reelrank',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
