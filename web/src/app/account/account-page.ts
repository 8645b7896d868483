import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { applyServerError, revealErrors } from '../auth/auth-form';
import { AuthService } from '../auth/auth-service';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/signup-page';
import { ChangePasswordGQL, DeleteAccountGQL } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { apiError, errorMessage } from '../shared/api-error';
import { RatingsDownload } from './ratings-download';

/** Account settings: change the password, download my ratings, delete my account. */
@Component({
  selector: 'rr-account-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, Icon],
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  private readonly changePasswordGql = inject(ChangePasswordGQL);
  private readonly deleteAccountGql = inject(DeleteAccountGQL);
  private readonly ratingsDownload = inject(RatingsDownload);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly user = this.auth.user;
  protected readonly limits = { PASSWORD_MIN, PASSWORD_MAX };

  protected readonly passwordForm = this.fb.group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN), Validators.maxLength(PASSWORD_MAX)]],
  });
  protected readonly passwordPending = signal(false);
  protected readonly passwordError = signal<string | null>(null);
  protected readonly passwordChanged = signal(false);

  protected readonly downloadPending = signal(false);
  protected readonly downloadError = signal<string | null>(null);

  protected readonly deleteForm = this.fb.group({ password: ['', Validators.required] });
  protected readonly deletePending = signal(false);
  protected readonly deleteError = signal<string | null>(null);

  protected async changePassword(): Promise<void> {
    if (this.passwordPending()) return;
    this.passwordError.set(null);
    this.passwordChanged.set(false);
    if (this.passwordForm.invalid) return revealErrors(this.passwordForm, this.host);

    this.passwordPending.set(true);
    try {
      const { data } = await firstValueFrom(this.changePasswordGql.mutate({ variables: { input: this.passwordForm.getRawValue() } }));
      if (!data) throw new Error('No data');
      // Every earlier token is revoked now: continue with the new one.
      await this.auth.startSession(data.changePassword);
      this.passwordForm.reset();
      this.passwordChanged.set(true);
    } catch (error) {
      this.passwordError.set(applyServerError(this.passwordForm, error));
      if (!this.passwordError()) revealErrors(this.passwordForm, this.host);
    } finally {
      this.passwordPending.set(false);
    }
  }

  protected async downloadRatings(): Promise<void> {
    if (this.downloadPending()) return;
    this.downloadError.set(null);
    this.downloadPending.set(true);
    try {
      await this.ratingsDownload.download();
    } catch {
      this.downloadError.set("Your ratings couldn't be downloaded. Try again.");
    } finally {
      this.downloadPending.set(false);
    }
  }

  protected async deleteAccount(): Promise<void> {
    if (this.deletePending()) return;
    this.deleteError.set(null);
    if (this.deleteForm.invalid) return revealErrors(this.deleteForm, this.host);

    this.deletePending.set(true);
    try {
      await firstValueFrom(this.deleteAccountGql.mutate({ variables: this.deleteForm.getRawValue() }));
      // The account is gone: home, signed out.
      await this.router.navigateByUrl('/');
      this.auth.logOut();
    } catch (error) {
      const { code, fields } = apiError(error);
      if (code === 'BAD_USER_INPUT' && fields[0]?.field === 'password') {
        this.deleteForm.controls.password.setErrors({ server: fields[0].messages.join(' ') });
        revealErrors(this.deleteForm, this.host);
      } else {
        this.deleteError.set(errorMessage(error));
      }
    } finally {
      this.deletePending.set(false);
    }
  }
}
