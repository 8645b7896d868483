import { AbstractControl, FormGroup } from '@angular/forms';
import { apiError, errorMessage } from '../shared/api-error';

/** Where to go after logging in: only paths inside the app, and never back to the auth pages. */
export function safeReturnUrl(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return /^\/(login|signup)(?:[/?#]|$)/.test(raw) ? '/' : raw;
}

/**
 * Shows a server error on the form: a BAD_USER_INPUT naming `input.<control>` becomes that
 * control's `server` error, a CONFLICT its `conflict` error (both cleared when the user edits it);
 * anything else is returned as a form-level message.
 */
export function applyServerError(form: FormGroup, error: unknown, messages: Record<string, string> = {}): string | null {
  const { code, field, fields, message } = apiError(error);
  const control = (path: string | undefined): AbstractControl | null =>
    path?.startsWith('input.') ? form.get(path.slice('input.'.length)) : null;

  if (code === 'BAD_USER_INPUT' && fields.some((f) => control(f.field))) {
    for (const f of fields) control(f.field)?.setErrors({ server: f.messages.join(' ') });
    return null;
  }
  if (code === 'CONFLICT' && control(field)) {
    control(field)?.setErrors({ conflict: messages[code] ?? message });
    return null;
  }
  return messages[code] ?? errorMessage(error);
}

/** Marks every field touched (so errors show) and focuses the first invalid one. */
export function revealErrors(form: FormGroup, host: HTMLElement): void {
  form.markAllAsTouched();
  // By control, not by .ng-invalid: the classes only update with the next change detection.
  const name = Object.keys(form.controls).find((key) => form.controls[key].invalid);
  if (name) host.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
}
