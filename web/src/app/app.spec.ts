import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { routes } from './app.routes';

describe('App shell', () => {
  beforeEach(async () => {
    window.matchMedia = vi.fn(
      () =>
        ({
          matches: false,
          addEventListener() {},
          removeEventListener() {},
        }) as unknown as MediaQueryList,
    );
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter(routes)],
    }).compileComponents();
  });

  afterEach(() => {
    localStorage.clear();
    document.documentElement.style.colorScheme = '';
    Reflect.deleteProperty(window, 'matchMedia');
  });

  it('renders landmarks, navigation, skip link and data credits', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('header')).not.toBeNull();
    expect(el.querySelector('main#main')).not.toBeNull();
    expect(el.querySelector('footer')?.textContent).toContain(
      'This product uses the TMDB API but is not endorsed or certified by TMDB.',
    );
    expect(el.querySelector('footer')?.textContent).toContain('MovieLens');
    const links = Array.from(el.querySelectorAll('nav[aria-label="Main"] a'), (a) =>
      a.textContent?.trim(),
    );
    expect(links).toEqual(['Home', 'Browse', 'My ratings', 'Admin']);
    expect(el.querySelector('.skip-link')?.getAttribute('href')).toBe('#main');
  });

  it('skip link moves focus to the main content', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    el.querySelector<HTMLAnchorElement>('.skip-link')?.click();

    expect(document.activeElement).toBe(el.querySelector('main'));
  });

  it('theme toggle switches the scheme and its label', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const toggle = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(
      '.theme-toggle',
    );
    expect(toggle?.getAttribute('aria-label')).toBe('Switch to dark theme');

    toggle?.click();
    await fixture.whenStable();

    expect(toggle?.getAttribute('aria-label')).toBe('Switch to light theme');
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });
});
