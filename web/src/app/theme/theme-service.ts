import { DOCUMENT, DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';

export type ColorScheme = 'light' | 'dark';

/** localStorage key; public/theme.js (loaded by index.html before first paint) reads it too. */
export const THEME_STORAGE_KEY = 'reelrank.theme';

/**
 * Light/dark theme. Follows `prefers-color-scheme` until the user toggles, then keeps the choice
 * in localStorage. Applies it through the root `color-scheme`, which the Material tokens
 * (`light-dark()`) follow.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly root = inject(DOCUMENT).documentElement;
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly darkQuery = this.window?.matchMedia?.('(prefers-color-scheme: dark)');

  private readonly systemScheme = signal<ColorScheme>(this.darkQuery?.matches ? 'dark' : 'light');
  private readonly chosenScheme = signal<ColorScheme | null>(this.readStored());

  /** The scheme in effect. */
  readonly scheme = computed(() => this.chosenScheme() ?? this.systemScheme());

  constructor() {
    const onSystemChange = (event: MediaQueryListEvent) => this.systemScheme.set(event.matches ? 'dark' : 'light');
    this.darkQuery?.addEventListener('change', onSystemChange);
    inject(DestroyRef).onDestroy(() => this.darkQuery?.removeEventListener('change', onSystemChange));

    // Empty string falls back to the stylesheet's `color-scheme: light dark` (follow the OS).
    effect(() => (this.root.style.colorScheme = this.chosenScheme() ?? ''));
  }

  /** Switches to the other scheme and remembers the choice. */
  toggle(): void {
    const next: ColorScheme = this.scheme() === 'dark' ? 'light' : 'dark';
    this.chosenScheme.set(next);
    try {
      this.window?.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage can be disabled (privacy modes); the choice then lasts for this visit only.
    }
  }

  private readStored(): ColorScheme | null {
    try {
      const stored = this.window?.localStorage.getItem(THEME_STORAGE_KEY);
      return stored === 'light' || stored === 'dark' ? stored : null;
    } catch {
      return null;
    }
  }
}
