import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { session, settle } from '../testing/fixtures';
import { safeReturnUrl } from './auth-form';
import { AuthService, SESSION_STORAGE_KEY } from './auth-service';
import { LoginPage } from './login-page';
import { SignupPage } from './signup-page';

const payload = (field: 'logIn' | 'signUp') => {
  const s = session({ displayName: 'Grace' });
  return { [field]: { __typename: 'AuthPayload', ...s } };
};

describe('auth pages', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.routeNativeElement!;
  const input = (name: string) => el().querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
  const errors = () => Array.from(el().querySelectorAll('mat-error'), (e) => e.textContent?.replace(/\s+/g, ' ').trim());
  const formError = () => el().querySelector('[data-testid="form-error"]')?.textContent?.trim();
  const settleAll = () => settle(harness.fixture);

  function type(name: string, value: string): void {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    el().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settleAll();
  }

  async function open(url: string, component: Type<unknown>) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, component);
    await settleAll();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([
          { path: 'login', component: LoginPage },
          { path: 'signup', component: SignupPage },
          { path: '**', children: [] },
        ]),
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
  });

  describe('LoginPage', () => {
    it('checks the fields before asking the API, and focuses the first invalid one', async () => {
      await open('/login', LoginPage);

      await submit();

      apollo.expectNone('LogIn');
      expect(errors()).toEqual(['Enter your email address.', 'Enter your password.']);
      expect(document.activeElement).toBe(input('email'));

      type('email', 'not-an-email');
      await settleAll();
      expect(errors()[0]).toContain('Enter a valid email address');
    });

    it('logs in, keeps the session and goes back where the user came from', async () => {
      await open('/login?returnUrl=%2Fratings%3Fx%3D1', LoginPage);
      type('email', 'grace@example.com');
      type('password', 'hunter22');

      await submit();
      const op = apollo.expectOne('LogIn');
      expect(op.operation.variables).toEqual({ input: { email: 'grace@example.com', password: 'hunter22' } });
      expect(el().querySelector('button[type="submit"]')?.textContent?.trim()).toBe('Logging in…');
      op.flushData(payload('logIn'));
      await settleAll();

      expect(TestBed.inject(AuthService).user()?.displayName).toBe('Grace');
      expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!).accessToken).toBe('token-1');
      expect(TestBed.inject(Router).url).toBe('/ratings?x=1');
    });

    it('says so when the email or password is wrong', async () => {
      await open('/login', LoginPage);
      type('email', 'grace@example.com');
      type('password', 'wrong');

      await submit();
      apollo.expectOne('LogIn').graphqlErrors([{ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } }]);
      await settleAll();

      expect(formError()).toBe('Wrong email or password. Check them and try again.');
      expect(el().querySelector('[data-testid="form-error"]')?.getAttribute('role')).toBe('alert');
      expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
    });

    it('shows a field error from the API on that field', async () => {
      await open('/login', LoginPage);
      type('email', 'grace@example.com');
      type('password', 'x');

      await submit();
      apollo.expectOne('LogIn').graphqlErrors([
        {
          message: 'input.email: must be a valid email address',
          extensions: { code: 'BAD_USER_INPUT', field: 'input.email' },
        },
      ]);
      await settleAll();

      expect(formError()).toBeUndefined();
      expect(errors()).toEqual(['input.email: must be a valid email address']);
    });

    it('shows network trouble as a form error', async () => {
      await open('/login', LoginPage);
      type('email', 'grace@example.com');
      type('password', 'x');

      await submit();
      apollo.expectOne('LogIn').networkError(new Error('Failed to fetch'));
      await settleAll();

      expect(formError()).toContain("Can't reach Reelrank");
    });

    it('toggles the password visibility', async () => {
      await open('/login', LoginPage);
      const toggle = el().querySelector<HTMLButtonElement>('button[aria-label="Show password"]')!;

      toggle.click();
      await settleAll();

      expect(input('password').type).toBe('text');
      expect(toggle.getAttribute('aria-label')).toBe('Hide password');
      expect(toggle.getAttribute('aria-pressed')).toBe('true');
    });
  });

  describe('SignupPage', () => {
    async function fill() {
      type('displayName', '  Grace  ');
      type('email', 'grace@example.com');
      type('password', 'correct horse');
    }

    it('validates the password length', async () => {
      await open('/signup', SignupPage);
      type('email', 'grace@example.com');
      type('password', 'short');

      await submit();

      apollo.expectNone('SignUp');
      expect(errors()).toEqual(['Use at least 8 characters.']);
    });

    it('creates the account, signs in and starts onboarding', async () => {
      await open('/signup', SignupPage);
      await fill();

      await submit();
      const op = apollo.expectOne('SignUp');
      expect(op.operation.variables).toEqual({
        input: { email: 'grace@example.com', password: 'correct horse', displayName: 'Grace' },
      });
      op.flushData(payload('signUp'));
      await settleAll();

      expect(TestBed.inject(AuthService).isSignedIn()).toBe(true);
      expect(TestBed.inject(Router).url).toBe('/onboarding');
    });

    it('keeps where the user came from for after onboarding', async () => {
      await open('/signup?returnUrl=%2Fmovie%2F6', SignupPage);
      await fill();

      await submit();
      apollo.expectOne('SignUp').flushData(payload('signUp'));
      await settleAll();

      expect(TestBed.inject(Router).url).toBe('/onboarding?returnUrl=%2Fmovie%2F6');
    });

    it('offers to log in when the email is taken (CONFLICT)', async () => {
      await open('/signup', SignupPage);
      await fill();

      await submit();
      apollo.expectOne('SignUp').graphqlErrors([
        {
          message: 'An account with this email already exists',
          extensions: { code: 'CONFLICT', field: 'input.email' },
        },
      ]);
      await settleAll();

      const conflict = el().querySelector('[data-testid="email-conflict"]');
      expect(conflict?.textContent).toContain('An account with this email already exists.');
      expect(conflict?.querySelector('a')?.getAttribute('href')).toBe('/login?email=grace@example.com');
      expect(document.activeElement).toBe(input('email'));

      // Editing the email clears the server's verdict.
      type('email', 'grace2@example.com');
      await settleAll();
      expect(el().querySelector('[data-testid="email-conflict"]')).toBeNull();
    });

    it('puts each invalid argument of BAD_USER_INPUT on its field', async () => {
      await open('/signup', SignupPage);
      await fill();

      await submit();
      apollo.expectOne('SignUp').graphqlErrors([
        {
          message: 'input.email: must be a valid email address',
          extensions: {
            code: 'BAD_USER_INPUT',
            field: 'input.email',
            fields: [
              { field: 'input.email', messages: ['must be a valid email address'] },
              { field: 'input.password', messages: ['must be shorter than or equal to 128 characters'] },
            ],
          },
        },
      ]);
      await settleAll();

      expect(errors()).toEqual(['must be a valid email address', 'must be shorter than or equal to 128 characters']);
    });
  });

  it('only returns to paths inside the app', () => {
    expect(safeReturnUrl('/movie/1?x=2')).toBe('/movie/1?x=2');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/\\evil.example')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
    expect(safeReturnUrl('/signup')).toBe('/');
    expect(safeReturnUrl('/loginhelp')).toBe('/loginhelp');
    expect(safeReturnUrl(null)).toBe('/');
  });
});
