import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { GraphQLResolveInfo } from 'graphql';
import type { ApiRequest, GqlContext } from './context';

export const QUERIES_THROTTLER = 'queries';
export const MUTATIONS_THROTTLER = 'mutations';
export const AUTH_THROTTLER = 'auth';
const AUTH_RATE_LIMITED = 'reelrank:authRateLimited';

/** Marks a mutation that signs in or creates an account: it also counts against AUTH_RATE_LIMIT. */
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED, true);

export const isAuthRateLimited = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(AUTH_RATE_LIMITED, context.getHandler()) === true;

/** Whether `context` resolves a root field of `type` (Query or Mutation); nested fields are never limited. */
export const isRootFieldOf = (type: 'Query' | 'Mutation', context: ExecutionContext): boolean =>
  context.getType<string>() === 'graphql' && GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().parentType.name === type;

/**
 * Rate limits of GraphQL root fields, each alias counting as one call. Three windows: `queries`, per
 * second, for every query field, and `mutations`, per minute, for every mutation, both per signed-in user
 * or else per client IP; `auth`, per minute, for the sign-in mutations, per client IP. Each window is one
 * bucket per caller across all the fields it covers.
 */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !isRootFieldOf('Query', context) && !isRootFieldOf('Mutation', context);
  }

  protected override getRequestResponse(context: ExecutionContext) {
    const { req, res } = GqlExecutionContext.create(context).getContext<GqlContext>();
    return { req, res };
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as ApiRequest;
    const userId = request.auth?.trackerUserId();
    return userId ? `user:${userId}` : clientIpTracker(req);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}

/** The `auth` window's tracker: always the client IP, so signing in as many users does not reset it. */
export function clientIpTracker(req: Record<string, unknown>): string {
  const request = req as unknown as ApiRequest;
  return `ip:${request.ip ?? request.socket?.remoteAddress ?? 'unknown'}`;
}
