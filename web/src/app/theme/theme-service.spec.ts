import { TestBed } from '@angular/core/testing';
import { THEME_STORAGE_KEY, ThemeService } from './theme-service';

/** Minimal controllable stand-in for `matchMedia('(prefers-color-scheme: dark)')`. */
class FakeDarkQuery {
  private listener: ((event: MediaQueryListEvent) => void) | null = null;

  constructor(public matches: boolean) {}

  addEventListener(_type: 'change', listener: (event: MediaQueryListEvent) => void): void {
    this.listener = listener;
  }

  removeEventListener(): void {
    this.listener = null;
  }

  change(matches: boolean): void {
    this.matches = matches;
    this.listener?.({ matches } as MediaQueryListEvent);
  }
}

describe('ThemeService', () => {
  let query: FakeDarkQuery;

  function create(systemDark: boolean): ThemeService {
    query = new FakeDarkQuery(systemDark);
    window.matchMedia = vi.fn(() => query as unknown as MediaQueryList);
    const service = TestBed.inject(ThemeService);
    TestBed.tick();
    return service;
  }

  const rootScheme = () => document.documentElement.style.colorScheme;

  afterEach(() => {
    localStorage.clear();
    document.documentElement.style.colorScheme = '';
    Reflect.deleteProperty(window, 'matchMedia');
  });

  it('follows the system preference when nothing is stored', () => {
    const service = create(true);

    expect(service.scheme()).toBe('dark');
    expect(rootScheme()).toBe('');
    expect(window.matchMedia).toHaveBeenCalledWith('(prefers-color-scheme: dark)');
  });

  it('tracks system preference changes', () => {
    const service = create(false);
    expect(service.scheme()).toBe('light');

    query.change(true);

    expect(service.scheme()).toBe('dark');
  });

  it('toggles to the other scheme, applies it and persists it', () => {
    const service = create(false);

    service.toggle();
    TestBed.tick();

    expect(service.scheme()).toBe('dark');
    expect(rootScheme()).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

    service.toggle();
    TestBed.tick();

    expect(service.scheme()).toBe('light');
    expect(rootScheme()).toBe('light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
  });

  it('prefers a stored choice over the system and ignores later system changes', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    const service = create(true);

    expect(service.scheme()).toBe('light');
    expect(rootScheme()).toBe('light');

    query.change(false);
    query.change(true);
    expect(service.scheme()).toBe('light');
  });

  it('ignores an invalid stored value', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'sepia');

    expect(create(true).scheme()).toBe('dark');
  });

  it('works without matchMedia support', () => {
    const service = TestBed.inject(ThemeService);

    expect(service.scheme()).toBe('light');
    service.toggle();
    expect(service.scheme()).toBe('dark');
  });
});
