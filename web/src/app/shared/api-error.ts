import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The first error of a failed operation, in the API's terms (`extensions.code`, `.field`). */
export interface ApiError {
  /** `extensions.code` (BAD_USER_INPUT, UNAUTHENTICATED, CONFLICT, …), or NETWORK. */
  readonly code: string;
  readonly message: string;
  /** Argument path of a BAD_USER_INPUT or CONFLICT error, e.g. `input.email`. */
  readonly field?: string;
  /** Every invalid argument of a BAD_USER_INPUT error with its messages. */
  readonly fields: readonly { readonly field: string; readonly messages: readonly string[] }[];
}

const NETWORK_MESSAGE = "Can't reach Reelrank right now. Check your connection and try again.";

export function apiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error) && error.errors.length) {
    const [first] = error.errors;
    const extensions = first.extensions ?? {};
    const field = typeof extensions['field'] === 'string' ? extensions['field'] : undefined;
    const fields = Array.isArray(extensions['fields'])
      ? (extensions['fields'] as ApiError['fields'])
      : field
        ? [{ field, messages: [first.message] }]
        : [];
    return { code: String(extensions['code'] ?? 'INTERNAL_SERVER_ERROR'), message: first.message, field, fields };
  }
  return { code: 'NETWORK', message: NETWORK_MESSAGE, fields: [] };
}

/** A sentence to show to the user for a failed request. */
export function errorMessage(error: unknown): string {
  const { code, message } = apiError(error);
  if (code === 'NETWORK') return message;
  if (code === 'TOO_MANY_REQUESTS') return 'Too many attempts. Wait a minute and try again.';
  if (code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Try again.';
  return message;
}
