import { DOCUMENT, DestroyRef, Injectable, Injector, computed, inject, signal } from '@angular/core';
import { NavigationCancel, NavigationEnd, NavigationError, NavigationSkipped, Router } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { first, firstValueFrom } from 'rxjs';
import type { MeQuery, SessionUserFragment } from '../graphql/generated';

/** localStorage key of the signed-in session (token, expiry and user). */
export const SESSION_STORAGE_KEY = 'reelrank.session';

export type SessionUser = SessionUserFragment;

/** What `signUp` and `logIn` return, and what is stored. */
export interface Session {
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly user: SessionUser;
}

/**
 * The signed-in user. The session (JWT, expiry, user) lives in localStorage so it survives reloads
 * and is shared by tabs; `refreshUser()` re-reads the user (and role) from `me` at startup. The
 * auth link sends the token and calls `expire()` when the API rejects it.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly injector = inject(Injector);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly session = signal<Session | null>(this.read());

  /** The current user; null when signed out. */
  readonly user = computed(() => this.session()?.user ?? null);
  readonly token = computed(() => this.session()?.accessToken ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);
  readonly isAdmin = computed(() => this.user()?.role === 'ADMIN');

  constructor() {
    // Signing in or out in another tab applies here too.
    const onStorage = (event: StorageEvent) => {
      if (event.key === SESSION_STORAGE_KEY || event.key === null) this.session.set(this.read());
    };
    this.window?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => this.window?.removeEventListener('storage', onStorage));
  }

  /** Stores the session returned by `signUp` or `logIn` and drops data cached while signed out. */
  async startSession(session: Session): Promise<void> {
    this.write(session);
    await this.apollo.client.clearStore();
  }

  /** Re-reads the user from `me` (role changes, renamed account); a rejected token ends the session. */
  async refreshUser(): Promise<void> {
    const token = this.token();
    if (!token) return;
    try {
      // Loaded on demand: importing generated.ts statically would put every operation (and the
      // code only lazy pages need) into the initial bundle.
      const { MeDocument } = await import('../graphql/generated');
      const { data } = await firstValueFrom(this.apollo.query<MeQuery>({ query: MeDocument, fetchPolicy: 'network-only' }));
      const current = this.session();
      if (data && current?.accessToken === token) this.write({ ...current, user: data.me });
    } catch {
      // Offline or API down: keep the stored user; UNAUTHENTICATED is handled by the auth link.
    }
  }

  /** Signs out, refetches what is on screen anonymously and leaves pages that need a user. */
  logOut(): void {
    this.write(null);
    this.apollo.client.resetStore().catch(() => undefined);
    this.recheckRoute();
  }

  /** Ends the session when the API rejected `token` (expired, revoked, account deleted). */
  expire(token: string): void {
    if (this.token() !== token) return;
    this.write(null);
    this.recheckRoute();
  }

  private get apollo(): Apollo {
    // Lazily: the Apollo client is built with the auth link, which needs this service.
    return this.injector.get(Apollo);
  }

  /** Runs the guards of the current URL again (guarded routes use runGuardsAndResolvers 'always'). */
  private recheckRoute(): void {
    const router = this.injector.get(Router);
    if (router.currentNavigation()) {
      // E.g. the first page load: `router.url` is not the target yet; check where it ends up.
      router.events
        .pipe(
          first(
            (event) =>
              event instanceof NavigationEnd ||
              event instanceof NavigationCancel ||
              event instanceof NavigationError ||
              event instanceof NavigationSkipped,
          ),
        )
        // Once it has settled (currentNavigation() is still set while NavigationEnd is emitted).
        .subscribe(() => setTimeout(() => this.recheckRoute()));
      return;
    }
    void router.navigateByUrl(router.url, { onSameUrlNavigation: 'reload' });
  }

  private write(session: Session | null): void {
    this.session.set(session);
    try {
      if (session) this.window?.localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
      else this.window?.localStorage.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // Storage disabled (privacy modes): the session lasts for this visit only.
    }
  }

  private read(): Session | null {
    try {
      const session = JSON.parse(this.window?.localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null');
      const valid =
        typeof session?.accessToken === 'string' && typeof session.user?.id === 'number' && Date.parse(session.expiresAt) > Date.now();
      return valid ? (session as Session) : null;
    } catch {
      return null;
    }
  }
}
