import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

/** Codes whose messages are meant for clients; everything else is an internal error. */
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Prisma error codes with a stable meaning for clients. */
const PRISMA_CODES: Record<string, { code: string; message: string }> = {
  P2002: { code: ErrorCode.CONFLICT, message: 'A record with the same unique value already exists' },
  P2025: { code: ErrorCode.NOT_FOUND, message: 'The record was not found' },
};

const HTTP_CODES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_REQUESTS,
};

const INTERNAL_MESSAGE = 'Internal server error';

/** graphql-js's hints naming schema fields, types, arguments or enum values, e.g. ` Did you mean "health"?`. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

export interface FormatErrorOptions {
  /** Keep unexpected errors' messages and every stack trace. */
  development: boolean;
  /** Drop "Did you mean …?" from client errors (validation and variable errors), which reveal the schema. */
  hideSuggestions: boolean;
}

/**
 * Apollo's formatError: client errors keep their message and code; Prisma errors become CONFLICT (P2002),
 * NOT_FOUND (P2025) or a generic INTERNAL_SERVER_ERROR; any other error is logged (at error, with its stack)
 * and, outside development, reduced to a generic message (no stack, no SQL). Client errors are not logged here:
 * the request's log line names their codes.
 */
export function createFormatError({ development, hideSuggestions }: FormatErrorOptions, logger = new Logger('GraphQL')) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const message = hideSuggestions ? formatted.message.replace(SUGGESTION, '') : formatted.message;
    const base = { message, locations: formatted.locations, path: formatted.path };
    const withoutStack = ({ stacktrace: _stacktrace, ...extensions }: Record<string, unknown> = {}) => extensions;

    if (isPrismaError(original)) {
      const known = typeof original.code === 'string' ? PRISMA_CODES[original.code] : undefined;
      if (!known) logger.error(original);
      const { code, message } = known ?? { code: ErrorCode.INTERNAL_SERVER_ERROR, message: INTERNAL_MESSAGE };
      return { ...base, message, extensions: { code } };
    }
    if (original instanceof ThrottlerException) {
      return { ...base, message: 'Too many requests, try again later', extensions: { code: ErrorCode.TOO_MANY_REQUESTS } };
    }
    if (original instanceof HttpException && HTTP_CODES[original.getStatus()]) {
      return { ...base, message: original.message, extensions: { code: HTTP_CODES[original.getStatus()] } };
    }

    // Apollo files every validation error as GRAPHQL_VALIDATION_FAILED: a query limit's rule keeps its own code.
    if (original instanceof GraphQLError && original.originalError instanceof GraphQLError) {
      const ruleCode = original.originalError.extensions.code;
      if (ruleCode === ErrorCode.QUERY_TOO_COMPLEX)
        return { ...base, extensions: { ...withoutStack(formatted.extensions), code: ruleCode } };
    }

    const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    if (CLIENT_CODES.has(code)) {
      return { ...base, extensions: development ? formatted.extensions : withoutStack(formatted.extensions) };
    }
    logger.error(original instanceof Error ? original : String(original));
    if (development) return formatted;
    return { ...base, message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

interface PrismaError extends Error {
  code?: unknown;
}

/** Any Prisma client error (known, unknown, validation, initialization, panic), across module copies. */
function isPrismaError(error: unknown): error is PrismaError {
  return error instanceof Error && error.name.startsWith('PrismaClient');
}
