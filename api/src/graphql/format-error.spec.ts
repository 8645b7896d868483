import { Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createFormatError } from './format-error';

class PrismaClientKnownRequestError extends Error {
  override name = 'PrismaClientKnownRequestError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const silent = { error: jest.fn() } as unknown as Logger;
const located = (original: Error) => new GraphQLError(original.message, { path: ['field'], originalError: original });
const formatted = (
  message: string,
  extensions: Record<string, unknown> = { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
): GraphQLFormattedError => ({
  message,
  path: ['field'],
  extensions,
});

describe('formatError', () => {
  const production = createFormatError({ development: false, hideSuggestions: true }, silent);
  const development = createFormatError({ development: true, hideSuggestions: false }, silent);

  it('maps Prisma P2002 to CONFLICT and P2025 to NOT_FOUND, without the SQL', () => {
    const unique = new PrismaClientKnownRequestError('Unique constraint failed on the fields: (`email`) INSERT INTO users', 'P2002');
    expect(production(formatted(unique.message), located(unique))).toEqual({
      message: 'A record with the same unique value already exists',
      path: ['field'],
      extensions: { code: 'CONFLICT' },
    });
    const missing = new PrismaClientKnownRequestError('No record was found for an update.', 'P2025');
    expect(production(formatted(missing.message), located(missing)).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('hides other Prisma errors behind a generic INTERNAL_SERVER_ERROR, even in development', () => {
    const raw = new PrismaClientKnownRequestError('Raw query failed. Code: `42P01`. Message: `relation "x" does not exist`', 'P2010');
    for (const format of [production, development]) {
      expect(format(formatted(raw.message), located(raw))).toEqual({
        message: 'Internal server error',
        path: ['field'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
  });

  it('hides unexpected errors and their stack outside development', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(production(formatted(bug.message), located(bug))).toEqual({
      message: 'Internal server error',
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(development(formatted(bug.message), located(bug)).message).toBe(bug.message);
  });

  it('keeps client errors and drops their stack trace', () => {
    const input = new GraphQLError('input.email: must be a valid email address', {
      extensions: { code: 'BAD_USER_INPUT', field: 'input.email' },
    });
    expect(
      production(formatted(input.message, { code: 'BAD_USER_INPUT', field: 'input.email', stacktrace: ['at y'] }), located(input)),
    ).toEqual({ message: input.message, path: ['field'], extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } });
  });

  it('drops "Did you mean" hints from client errors when told to', () => {
    for (const [message, code] of [
      ['Cannot query field "healt" on type "Query". Did you mean "health"?', 'GRAPHQL_VALIDATION_FAILED'],
      [
        'Variable "$sort" got invalid value "TITEL"; Value "TITEL" does not exist in "MovieSort" enum. Did you mean the enum value "TITLE"?',
        'BAD_USER_INPUT',
      ],
    ]) {
      const error = new GraphQLError(message, { extensions: { code } });
      expect(production(formatted(message, { code }), error).message).toBe(message.slice(0, message.indexOf(' Did you mean')));
      expect(development(formatted(message, { code }), error).message).toBe(message);
    }
  });

  it('reports rate limiting as TOO_MANY_REQUESTS', () => {
    const throttled = new ThrottlerException();
    expect(production(formatted(throttled.message), located(throttled)).extensions).toEqual({ code: 'TOO_MANY_REQUESTS' });
  });
});
