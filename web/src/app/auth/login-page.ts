import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { LogInGQL } from '../graphql/generated';
import { Icon } from '../icon/icon';
import { applyServerError, revealErrors, safeReturnUrl } from './auth-form';
import { AuthService } from './auth-service';

@Component({
  selector: 'rr-login-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink, Icon],
  templateUrl: './login-page.html',
  styleUrl: './auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly logIn = inject(LogInGQL);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;

  protected readonly returnUrl = safeReturnUrl(this.query.get('returnUrl'));
  protected readonly form = inject(NonNullableFormBuilder).group({
    // Prefilled when coming from "Log in instead" on the sign-up page.
    email: [this.query.get('email') ?? '', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly pending = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly showPassword = signal(false);

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.formError.set(null);
    if (this.form.invalid) return revealErrors(this.form, this.host);

    this.pending.set(true);
    try {
      const { data } = await firstValueFrom(this.logIn.mutate({ variables: { input: this.form.getRawValue() } }));
      if (!data) throw new Error('No data');
      await this.auth.startSession(data.logIn);
      await this.router.navigateByUrl(this.returnUrl);
    } catch (error) {
      this.formError.set(applyServerError(this.form, error, { UNAUTHENTICATED: 'Wrong email or password. Check them and try again.' }));
      if (!this.formError()) revealErrors(this.form, this.host);
    } finally {
      this.pending.set(false);
    }
  }
}
