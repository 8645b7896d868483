import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { GraphQLResolveInfo } from 'graphql';
import type { ApiRequest, GqlContext } from './context';

export const MUTATIONS_THROTTLER = 'mutations';
export const AUTH_THROTTLER = 'auth';
const AUTH_RATE_LIMITED = 'reelrank:authRateLimited';

/** Marks a mutation that signs in or creates an account: it also counts against AUTH_RATE_LIMIT. */
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED, true);

export const isAuthRateLimited = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(AUTH_RATE_LIMITED, context.getHandler()) === true;

/** Whether `context` resolves a mutation (a root field of Mutation); queries and nested fields are not limited here. */
export const isMutation = (context: ExecutionContext): boolean =>
  context.getType<string>() === 'graphql' &&
  GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().parentType.name === 'Mutation';

/**
 * Rate limits of GraphQL mutations, each alias counting as one call. Two windows, per minute: `mutations`
 * for every mutation, per signed-in user or else per client IP, and `auth` for the sign-in mutations, per
 * client IP. Each window is one bucket per caller across all the fields it covers. Queries are limited per
 * request before they execute (`queryRateLimitPlugin`).
 */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !isMutation(context);
  }

  protected override getRequestResponse(context: ExecutionContext) {
    const { req, res } = GqlExecutionContext.create(context).getContext<GqlContext>();
    return { req, res };
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return callerTracker(req as unknown as ApiRequest);
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

/** The caller's rate-limit bucket: the signed-in user, else the client IP. */
export function callerTracker(request: ApiRequest): string {
  const userId = request.auth?.trackerUserId();
  return userId ? `user:${userId}` : clientIpTracker(request as unknown as Record<string, unknown>);
}
