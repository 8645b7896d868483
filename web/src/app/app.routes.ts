import { Routes } from '@angular/router';

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
    path: 'ratings',
    title: 'My ratings · Reelrank',
    loadComponent: () => import('./ratings/ratings-page').then((m) => m.RatingsPage),
  },
  {
    path: 'admin',
    title: 'Admin · Reelrank',
    loadComponent: () => import('./admin/admin-page').then((m) => m.AdminPage),
  },
  {
    path: '**',
    title: 'Page not found · Reelrank',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
