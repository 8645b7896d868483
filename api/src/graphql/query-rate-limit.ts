import type { ApolloServerPlugin } from '@apollo/server';
import { type FragmentDefinitionNode, GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { GqlContext } from './context';
import { ErrorCode } from './errors';
import { callerTracker, clientIpTracker } from './throttler.guard';

/**
 * Root fields an operation runs, each alias counting: `{ a: health b: health }` is 2. Fragments and inline
 * fragments at the root count their fields; `__typename` counts too (it runs like any field).
 */
export function rootFieldCount(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  const count = (selectionSet: SelectionSetNode, seen: Set<string>): number =>
    selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + 1;
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return total;
      return total + count(fragment.selectionSet, new Set(seen).add(fragment.name.value));
    }, 0);
  return count(operation.selectionSet, new Set());
}

const TOO_MANY_REQUESTS_MESSAGE = 'Too many requests, try again later';

/**
 * Per-client rate limit of queries: a query costs its root fields (`rootFieldCount`) out of
 * `fieldsPerSecond` per signed-in user, else per client IP. Over it, the whole request is refused with HTTP
 * 429, TOO_MANY_REQUESTS and `Retry-After` before anything executes. Mutations keep their per-minute
 * limits (GqlThrottlerGuard).
 */
export class QueryRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(fieldsPerSecond: number) {
    this.limiter = new RateLimiterMemory({ points: fieldsPerSecond, duration: 1 });
  }

  /** Charges each query once its operation is known (parsed and validated, which Apollo caches per document). */
  plugin(): ApolloServerPlugin<GqlContext> {
    const limiter = this.limiter;
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ operation, document, contextValue }) {
            if (operation?.operation !== 'query') return;
            const fragments = new Map(
              document.definitions
                .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
                .map((fragment) => [fragment.name.value, fragment]),
            );
            try {
              await limiter.consume(callerTracker(contextValue.req), rootFieldCount(operation, fragments));
            } catch (refusal) {
              if (!(refusal instanceof RateLimiterRes)) throw refusal;
              const retryAfterSeconds = secondsUntil(refusal);
              throw new GraphQLError(TOO_MANY_REQUESTS_MESSAGE, {
                extensions: {
                  code: ErrorCode.TOO_MANY_REQUESTS,
                  retryAfterSeconds,
                  http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
                },
              });
            }
          },
        };
      },
    };
  }

  /**
   * Refuses an anonymous client's GraphQL request at the HTTP layer while its IP's second is used up, so a
   * client flooding the API past its limit costs no GraphQL work at all. Signed-in callers are charged by
   * the plugin only (their bucket is their user, known once the token is verified).
   */
  refuseExhaustedClients(): Middleware {
    const limiter = this.limiter;
    const points = limiter.points;
    return (req, res, next) => {
      if (req.method !== 'POST' || req.headers.authorization) return next();
      limiter.get(clientIpTracker(req as unknown as Record<string, unknown>)).then((used) => {
        if (!used || used.consumedPoints < points) return next();
        const retryAfterSeconds = secondsUntil(used);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) });
        res.end(
          JSON.stringify({
            errors: [{ message: TOO_MANY_REQUESTS_MESSAGE, extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds } }],
          }),
        );
      }, next);
    };
  }
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const secondsUntil = (state: RateLimiterRes): number => Math.max(1, Math.ceil(state.msBeforeNext / 1000));
