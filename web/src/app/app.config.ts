import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter } from '@angular/router';
import { routes } from './app.routes';
import { AuthService } from './auth/auth-service';
import { provideGraphql } from './graphql/graphql';
import { provideScrollRestoration } from './scroll-restoration';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes),
    provideScrollRestoration(),
    provideGraphql(),
    // Refresh the stored user (role) in the background; the app renders from storage meanwhile.
    provideAppInitializer(() => void inject(AuthService).refreshUser()),
  ],
};
