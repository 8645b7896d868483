import { Provider } from '@angular/core';
import { HttpLink, InMemoryCache } from '@apollo/client';
import { provideApollo } from 'apollo-angular';

/** Same-origin endpoint: the dev server and production both proxy it to the API. */
export const GRAPHQL_URL = '/graphql';

/** Default Apollo client used by the generated `*GQL` services. */
export function provideGraphql(): Provider {
  return provideApollo(() => ({
    link: new HttpLink({ uri: GRAPHQL_URL }),
    cache: new InMemoryCache(),
  }));
}
