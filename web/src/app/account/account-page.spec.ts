import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { vi } from 'vitest';
import { AuthService, SESSION_STORAGE_KEY } from '../auth/auth-service';
import { session, settle } from '../testing/fixtures';
import { AccountPage } from './account-page';
import { RATINGS_CSV_FILE, RATINGS_CSV_URL } from './ratings-download';

describe('AccountPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.routeNativeElement!;
  const input = (name: string) => el().querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
  const button = (text: string) => Array.from(el().querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;
  const errors = () => Array.from(el().querySelectorAll('mat-error'), (e) => e.textContent?.trim());
  const settleAll = () => settle(harness.fixture);
  const type = (name: string, value: string) => {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
  };
  const badInput = (field: string, message: string) => ({
    message: `${field}: ${message}`,
    extensions: { code: 'BAD_USER_INPUT', field, fields: [{ field, messages: [message] }] },
  });

  beforeEach(async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({ email: 'ada@example.com' }, 'old-token')));
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([
          { path: 'account', component: AccountPage },
          { path: '**', children: [] },
        ]),
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/account', AccountPage);
    await settleAll();
  });

  afterEach(() => {
    apollo.verify();
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it('shows who is signed in', () => {
    expect(el().querySelector('.lead')?.textContent?.trim()).toBe('Signed in as ada@example.com');
  });

  it('changes the password and continues with the new token', async () => {
    type('currentPassword', 'old-password-1');
    type('newPassword', 'new-password-2');
    button('Change password').click();
    await settleAll();

    const op = apollo.expectOne('ChangePassword');
    expect(op.operation.variables).toEqual({ input: { currentPassword: 'old-password-1', newPassword: 'new-password-2' } });
    op.flushData({ changePassword: { __typename: 'AuthPayload', ...session({ email: 'ada@example.com' }, 'new-token') } });
    await settleAll();

    expect(TestBed.inject(AuthService).token()).toBe('new-token');
    expect(el().querySelector('[role="status"]')?.textContent?.trim()).toBe('Password changed. Other devices are signed out.');
    expect(input('currentPassword').value).toBe('');
  });

  it('checks the new password before asking, and shows what the API refused on its field', async () => {
    type('currentPassword', 'old-password-1');
    type('newPassword', 'short');
    button('Change password').click();
    await settleAll();
    apollo.expectNone('ChangePassword');
    expect(errors()).toEqual(['Use at least 8 characters.']);

    type('newPassword', 'password123');
    button('Change password').click();
    await settleAll();
    apollo
      .expectOne('ChangePassword')
      .graphqlErrors([badInput('input.newPassword', 'is one of the most common passwords; choose another')]);
    await settleAll();
    expect(errors()).toEqual(['is one of the most common passwords; choose another']);
    expect(TestBed.inject(AuthService).token()).toBe('old-token');
  });

  it('downloads my ratings with the bearer token', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('movieId,title,rating,ratedAt\n', { status: 200 }));
    const createObjectURL = vi.fn(() => 'blob:ratings');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe(RATINGS_CSV_FILE);
      expect(this.href).toBe('blob:ratings');
    });

    button('Download my ratings (CSV)').click();
    await settle(harness.fixture, { ms: 10 });

    expect(fetch).toHaveBeenCalledWith(RATINGS_CSV_URL, { headers: { authorization: 'Bearer old-token' } });
    expect(click).toHaveBeenCalledTimes(1);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:ratings');
  });

  it('ends the session when the export refuses the token', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{}', { status: 401 }));
    button('Download my ratings (CSV)').click();
    await settle(harness.fixture, { ms: 10 });
    expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
  });

  it('deletes the account after the password is typed, then signs out and goes home', async () => {
    button('Delete my account').click();
    await settleAll();
    apollo.expectNone('DeleteAccount');
    expect(errors()).toEqual(['Enter your password to delete your account.']);

    type('password', 'wrong-password');
    button('Delete my account').click();
    await settleAll();
    apollo.expectOne('DeleteAccount').graphqlErrors([badInput('password', 'is not your current password')]);
    await settleAll();
    expect(errors()).toEqual(['is not your current password']);
    expect(TestBed.inject(AuthService).isSignedIn()).toBe(true);

    type('password', 'old-password-1');
    button('Delete my account').click();
    await settleAll();
    const op = apollo.expectOne('DeleteAccount');
    expect(op.operation.variables).toEqual({ password: 'old-password-1' });
    op.flushData({ deleteAccount: true });
    await settleAll();

    expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('shows why the API refused to delete the account', async () => {
    type('password', 'admin-password-1');
    button('Delete my account').click();
    await settleAll();
    apollo
      .expectOne('DeleteAccount')
      .graphqlErrors([
        { message: 'You are the only admin: make another account an admin before deleting yours', extensions: { code: 'FORBIDDEN' } },
      ]);
    await settleAll();
    expect(el().querySelector('.danger [role="alert"]')?.textContent?.trim()).toBe(
      'You are the only admin: make another account an admin before deleting yours',
    );
  });
});
