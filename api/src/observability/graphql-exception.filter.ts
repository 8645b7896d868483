import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Hands errors of resolvers and guards back to Apollo without logging them: formatError decides what is a
 * client error (not logged) and what is unexpected (logged once, at error, with its stack). Without this
 * filter Nest logs every one, a FORBIDDEN included, as an ERROR with a stack trace. HTTP routes keep Nest's
 * handling.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
