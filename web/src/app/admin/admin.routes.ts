import { Routes } from '@angular/router';
import { AdminLayout } from './admin-layout';

/** The admin area, lazy-loaded under `/admin` (the parent route has the admin guard). */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminLayout,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Admin · Reelrank',
        loadComponent: () => import('./admin-page').then((m) => m.AdminPage),
      },
      {
        path: 'pipelines',
        title: 'Pipelines · Admin · Reelrank',
        loadComponent: () => import('./pipelines/pipelines-page').then((m) => m.PipelinesPage),
      },
      {
        // The page sets "<type> <workflow id> · Admin · Reelrank".
        path: 'runs/:workflowId',
        title: 'Run · Admin · Reelrank',
        loadComponent: () => import('./runs/run-page').then((m) => m.RunPage),
      },
      {
        path: 'models',
        title: 'Models · Admin · Reelrank',
        loadComponent: () => import('./models/models-page').then((m) => m.ModelsPage),
      },
      {
        // The page sets "Model <version> · Admin · Reelrank".
        path: 'models/:version',
        title: 'Model · Admin · Reelrank',
        loadComponent: () => import('./models/model-page').then((m) => m.ModelPage),
      },
    ],
  },
];
