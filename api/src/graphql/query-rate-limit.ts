import type { ApolloServerPlugin } from '@apollo/server';
import { type FragmentDefinitionNode, GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { GqlContext } from './context';
import { ErrorCode } from './errors';
import { callerTracker } from './throttler.guard';

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

/**
 * Per-client rate limit of queries, charged once per request before anything executes: a query costs its
 * root fields (`rootFieldCount`) out of `fieldsPerSecond` per signed-in user, else per client IP. Over it,
 * the whole request is refused with HTTP 429, TOO_MANY_REQUESTS and `Retry-After`, so a flood of aliased
 * queries costs parsing and validation only. Mutations keep their per-minute limits (GqlThrottlerGuard).
 */
export function queryRateLimitPlugin(fieldsPerSecond: number): ApolloServerPlugin<GqlContext> {
  const limiter = new RateLimiterMemory({ points: fieldsPerSecond, duration: 1 });
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
            const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
            throw new GraphQLError('Too many requests, try again later', {
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
