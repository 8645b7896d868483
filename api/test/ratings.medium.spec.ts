import { Client } from 'pg';
import { bayesianAverage } from '../src/movies/rating-prior';
import { seedCatalog } from './support/catalog-seed';
import { type GqlResponse, onlyError, TestApi } from './support/test-api';

const RATE = `mutation Rate($movieId: Int!, $rating: Float!) {
  rateMovie(movieId: $movieId, rating: $rating) { rating ratedAt movie { id ratingCount averageRating myRating } }
}`;
const REMOVE = `mutation Remove($movieId: Int!) { removeRating(movieId: $movieId) }`;
const MY_RATINGS = `query Mine($first: Int!, $after: String) {
  myRatings(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { rating ratedAt movie { id title myRating } } }
  }
}`;

interface Stats {
  rating_count: number;
  rating_sum: number;
}

describe('ratings GraphQL API', () => {
  let api: TestApi;
  let token: string;

  const stats = async (movieId: number): Promise<Stats | undefined> =>
    (
      await api.sql<Stats & Record<string, unknown>>('SELECT rating_count, rating_sum FROM movie_rating_stats WHERE movie_id = $1', [
        movieId,
      ])
    )[0];

  /**
   * movie_rating_stats as the API maintained it (a row for every movie, with the damped mean that orders RATING)
   * equals a full rebuild from ratings.
   */
  const expectStatsConsistent = async () => {
    const all = 'SELECT movie_id, rating_count, rating_sum, bayesian_rating FROM movie_rating_stats ORDER BY movie_id';
    const before = await api.sql<{ rating_count: number; rating_sum: number; bayesian_rating: number }>(all);
    const [{ movies }] = await api.sql<{ movies: number }>('SELECT count(*)::integer AS movies FROM movies');
    expect(before).toHaveLength(movies);
    // The stored RATING key is the API's damped mean (RATING_PRIOR), to the last bit.
    for (const row of before) expect(row.bayesian_rating).toBe(bayesianAverage(row.rating_sum, row.rating_count));
    const [{ rated }] = await api.sql<{ rated: number }>('SELECT refresh_movie_rating_stats() AS rated');
    expect(await api.sql(all)).toEqual(before);
    expect(rated).toBe(before.filter((row) => row.rating_count > 0).length);
  };

  beforeAll(async () => {
    api = await TestApi.start();
    await seedCatalog(api.database.url);
    const { data } = await api.gql(`mutation { signUp(input: { email: "rater@example.com", password: "password-1" }) { accessToken } }`);
    token = data!.signUp.accessToken;
  });

  afterAll(() => api?.close());

  it('requires a signed-in user', async () => {
    for (const [query, variables] of [
      [RATE, { movieId: 1, rating: 4 }],
      [REMOVE, { movieId: 1 }],
      [MY_RATINGS, { first: 10 }],
    ] as const) {
      const response = await api.gql(query, variables);
      expect(onlyError(response).extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(await stats(1)).toEqual({ rating_count: 5, rating_sum: 20 });
  });

  it('rates, re-rates and removes, keeping the movie stats exact', async () => {
    const first = await api.gql(RATE, { movieId: 858, rating: 3 }, token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.rateMovie).toMatchObject({ rating: 3, movie: { id: 858, ratingCount: 4, averageRating: 18 / 4, myRating: 3 } });
    expect(await stats(858)).toEqual({ rating_count: 4, rating_sum: 18 });

    const again = await api.gql(RATE, { movieId: 858, rating: 0.5 }, token);
    expect(again.data!.rateMovie).toMatchObject({ rating: 0.5, movie: { ratingCount: 4, averageRating: 15.5 / 4, myRating: 0.5 } });
    expect(Date.parse(again.data!.rateMovie.ratedAt)).toBeGreaterThanOrEqual(Date.parse(first.data!.rateMovie.ratedAt));
    expect(await stats(858)).toEqual({ rating_count: 4, rating_sum: 15.5 });
    await expectStatsConsistent();

    const movie = await api.gql(`{ movie(id: 858) { myRating ratingCount } }`, {}, token);
    expect(movie.data!.movie).toEqual({ myRating: 0.5, ratingCount: 4 });

    expect((await api.gql(REMOVE, { movieId: 858 }, token)).data).toEqual({ removeRating: true });
    expect(await stats(858)).toEqual({ rating_count: 3, rating_sum: 15 });
    expect((await api.gql(REMOVE, { movieId: 858 }, token)).data).toEqual({ removeRating: false });
    expect(await stats(858)).toEqual({ rating_count: 3, rating_sum: 15 });
    expect((await api.gql(`{ movie(id: 858) { myRating } }`, {}, token)).data!.movie).toEqual({ myRating: null });
    await expectStatsConsistent();
  });

  it('keeps the stats of a movie without ratings, from its creation on', async () => {
    expect(await stats(99001)).toEqual({ rating_count: 0, rating_sum: 0 });
    const response = await api.gql(RATE, { movieId: 99001, rating: 5 }, token);
    expect(response.data!.rateMovie.movie).toMatchObject({ ratingCount: 1, averageRating: 5 });
    expect(await stats(99001)).toEqual({ rating_count: 1, rating_sum: 5 });
    await expectStatsConsistent();
    await api.gql(REMOVE, { movieId: 99001 }, token);
    expect(await stats(99001)).toEqual({ rating_count: 0, rating_sum: 0 });
    await expectStatsConsistent();

    // A movie added later (as the import adds them) has its zero stats at once.
    await api.sql(`INSERT INTO movies (id, title) VALUES (99002, 'Added Later'), (99003, 'Added Later Too')`);
    expect(await stats(99002)).toEqual({ rating_count: 0, rating_sum: 0 });
    expect(await stats(99003)).toEqual({ rating_count: 0, rating_sum: 0 });
    await expectStatsConsistent();
  });

  it("answers with the movie's new stats as the write read them, with no query after it", async () => {
    await api.gql(RATE, { movieId: 296, rating: 4 }, token); // warm-up: pool connections
    // The SQL statements the API sends (Prisma's pg adapter goes through pg.Client#query).
    const statements: string[] = [];
    const original = Client.prototype.query;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const [query] = args;
      statements.push(typeof query === 'string' ? query : String((query as { text?: string })?.text ?? query));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    let response: GqlResponse;
    try {
      response = await api.gql(RATE, { movieId: 296, rating: 1.5 }, token);
    } finally {
      Client.prototype.query = original;
    }
    const [row] = await api.sql<Stats & Record<string, unknown>>(
      'SELECT rating_count, rating_sum FROM movie_rating_stats WHERE movie_id = 296',
    );
    expect(response.data!.rateMovie.movie).toEqual({
      id: 296,
      ratingCount: row.rating_count,
      averageRating: row.rating_sum / row.rating_count,
      myRating: 1.5,
    });
    // The caller's account, then the transaction: BEGIN, lock (reading the movie), upsert (returning the stats), COMMIT.
    expect(statements).toHaveLength(5);
    expect(statements.at(-1)).toMatch(/COMMIT/i);
  });

  it('shows the last of two ratings of one movie in one request', async () => {
    const response = await api.gql(
      `mutation {
        a: rateMovie(movieId: 296, rating: 2) { movie { myRating ratingCount averageRating } }
        b: rateMovie(movieId: 296, rating: 4.5) { movie { myRating ratingCount averageRating } }
      }`,
      {},
      token,
    );
    expect(response.errors).toBeUndefined();
    const [row] = await api.sql<Stats & Record<string, unknown>>(
      'SELECT rating_count, rating_sum FROM movie_rating_stats WHERE movie_id = 296',
    );
    expect(response.data!.a.movie.myRating).toBe(2);
    expect(response.data!.b.movie).toEqual({
      myRating: 4.5,
      ratingCount: row.rating_count,
      averageRating: row.rating_sum / row.rating_count,
    });
  });

  it('is durable: the rating is committed when the mutation returns', async () => {
    await api.gql(RATE, { movieId: 2571, rating: 2.5 }, token);
    const [row] = await api.sql(
      'SELECT r.rating FROM ratings r JOIN users u ON u.id = r.user_id WHERE u.email = $1 AND r.movie_id = 2571',
      ['rater@example.com'],
    );
    expect(row).toEqual({ rating: 2.5 });
  });

  it('keeps stats exact under concurrent ratings of one movie', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const { data } = await api.gql(
          `mutation($email: String!) { signUp(input: { email: $email, password: "password-1" }) { accessToken } }`,
          {
            email: `concurrent-${i}@example.com`,
          },
        );
        return data!.signUp.accessToken as string;
      }),
    );
    const before = (await stats(296))!;
    await Promise.all(
      tokens.flatMap((t, i) => [api.gql(RATE, { movieId: 296, rating: 1 + (i % 4) }, t), api.gql(RATE, { movieId: 296, rating: 5 }, t)]),
    );
    const after = (await stats(296))!;
    expect(after.rating_count).toBe(before.rating_count + tokens.length);
    await expectStatsConsistent();
  });

  it('answers NOT_FOUND for an unknown movie', async () => {
    expect(onlyError(await api.gql(RATE, { movieId: 424242, rating: 4 }, token))).toMatchObject({
      message: 'No movie with id 424242',
      extensions: { code: 'NOT_FOUND' },
    });
    expect(onlyError(await api.gql(REMOVE, { movieId: 424242 }, token)).extensions.code).toBe('NOT_FOUND');
    expect(await stats(424242)).toBeUndefined();
  });

  it.each([0, 0.25, 4.3, 5.5, -1, 7, 10])('rejects rating %p with BAD_USER_INPUT naming rating', async (rating) => {
    const error = onlyError(await api.gql(RATE, { movieId: 1, rating }, token));
    expect(error).toMatchObject({
      message: 'rating: must be from 0.5 to 5.0 in half steps',
      extensions: { code: 'BAD_USER_INPUT', field: 'rating' },
    });
  });

  it('accepts every half step from 0.5 to 5.0', async () => {
    for (const rating of [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]) {
      expect((await api.gql(RATE, { movieId: 5, rating }, token)).data!.rateMovie.rating).toBe(rating);
    }
    await api.gql(REMOVE, { movieId: 5 }, token);
  });

  it('lists my ratings, most recent first, page by page', async () => {
    const { data } = await api.gql(`mutation { signUp(input: { email: "lister@example.com", password: "password-1" }) { accessToken } }`);
    const mine = data!.signUp.accessToken;
    const empty = await api.gql(MY_RATINGS, { first: 10 }, mine);
    expect(empty.data!.myRatings).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });

    for (const [movieId, rating] of [
      [1, 4],
      [318, 5],
      [2, 1.5],
      [3114, 3],
    ])
      await api.gql(RATE, { movieId, rating }, mine);
    await api.gql(RATE, { movieId: 318, rating: 4.5 }, mine); // re-rating moves it to the top

    const seen: { id: number; rating: number }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GqlResponse = await api.gql(MY_RATINGS, { first: 2, after }, mine);
      const { totalCount, edges, pageInfo } = page.data!.myRatings;
      expect(totalCount).toBe(4);
      for (const edge of edges as { node: { rating: number; movie: { id: number; myRating: number } } }[]) {
        seen.push({ id: edge.node.movie.id, rating: edge.node.rating });
        expect(edge.node.movie.myRating).toBe(edge.node.rating);
      }
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual([
      { id: 318, rating: 4.5 },
      { id: 3114, rating: 3 },
      { id: 2, rating: 1.5 },
      { id: 1, rating: 4 },
    ]);

    const zero = await api.gql(MY_RATINGS, { first: 0 }, mine);
    expect(zero.data!.myRatings.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
    expect(onlyError(await api.gql(MY_RATINGS, { first: 500 }, mine)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(onlyError(await api.gql(MY_RATINGS, { first: 2, after: 'bogus' }, mine)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    const moviesCursor = (await api.gql(`{ movies(first: 1) { pageInfo { endCursor } } }`)).data!.movies.pageInfo.endCursor;
    expect(onlyError(await api.gql(MY_RATINGS, { first: 2, after: moviesCursor }, mine)).extensions.field).toBe('after');
  });

  it('keeps rating stats and the RATING order in step', async () => {
    const { data } = await api.gql(`{ movies(sort: RATING, first: 3) { edges { node { id bayesianRating } } } }`);
    const ratings = data!.movies.edges.map((edge: { node: { bayesianRating: number } }) => edge.node.bayesianRating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  });
});
