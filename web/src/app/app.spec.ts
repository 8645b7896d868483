import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Apollo } from 'apollo-angular';
import { ApolloTestingModule } from 'apollo-angular/testing';
import { App } from './app';
import { routes } from './app.routes';
import { AuthService } from './auth/auth-service';
import { session, stubIntersectionObserver } from './testing/fixtures';

const navLinks = (el: HTMLElement) => Array.from(el.querySelectorAll('nav[aria-label="Main"] a'), (a) => a.textContent?.trim());

describe('App shell', () => {
  let restoreObserver: () => void;

  beforeEach(async () => {
    // Logging out re-runs the route guards, which renders the home page and its @defer blocks.
    restoreObserver = stubIntersectionObserver();
    window.matchMedia = vi.fn(
      () =>
        ({
          matches: false,
          addEventListener() {},
          removeEventListener() {},
        }) as unknown as MediaQueryList,
    );
    await TestBed.configureTestingModule({
      imports: [App, ApolloTestingModule],
      providers: [provideRouter(routes)],
    }).compileComponents();
  });

  afterEach(() => {
    localStorage.clear();
    document.documentElement.style.colorScheme = '';
    Reflect.deleteProperty(window, 'matchMedia');
    restoreObserver();
  });

  it('renders landmarks, navigation, skip link and data credits', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('header')).not.toBeNull();
    expect(el.querySelector('main#main')).not.toBeNull();
    expect(el.querySelector('footer')?.textContent).toContain('This product uses the TMDB API but is not endorsed or certified by TMDB.');
    expect(el.querySelector('footer')?.textContent).toContain('MovieLens');
    expect(navLinks(el)).toEqual(['Home', 'Browse']);
    expect(el.querySelector('.skip-link')?.getAttribute('href')).toBe('#main');
  });

  it('marks the current page in the navigation', async () => {
    const harness = await RouterTestingHarness.create();
    const el = document.body;
    const current = () =>
      Array.from(el.querySelectorAll('nav[aria-label="Main"] a'), (a) => [
        a.textContent?.trim(),
        a.getAttribute('aria-current'),
        a.classList.contains('active'),
      ]);
    const fixture = TestBed.createComponent(App);
    document.body.appendChild(fixture.nativeElement);

    await harness.navigateByUrl('/browse?q=heat');
    await fixture.whenStable();
    expect(current()).toEqual([
      ['Home', null, false],
      ['Browse', 'page', true],
    ]);

    await harness.navigateByUrl('/');
    await fixture.whenStable();
    expect(current()).toEqual([
      ['Home', 'page', true],
      ['Browse', null, false],
    ]);
    fixture.nativeElement.remove();
  });

  it('offers visitors to log in or sign up', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('a.log-in')?.getAttribute('href')).toBe('/login');
    expect(el.querySelector('a.sign-up')?.getAttribute('href')).toBe('/signup');
    expect(el.querySelector('button.log-out')).toBeNull();
  });

  it('shows signed-in users their ratings and name, admins the admin page', async () => {
    const auth = TestBed.inject(AuthService);
    vi.spyOn(TestBed.inject(Apollo).client, 'clearStore').mockResolvedValue([]);
    const fixture = TestBed.createComponent(App);
    const el = fixture.nativeElement as HTMLElement;

    await auth.startSession(session());
    await fixture.whenStable();
    expect(navLinks(el)).toEqual(['Home', 'Browse', 'My ratings']);
    expect(el.querySelector('[data-testid="signed-in-user"]')?.textContent).toBe('Ada');
    expect(el.querySelector('a.log-in')).toBeNull();

    await auth.startSession(session({ role: 'ADMIN' }));
    await fixture.whenStable();
    expect(navLinks(el)).toEqual(['Home', 'Browse', 'My ratings', 'Admin']);
  });

  it('log out signs out and hides the account links', async () => {
    const auth = TestBed.inject(AuthService);
    const client = TestBed.inject(Apollo).client;
    vi.spyOn(client, 'clearStore').mockResolvedValue([]);
    vi.spyOn(client, 'resetStore').mockResolvedValue(null);
    await auth.startSession(session());
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    const logOut = el.querySelector<HTMLButtonElement>('button.log-out');
    expect(logOut?.getAttribute('aria-label')).toBe('Log out');
    logOut?.click();
    await fixture.whenStable();

    expect(auth.isSignedIn()).toBe(false);
    expect(navLinks(el)).toEqual(['Home', 'Browse']);
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
    const toggle = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('.theme-toggle');
    expect(toggle?.getAttribute('aria-label')).toBe('Switch to dark theme');

    toggle?.click();
    await fixture.whenStable();

    expect(toggle?.getAttribute('aria-label')).toBe('Switch to light theme');
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });
});
