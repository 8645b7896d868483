import { GraphQLError } from 'graphql';

/** The `extensions.code` values clients can rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export interface FieldError {
  /** Argument path, e.g. `input.email` or `filter.yearFrom`. */
  field: string;
  messages: string[];
}

/** Invalid argument: `extensions.field` names the first bad field, `extensions.fields` lists all of them. */
export function badUserInput(field: string, message: string, fields: FieldError[] = [{ field, messages: [message] }]): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, fields } });
}

export const unauthenticated = (message = 'Sign in to do this') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });

export const forbidden = (message = 'You are not allowed to do this') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });

export const notFound = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });

export const conflict = (message: string, field?: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...(field ? { field } : {}) } });
