import { Provider, inject } from '@angular/core';
import { ApolloLink, InMemoryCache, type FieldPolicy } from '@apollo/client';
import { BaseHttpLink } from '@apollo/client/link/http';
import { provideApollo } from 'apollo-angular';
import { authLink } from '../auth/auth-link';
import { AuthService } from '../auth/auth-service';

/** Same-origin endpoint: the dev server and production both proxy it to the API. */
export const GRAPHQL_URL = '/graphql';

interface Connection {
  readonly edges: readonly unknown[];
}

/**
 * Cursor connection (`first`/`after`): one cache entry per `keyArgs` combination; a page fetched
 * with `after` (fetchMore) is appended, a page without it replaces the list.
 */
export function connectionPolicy(keyArgs: string[]): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge: (existing, incoming, { args }) =>
      existing && args?.['after'] ? { ...incoming, edges: [...existing.edges, ...incoming.edges] } : incoming,
  };
}

/** The app's cache; tests provide it to `ApolloTestingModule` through `APOLLO_TESTING_CACHE`. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          movies: connectionPolicy(['filter', 'sort', 'first']),
          myRatings: connectionPolicy(['first']),
          mySkips: connectionPolicy(['first']),
        },
      },
      // Embedded (no id): merge the fields different queries select instead of replacing.
      MovieDetails: { merge: true },
    },
  });
}

/**
 * Default Apollo client used by the generated `*GQL` services. `BaseHttpLink` is `HttpLink` without
 * its client-awareness link: the API reads no client name or library from requests, and every page
 * would load that link in its first bundle.
 */
export function provideGraphql(): Provider {
  return provideApollo(() => ({
    link: ApolloLink.from([authLink(inject(AuthService)), new BaseHttpLink({ uri: GRAPHQL_URL })]),
    cache: createCache(),
  }));
}
