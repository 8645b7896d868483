import type { FeedbackChange } from '../src/ratings/ratings-changed.event';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { RatingsChangedEvent } from '../src/ratings/ratings-changed.event';
import { seedCatalog } from './support/catalog-seed';
import { type GqlData, type GqlResponse, onlyError, TestApi } from './support/test-api';

const SKIP = `mutation Skip($movieId: Int!) { skipMovie(movieId: $movieId) { skippedAt movie { id title skippedByMe myRating } } }`;
const REMOVE_SKIP = `mutation RemoveSkip($movieId: Int!) { removeSkip(movieId: $movieId) }`;
const RATE = `mutation Rate($movieId: Int!, $rating: Float!) { rateMovie(movieId: $movieId, rating: $rating) { rating movie { skippedByMe } } }`;
const MY_SKIPS = `query MySkips($first: Int!, $after: String) {
  mySkips(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { skippedAt movie { id title skippedByMe } } }
  }
}`;

describe('skips ("Haven\'t seen it") GraphQL API', () => {
  let api: TestApi;
  let token: string;
  let userId: number;
  const changes: [number, number, FeedbackChange][] = [];

  /** The user's rows in movie_skips and ratings, to prove what a request changed (or did not). */
  const stored = async (user = userId) => ({
    skips: (await api.sql<{ movie_id: number }>('SELECT movie_id FROM movie_skips WHERE user_id = $1 ORDER BY movie_id', [user])).map(
      (row) => row.movie_id,
    ),
    ratings: await api.sql<{ movie_id: number; rating: number }>(
      'SELECT movie_id, rating FROM ratings WHERE user_id = $1 ORDER BY movie_id',
      [user],
    ),
  });

  const signUp = async (email: string): Promise<{ token: string; id: number }> => {
    const { data } = await api.gql(
      `mutation($email: String!) { signUp(input: { email: $email, password: "password-1" }) { accessToken user { id } } }`,
      {
        email,
      },
    );
    return { token: data!.signUp.accessToken, id: data!.signUp.user.id };
  };

  beforeAll(async () => {
    api = await TestApi.start();
    await seedCatalog(api.database.url);
    ({ token, id: userId } = await signUp('skipper@example.com'));
    api.app.get(EventEmitter2).on(RatingsChangedEvent.eventName, ({ userId, movieId, change }: RatingsChangedEvent) => {
      changes.push([userId, movieId, change]);
    });
  });

  beforeEach(() => {
    changes.length = 0;
  });

  afterAll(() => api?.close());

  it('requires a signed-in user', async () => {
    for (const [query, variables] of [
      [SKIP, { movieId: 1 }],
      [REMOVE_SKIP, { movieId: 1 }],
      [MY_SKIPS, { first: 10 }],
    ] as const) {
      expect(onlyError(await api.gql(query, variables)).extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(await api.sql('SELECT * FROM movie_skips')).toEqual([]);
    // Anonymous callers see false.
    expect((await api.gql(`{ movie(id: 1) { skippedByMe } }`)).data!.movie).toEqual({ skippedByMe: false });
  });

  it('stores a skip, lists it, and removes it again', async () => {
    const skipped = await api.gql(SKIP, { movieId: 2571 }, token);
    expect(skipped.errors).toBeUndefined();
    expect(skipped.data!.skipMovie).toMatchObject({ movie: { id: 2571, title: 'Matrix, The', skippedByMe: true, myRating: null } });
    expect(await stored()).toEqual({ skips: [2571], ratings: [] });
    expect(changes).toEqual([[userId, 2571, 'skipped']]);

    // Skipping again keeps the first mark and tells nobody.
    const again = await api.gql(SKIP, { movieId: 2571 }, token);
    expect(again.data!.skipMovie.skippedAt).toBe(skipped.data!.skipMovie.skippedAt);
    expect(changes).toHaveLength(1);

    const movie = await api.gql(`{ movie(id: 2571) { skippedByMe } other: movie(id: 1) { skippedByMe } }`, {}, token);
    expect(movie.data).toEqual({ movie: { skippedByMe: true }, other: { skippedByMe: false } });
    const list = await api.gql(MY_SKIPS, { first: 10 }, token);
    expect(list.data!.mySkips).toMatchObject({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      edges: [{ node: { skippedAt: skipped.data!.skipMovie.skippedAt, movie: { id: 2571, title: 'Matrix, The', skippedByMe: true } } }],
    });

    expect((await api.gql(REMOVE_SKIP, { movieId: 2571 }, token)).data).toEqual({ removeSkip: true });
    expect(changes).toEqual([
      [userId, 2571, 'skipped'],
      [userId, 2571, 'unskipped'],
    ]);
    expect((await api.gql(REMOVE_SKIP, { movieId: 2571 }, token)).data).toEqual({ removeSkip: false });
    expect(changes).toHaveLength(2);
    expect(await stored()).toEqual({ skips: [], ratings: [] });
    expect((await api.gql(MY_SKIPS, { first: 10 }, token)).data!.mySkips).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('lists skips most recent first, page by page, each user their own', async () => {
    const lister = await signUp('skip-lister@example.com');
    for (const movieId of [1, 318, 2, 3114]) expect((await api.gql(SKIP, { movieId }, lister.token)).errors).toBeUndefined();
    await api.gql(SKIP, { movieId: 5 }, token); // another user's

    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GqlResponse = await api.gql(MY_SKIPS, { first: 3, after }, lister.token);
      const { totalCount, edges, pageInfo } = page.data!.mySkips;
      expect(totalCount).toBe(4);
      seen.push(...edges.map((edge: GqlData) => edge.node.movie.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual([3114, 2, 318, 1]);
    expect(onlyError(await api.gql(MY_SKIPS, { first: 500 }, lister.token)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect(onlyError(await api.gql(MY_SKIPS, { first: 2, after: 'bogus' }, lister.token)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    await api.gql(REMOVE_SKIP, { movieId: 5 }, token);
  });

  it('answers NOT_FOUND for an unknown movie and stores nothing', async () => {
    expect(onlyError(await api.gql(SKIP, { movieId: 424242 }, token))).toMatchObject({
      message: 'No movie with id 424242',
      extensions: { code: 'NOT_FOUND' },
    });
    expect(onlyError(await api.gql(REMOVE_SKIP, { movieId: 424242 }, token))).toMatchObject({
      message: 'No movie with id 424242',
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await stored()).toEqual({ skips: [], ratings: [] });
    expect(await api.sql('SELECT 1 FROM movie_rating_stats WHERE movie_id = 424242')).toEqual([]);
    expect(changes).toEqual([]);
  });

  it.each([
    [0, 'movieId: must be a movie id (1 or more)'],
    [-3, 'movieId: must be a movie id (1 or more)'],
  ])('rejects movie id %p with BAD_USER_INPUT naming movieId', async (movieId, message) => {
    for (const query of [SKIP, REMOVE_SKIP]) {
      expect(onlyError(await api.gql(query, { movieId }, token))).toMatchObject({
        message,
        extensions: { code: 'BAD_USER_INPUT', field: 'movieId' },
      });
    }
    expect(await stored()).toEqual({ skips: [], ratings: [] });
  });

  it.each([1.5, '1', null])('rejects a movie id that is not an integer (%p) before running anything', async (movieId) => {
    const error = onlyError(await api.gql(SKIP, { movieId }, token));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/\$movieId/);
    expect(await stored()).toEqual({ skips: [], ratings: [] });
  });

  it('refuses to skip a movie the user rated, changing nothing', async () => {
    await api.gql(RATE, { movieId: 858, rating: 4 }, token);
    changes.length = 0;
    expect(onlyError(await api.gql(SKIP, { movieId: 858 }, token))).toMatchObject({
      message: 'movieId: is a movie you rated (Godfather, The); remove your rating to mark it as not seen',
      extensions: { code: 'BAD_USER_INPUT', field: 'movieId' },
    });
    expect(await stored()).toEqual({ skips: [], ratings: [{ movie_id: 858, rating: 4 }] });
    expect(changes).toEqual([]);
    expect((await api.gql(`{ movie(id: 858) { myRating skippedByMe } }`, {}, token)).data!.movie).toEqual({
      myRating: 4,
      skippedByMe: false,
    });
  });

  it('lets a rating supersede a skip, in the rating write itself', async () => {
    await api.gql(SKIP, { movieId: 296 }, token);
    changes.length = 0;
    const rated = await api.gql(RATE, { movieId: 296, rating: 3.5 }, token);
    expect(rated.errors).toBeUndefined();
    expect(rated.data!.rateMovie).toEqual({ rating: 3.5, movie: { skippedByMe: false } });
    expect(await stored()).toEqual({
      skips: [],
      ratings: [
        { movie_id: 296, rating: 3.5 },
        { movie_id: 858, rating: 4 },
      ],
    });
    expect(changes).toEqual([[userId, 296, 'rated']]);
  });

  it('refuses a rating of 7 (or 10, 0, 4.3) of a skipped movie, keeping the skip and storing no rating', async () => {
    await api.gql(SKIP, { movieId: 3114 }, token);
    const before = await stored();
    const stats = await api.sql('SELECT rating_count, rating_sum FROM movie_rating_stats WHERE movie_id = 3114');
    changes.length = 0;
    for (const rating of [7, 10, 0, 4.3]) {
      expect(onlyError(await api.gql(RATE, { movieId: 3114, rating }, token))).toMatchObject({
        message: 'rating: must be from 0.5 to 5.0 in half steps',
        extensions: { code: 'BAD_USER_INPUT', field: 'rating' },
      });
    }
    expect(await stored()).toEqual(before);
    expect(before.skips).toContain(3114);
    expect(await api.sql('SELECT rating_count, rating_sum FROM movie_rating_stats WHERE movie_id = 3114')).toEqual(stats);
    expect(changes).toEqual([]);
    await api.gql(REMOVE_SKIP, { movieId: 3114 }, token);
  });

  it('serializes a skip and a rating of the same movie: never both', async () => {
    const racer = await signUp('racer@example.com');
    for (let round = 0; round < 5; round++) {
      await Promise.all([api.gql(SKIP, { movieId: 1 }, racer.token), api.gql(RATE, { movieId: 1, rating: 4 }, racer.token)]);
      const now = await stored(racer.id);
      expect(now.ratings.map((row) => row.movie_id)).toEqual([1]);
      expect(now.skips).toEqual([]);
      expect((await api.gql(`mutation { removeRating(movieId: 1) }`, {}, racer.token)).data).toEqual({ removeRating: true });
    }
  });

  it('goes with its user and its movie (ON DELETE CASCADE)', async () => {
    const leaving = await signUp('leaving-skipper@example.com');
    await api.gql(SKIP, { movieId: 2 }, leaving.token);
    await api.sql(`INSERT INTO movies (id, title) VALUES (99100, 'Short-Lived')`);
    await api.gql(SKIP, { movieId: 99100 }, token);
    await api.sql('DELETE FROM users WHERE id = $1', [leaving.id]);
    await api.sql('DELETE FROM movies WHERE id = 99100');
    expect(await api.sql('SELECT * FROM movie_skips WHERE user_id = $1 OR movie_id = 99100', [leaving.id])).toEqual([]);
  });
});
