import { ApolloLink } from '@apollo/client';
import { OperationTypeNode } from 'graphql';
import { mergeMap, of } from 'rxjs';
import type { AuthService } from './auth-service';

const isUnauthenticated = (result: ApolloLink.Result) =>
  result.errors?.some((error) => error.extensions?.['code'] === 'UNAUTHENTICATED') ?? false;

/**
 * Sends `Authorization: Bearer <token>` while signed in. When the API answers UNAUTHENTICATED to a
 * request that carried a token, the session is over: it is cleared, and a query is retried once
 * without the token so its public fields (e.g. a movie with `myRating`) still load.
 */
export function authLink(auth: Pick<AuthService, 'token' | 'expire'>): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const token = auth.token();
    if (!token) return forward(operation);
    const withToken = (headers: Record<string, string> = {}) => ({
      headers: { ...headers, authorization: `Bearer ${token}` },
    });
    operation.setContext(({ headers }) => withToken(headers));
    return forward(operation).pipe(
      mergeMap((result) => {
        if (!isUnauthenticated(result)) return of(result);
        auth.expire(token);
        if (operation.operationType !== OperationTypeNode.QUERY) return of(result);
        operation.setContext(({ headers = {} }) => {
          const { authorization: _dropped, ...rest } = headers as Record<string, string>;
          return { headers: rest };
        });
        return forward(operation);
      }),
    );
  });
}
