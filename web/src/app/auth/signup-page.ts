import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { SignUpGQL } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { applyServerError, revealErrors, safeReturnUrl } from './auth-form';
import { AuthService } from './auth-service';

/** Limits of the API's SignUpInput. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const DISPLAY_NAME_MAX = 64;

@Component({
  selector: 'rr-signup-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink, Icon],
  templateUrl: './signup-page.html',
  styleUrl: './auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignupPage {
  private readonly signUp = inject(SignUpGQL);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected readonly limits = { PASSWORD_MIN, PASSWORD_MAX, DISPLAY_NAME_MAX };
  protected readonly returnUrl = safeReturnUrl(inject(ActivatedRoute).snapshot.queryParamMap.get('returnUrl'));
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', Validators.maxLength(DISPLAY_NAME_MAX)],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN), Validators.maxLength(PASSWORD_MAX)]],
  });
  protected readonly pending = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly showPassword = signal(false);

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.formError.set(null);
    if (this.form.invalid) return revealErrors(this.form, this.host);

    const { displayName, email, password } = this.form.getRawValue();
    this.pending.set(true);
    try {
      const { data } = await firstValueFrom(
        this.signUp.mutate({
          variables: { input: { email, password, displayName: displayName.trim() || null } },
        }),
      );
      if (!data) throw new Error('No data');
      await this.auth.startSession(data.signUp);
      // A new account has no ratings: onboarding first, which offers the way back.
      await this.router.navigate(['/onboarding'], {
        queryParams: this.returnUrl === '/' ? {} : { returnUrl: this.returnUrl },
      });
    } catch (error) {
      this.formError.set(
        applyServerError(this.form, error, {
          CONFLICT: 'An account with this email already exists.',
        }),
      );
      if (!this.formError()) revealErrors(this.form, this.host);
    } finally {
      this.pending.set(false);
    }
  }
}
