import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { Observable, of } from 'rxjs';
import { MeDocument, MovieDetailDocument, RateMovieDocument, type MovieDetailQuery } from '../graphql/generated';
import { session } from '../testing/fixtures';
import { authLink } from './auth-link';
import { AuthService, SESSION_STORAGE_KEY } from './auth-service';

const UNAUTHENTICATED = { errors: [{ message: 'Invalid or expired access token', extensions: { code: 'UNAUTHENTICATED' } }] };
const MOVIE: MovieDetailQuery = {
  movie: {
    __typename: 'Movie',
    id: 6,
    title: 'Heat',
    year: 1995,
    averageRating: 4,
    ratingCount: 2,
    myRating: null,
    imdbUrl: null,
    tmdbUrl: null,
    genres: [],
    tags: [],
    details: null,
  } as MovieDetailQuery['movie'],
};

describe('authLink', () => {
  let auth: AuthService;
  let client: ApolloClient;
  /** Authorization header of every request that reached the network, in order. */
  let sent: (string | undefined)[];
  /** Answers of the fake server, one per request. */
  let answers: ApolloLink.Result[];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    sent = [];
    answers = [];
  });

  afterEach(() => localStorage.clear());

  function start(): void {
    auth = TestBed.inject(AuthService);
    const server = new ApolloLink((operation) => {
      const headers = operation.getContext()['headers'] as Record<string, string> | undefined;
      sent.push(headers?.['authorization']);
      const answer = answers.shift();
      return answer ? of(answer) : new Observable<ApolloLink.Result>(() => undefined);
    });
    client = new ApolloClient({ link: ApolloLink.from([authLink(auth), server]), cache: new InMemoryCache() });
  }

  it('sends no Authorization header while signed out', async () => {
    start();
    answers.push({ data: MOVIE });

    await client.query({ query: MovieDetailDocument, variables: { id: 6 } });

    expect(sent).toEqual([undefined]);
  });

  it('sends the bearer token while signed in', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({}, 'abc.def.ghi')));
    start();
    answers.push({ data: MOVIE });

    await client.query({ query: MovieDetailDocument, variables: { id: 6 } });

    expect(sent).toEqual(['Bearer abc.def.ghi']);
  });

  it('uses the token of the moment: a new session applies to the next request', async () => {
    start();
    answers.push({ data: MOVIE }, { data: MOVIE });

    await client.query({ query: MovieDetailDocument, variables: { id: 6 }, fetchPolicy: 'network-only' });
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({}, 'later')));
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));
    await client.query({ query: MovieDetailDocument, variables: { id: 6 }, fetchPolicy: 'network-only' });

    expect(sent).toEqual([undefined, 'Bearer later']);
  });

  it('on UNAUTHENTICATED ends the session and retries a query anonymously', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({}, 'stale')));
    start();
    answers.push(UNAUTHENTICATED, { data: MOVIE });

    const { data } = await client.query<MovieDetailQuery>({ query: MovieDetailDocument, variables: { id: 6 } });

    expect(sent).toEqual(['Bearer stale', undefined]);
    expect(data?.movie?.title).toBe('Heat');
    expect(auth.isSignedIn()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('a query that needs a user still fails after the anonymous retry', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({}, 'stale')));
    start();
    answers.push(UNAUTHENTICATED, UNAUTHENTICATED);

    await expect(client.query({ query: MeDocument })).rejects.toThrow('Invalid or expired access token');

    expect(sent).toEqual(['Bearer stale', undefined]);
    expect(auth.isSignedIn()).toBe(false);
  });

  it('does not retry a mutation, but still ends the session', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session({}, 'stale')));
    start();
    answers.push(UNAUTHENTICATED);

    await expect(client.mutate({ mutation: RateMovieDocument, variables: { movieId: 6, rating: 4 } })).rejects.toThrow();

    expect(sent).toEqual(['Bearer stale']);
    expect(auth.isSignedIn()).toBe(false);
  });

  it('keeps the session on other errors', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session()));
    start();
    answers.push({ errors: [{ message: 'Nope', extensions: { code: 'FORBIDDEN' } }] });

    await expect(client.query({ query: MeDocument })).rejects.toThrow('Nope');

    expect(sent).toHaveLength(1);
    expect(auth.isSignedIn()).toBe(true);
  });
});
