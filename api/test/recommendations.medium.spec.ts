import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { foldInUser, itemGenres, predictRating, similarItems, TasteProfile, type RatingInput } from '@reelrank/recommender';
import type { StoredModels } from '@reelrank/storage';
import { API_CONFIG, type ApiConfig } from '../src/config/api-config';
import { PopularityService } from '../src/recommendations/popularity.service';
import {
  activateModel,
  CLUSTERS,
  clusterOfMovie,
  eventually,
  MOVIES_PER_CLUSTER,
  publishModel,
  ratingsOfUser,
  SEED_MOVIES,
  seedRecommenderCatalog,
  titleOf,
  UNRATED_MOVIE,
} from './support/recommender-seed';
import { type GqlData, onlyError, TestApi } from './support/test-api';

const RECOMMENDATIONS = `query Recs($first: Int) {
  recommendations(first: $first) {
    score predictedRating source
    movie { id title }
    explanation { text becauseRating becauseMovie { id title } }
  }
}`;
const RATE = `mutation Rate($movieId: Int!, $rating: Float!) { rateMovie(movieId: $movieId, rating: $rating) { rating } }`;
const REMOVE = `mutation Remove($movieId: Int!) { removeRating(movieId: $movieId) }`;
const SKIP = `mutation Skip($movieId: Int!) { skipMovie(movieId: $movieId) { skippedAt } }`;
const REMOVE_SKIP = `mutation RemoveSkip($movieId: Int!) { removeSkip(movieId: $movieId) }`;
const ONBOARDING = `query Onboarding($first: Int) { onboardingMovies(first: $first) { id title ratingCount bayesianRating } }`;
const SIMILAR = `{
  a: movie(id: 101) { similar(first: 3) { score movie { id title } } }
  b: movie(id: 201) { similar(first: 3) { score movie { id title } } }
  c: movie(id: 301) { similar(first: 3) { score movie { id title } } }
  unrated: movie(id: ${UNRATED_MOVIE.id}) { similar { movie { id } } }
}`;
const PREDICTED = `query Predicted { movies(first: 100) { edges { node { id predictedRating } } } }`;

/** The damped mean used by cold start, computed from the test's own view of the ratings (and the user's skips). */
async function expectedColdStart(api: TestApi, userId: number | null, first: number): Promise<number[]> {
  const rows = await api.sql<{ id: number }>(
    `WITH g AS (SELECT sum(rating_sum) / sum(rating_count) AS mean FROM movie_rating_stats)
     SELECT s.movie_id AS id FROM movie_rating_stats s, g
     WHERE s.rating_count > 0 AND ($1::int IS NULL OR NOT EXISTS (SELECT 1 FROM ratings r WHERE r.user_id = $1 AND r.movie_id = s.movie_id))
       AND ($1::int IS NULL OR NOT EXISTS (SELECT 1 FROM movie_skips k WHERE k.user_id = $1 AND k.movie_id = s.movie_id))
     ORDER BY (s.rating_sum + g.mean * 25) / (s.rating_count + 25) DESC, s.movie_id LIMIT $2`,
    [userId, first],
  );
  return rows.map((row) => row.id);
}

/** SQL statements the API sends while `run` runs (Prisma's pg adapter goes through pg.Client#query). */
async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const original = Client.prototype.query;
  const patched = function (this: Client, ...args: unknown[]) {
    const [query] = args;
    statements.push(typeof query === 'string' ? query : String((query as { text?: string })?.text ?? query));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  Client.prototype.query = patched as typeof original;
  try {
    await run();
  } finally {
    Client.prototype.query = original;
  }
  return statements;
}

describe('recommendations GraphQL API', () => {
  let api: TestApi;
  let seed: [number, number, number][];
  let snapshotAt: string;
  let v1: StoredModels;
  const tokens = new Map<number, string>();

  const tokenOf = async (userId: number): Promise<string> => {
    if (!tokens.has(userId)) {
      const { data, errors } = await api.gql(`mutation($id: Int!) { demoLogIn(userId: $id) { accessToken } }`, { id: userId });
      expect(errors).toBeUndefined();
      tokens.set(userId, data!.demoLogIn.accessToken);
    }
    return tokens.get(userId)!;
  };

  const recommendations = async (token: string, first: number): Promise<GqlData[]> => {
    const response = await api.gql(RECOMMENDATIONS, { first }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.recommendations;
  };

  const currentRatings = async (userId: number): Promise<RatingInput[]> =>
    (await api.sql<{ movie_id: number; rating: number }>('SELECT movie_id, rating FROM ratings WHERE user_id = $1', [userId])).map(
      (row) => ({ itemId: row.movie_id, rating: row.rating }),
    );

  const currentSkips = async (userId: number): Promise<number[]> =>
    (await api.sql<{ movie_id: number }>('SELECT movie_id FROM movie_skips WHERE user_id = $1', [userId])).map((row) => row.movie_id);

  /** The served model's movies' genres, as the API loads them. */
  const genresOf = async (models: StoredModels) => {
    const rows = await api.sql<{ movie_id: number; genres: string[] }>(
      'SELECT mg.movie_id, array_agg(g.name) AS genres FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id GROUP BY mg.movie_id',
    );
    return itemGenres(models.implicit.itemIds, models.implicit.itemCounts, new Map(rows.map((row) => [row.movie_id, row.genres])));
  };

  /**
   * What fold-in must return: the engine's own taste ranking on the served models and the user's current ratings,
   * leaving out their skipped movies.
   */
  const expectFoldIn = async (list: GqlData[], models: StoredModels, userId: number) => {
    const ratings = await currentRatings(userId);
    const skipped = await currentSkips(userId);
    const taste = new TasteProfile({ ...models, genres: await genresOf(models) }, ratings);
    const expected = taste.top(list.length, skipped);
    expect(list.map((item) => item.movie.id)).toEqual(expected.map((pick) => pick.itemId));
    list.forEach((item, i) => {
      expect(item.source).toBe('FOLD_IN');
      expect(item.score).toBeCloseTo(expected[i].score, 6);
      expect(item.predictedRating).toBeCloseTo(expected[i].predictedRating, 6);
      const because = taste.because(item.movie.id, 3.5);
      if (because) {
        expect(because.rating).toBeGreaterThanOrEqual(3.5);
        expect(item.explanation).toEqual({
          text: `Because you rated ${titleOf(because.itemId)} ${because.rating}★`,
          becauseRating: because.rating,
          becauseMovie: { id: because.itemId, title: titleOf(because.itemId) },
        });
      } else {
        expect(item.explanation).toBeNull();
      }
    });
    const rated = new Set(ratings.map((rating) => rating.itemId));
    for (const item of list) expect(rated.has(item.movie.id)).toBe(false);
    for (const item of list) expect(skipped).not.toContain(item.movie.id);
  };

  const skip = async (token: string, movieId: number) => expect((await api.gql(SKIP, { movieId }, token)).errors).toBeUndefined();
  const removeSkip = async (token: string, movieId: number) =>
    expect((await api.gql(REMOVE_SKIP, { movieId }, token)).data).toEqual({ removeSkip: true });
  const ids = (list: GqlData[]): number[] => list.map((item) => item.movie.id);

  beforeAll(async () => {
    api = await TestApi.start({
      DEMO_LOGIN_ENABLED: 'true',
      S3_BUCKET: `api-recs-${randomBytes(4).toString('hex')}`,
      RECOMMENDATIONS_MODEL_CHECK_SECONDS: '1',
    });
    seed = await seedRecommenderCatalog(api);
    // As text: microseconds matter (a JS Date would cut them and put every seeded rating after the snapshot).
    [{ snapshotAt }] = await api.sql<{ snapshotAt: string }>('SELECT max(rated_at)::text AS "snapshotAt" FROM ratings');
  });

  afterAll(() => api?.close());

  it('requires a signed-in user', async () => {
    const response = await api.gql(RECOMMENDATIONS, { first: 5 });
    expect(onlyError(response).extensions.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeNull();
  });

  it('rejects the token of a deleted account', async () => {
    const { data } = await api.gql(
      `mutation { signUp(input: { email: "leaving@example.com", password: "password-1" }) { accessToken user { id } } }`,
    );
    expect((await api.gql(RECOMMENDATIONS, { first: 3 }, data!.signUp.accessToken)).errors).toBeUndefined();
    await api.sql('DELETE FROM users WHERE id = $1', [data!.signUp.user.id]);
    const response = await api.gql(RECOMMENDATIONS, { first: 3 }, data!.signUp.accessToken);
    expect(onlyError(response)).toMatchObject({
      message: 'The account of this access token no longer exists',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('tells anyone how many ratings make recommendations personal (RECOMMENDATIONS_MIN_RATINGS)', async () => {
    const response = await api.gql(`{ recommendationSettings { minRatings } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.recommendationSettings).toEqual({ minRatings: api.app.get<ApiConfig>(API_CONFIG).RECOMMENDATIONS_MIN_RATINGS });
    expect(response.data!.recommendationSettings.minRatings).toBe(5); // the default, which the cold-start test below relies on
  });

  it('validates first (1 to 100)', async () => {
    const token = await tokenOf(1);
    for (const first of [0, -1, 101]) {
      for (const query of [RECOMMENDATIONS, ONBOARDING]) {
        const error = onlyError(await api.gql(query, { first }, token));
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
    }
    const similar = onlyError(await api.gql(`{ movie(id: 101) { similar(first: 51) { score } } }`));
    expect(similar.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  describe('without an active model', () => {
    it('recommends popular, well-rated movies (cold start), leaving out rated ones', async () => {
      const list = await recommendations(await tokenOf(1), 8);
      expect(list.map((item) => item.movie.id)).toEqual(await expectedColdStart(api, 1, 8));
      for (const item of list) {
        expect(item).toMatchObject({
          source: 'COLD_START',
          predictedRating: null,
          explanation: { becauseMovie: null, becauseRating: null },
        });
        expect(item.explanation.text).toMatch(/^Popular pick: [\d.]+★ average from \d+ ratings?$/);
      }
      const scores = list.map((item) => item.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('leaves skipped movies out of cold start, also for a user without ratings, until the skip is removed', async () => {
      const token = await tokenOf(30);
      const before = await recommendations(token, 8);
      await skip(token, before[0].movie.id);
      await skip(token, before[2].movie.id);
      const after = await recommendations(token, 8);
      expect(ids(after)).toEqual(await expectedColdStart(api, 30, 8));
      expect(ids(after)).not.toContain(before[0].movie.id);
      expect(ids(after)).not.toContain(before[2].movie.id);
      expect(ids(after).slice(0, 6)).toEqual(ids(before).filter((_, i) => i !== 0 && i !== 2));
      await removeSkip(token, before[0].movie.id);
      await removeSkip(token, before[2].movie.id);
      expect(await recommendations(token, 8)).toEqual(before);

      const { data } = await api.gql(
        `mutation { signUp(input: { email: "skip-only@example.com", password: "password-1" }) { accessToken } }`,
      );
      const newcomer: string = data!.signUp.accessToken;
      const [top] = await recommendations(newcomer, 3);
      await skip(newcomer, top.movie.id);
      const picks = await recommendations(newcomer, 3);
      expect(ids(picks)).not.toContain(top.movie.id);
      expect(picks.every((item) => item.source === 'COLD_START')).toBe(true);
    });

    it('has no similar movies and no predicted ratings', async () => {
      const response = await api.gql(`{ movie(id: 101) { similar { score } predictedRating } }`, {}, await tokenOf(1));
      expect(response.data!.movie).toEqual({ similar: [], predictedRating: null });
    });
  });

  describe('with an active model', () => {
    beforeAll(async () => {
      v1 = await publishModel(api, { version: 'v1', ratings: seed, snapshotAt, withoutSimilarRows: [301], activate: true });
    });

    it("serves a trained user's precomputed list in one query", async () => {
      const list = await recommendations(await tokenOf(1), 10);
      const rows = await api.sql<{ movie_id: number; score: number; predicted_rating: number; because_movie_id: number | null }>(
        `SELECT movie_id, score::float8 AS score, predicted_rating::float8 AS predicted_rating, because_movie_id
         FROM user_recommendations WHERE model_version = 'v1' AND user_id = 1 ORDER BY rank`,
      );
      expect(list.map((item) => item.movie.id)).toEqual(rows.map((row) => row.movie_id));
      const rated = new Map(ratingsOfUser(seed, 1).map((rating) => [rating.itemId, rating.rating]));
      list.forEach((item, i) => {
        expect(item.source).toBe('PRECOMPUTED');
        expect(item.score).toBe(rows[i].score);
        expect(item.predictedRating).toBe(rows[i].predicted_rating);
        const because = rows[i].because_movie_id;
        expect(item.explanation).toEqual(
          because === null
            ? null
            : {
                text: `Because you rated ${titleOf(because)} ${rated.get(because)}★`,
                becauseRating: rated.get(because),
                becauseMovie: { id: because, title: titleOf(because) },
              },
        );
      });
      // The animation fan's picks are mostly animation movies they have not rated.
      expect(clusterOfMovie(list[0].movie.id)).toBe(0);
      expect(list.slice(0, 5).filter((item) => clusterOfMovie(item.movie.id) === 0).length).toBeGreaterThanOrEqual(3);
    });

    it('folds in new ratings on the very next query, leaving the newly rated movies out', async () => {
      const userId = 2; // a crime fan
      const token = await tokenOf(userId);
      const before = await recommendations(token, 10);
      expect(before.every((item) => item.source === 'PRECOMPUTED')).toBe(true);
      expect(before.slice(0, 3).every((item) => clusterOfMovie(item.movie.id) === 1)).toBe(true);

      // They discover sci-fi: five sci-fi movies at 5 stars.
      const newlyRated = SEED_MOVIES.filter((movie) => movie.cluster === 2)
        .map((movie) => movie.id)
        .filter((id) => !ratingsOfUser(seed, userId).some((rating) => rating.itemId === id))
        .slice(0, 5);
      for (const movieId of newlyRated) expect((await api.gql(RATE, { movieId, rating: 5 }, token)).errors).toBeUndefined();

      const started = Date.now();
      const after = await recommendations(token, 10);
      const elapsed = Date.now() - started;
      await expectFoldIn(after, v1, userId);
      for (const id of newlyRated) expect(after.map((item) => item.movie.id)).not.toContain(id);
      expect(after.map((item) => item.movie.id)).not.toEqual(before.map((item) => item.movie.id));
      // Sci-fi now shows up among the picks, explained by the new 5-star ratings.
      const scifi = after.filter((item) => clusterOfMovie(item.movie.id) === 2);
      expect(scifi.length).toBeGreaterThan(0);
      expect(scifi.some((item) => newlyRated.includes(item.explanation?.becauseMovie?.id))).toBe(true);
      expect(elapsed).toBeLessThan(2_000);

      // Cached until the ratings change; removing a rating changes the list again on the next query.
      expect(await recommendations(token, 10)).toEqual(after);
      expect((await api.gql(REMOVE, { movieId: newlyRated[0] }, token)).data).toEqual({ removeRating: true });
      const afterRemoval = await recommendations(token, 10);
      await expectFoldIn(afterRemoval, v1, userId);
      expect(afterRemoval.map((item) => item.movie.id)).toContain(newlyRated[0]);
    });

    it('sees ratings written by another API instance (no stale cache)', async () => {
      const userId = 3;
      const token = await tokenOf(userId);
      expect((await recommendations(token, 5))[0].source).toBe('PRECOMPUTED');
      const [pick] = await recommendations(token, 1);
      // Written straight to the database: this instance's rateMovie hook never ran.
      await api.sql('INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES ($1, $2, 1, now())', [userId, pick.movie.id]);
      const after = await recommendations(token, 5);
      await expectFoldIn(after, v1, userId);
      expect(after.map((item) => item.movie.id)).not.toContain(pick.movie.id);
    });

    it('gives a new user cold start until they have rated enough movies, then fold-in', async () => {
      const { data } = await api.gql(
        `mutation { signUp(input: { email: "newbie@example.com", password: "password-1" }) { accessToken user { id } } }`,
      );
      const token: string = data!.signUp.accessToken;
      const userId: number = data!.signUp.user.id;

      api.app.get(PopularityService).clear(); // earlier tests changed the ratings since the cached list was made
      const fresh = await recommendations(token, 5);
      expect(fresh.map((item) => item.movie.id)).toEqual(await expectedColdStart(api, null, 5));
      expect(fresh.every((item) => item.source === 'COLD_START')).toBe(true);
      // With a model, even cold-start picks carry a predicted rating (biases only for a user without ratings).
      for (const item of fresh)
        expect(item.predictedRating).toBeCloseTo(predictRating(v1.explicit, foldInUser(v1.explicit, []), item.movie.id), 6);

      const scifi = SEED_MOVIES.filter((movie) => movie.cluster === 2).map((movie) => movie.id);
      for (const movieId of scifi.slice(0, 4)) await api.gql(RATE, { movieId, rating: 5 }, token);
      const four = await recommendations(token, 5);
      expect(four.every((item) => item.source === 'COLD_START')).toBe(true);
      expect(four.map((item) => item.movie.id)).toEqual(await expectedColdStart(api, userId, 5));
      for (const id of scifi.slice(0, 4)) expect(four.map((item) => item.movie.id)).not.toContain(id);

      await api.gql(RATE, { movieId: scifi[4], rating: 4.5 }, token); // the 5th rating (RECOMMENDATIONS_MIN_RATINGS)
      const personal = await recommendations(token, 5);
      await expectFoldIn(personal, v1, userId);
      expect(clusterOfMovie(personal[0].movie.id)).toBe(2);
    });

    it('gives similar movies from similar_movies, else from the model, batched', async () => {
      const response = await api.gql(SIMILAR);
      expect(response.errors).toBeUndefined();
      const rows = await api.sql<{ movie_id: number; similar_movie_id: number; score: number }>(
        `SELECT movie_id, similar_movie_id, score::float8 AS score FROM similar_movies
         WHERE model_version = 'v1' AND movie_id IN (101, 201) AND rank <= 3 ORDER BY movie_id, rank`,
      );
      for (const [alias, movieId] of [
        ['a', 101],
        ['b', 201],
      ] as const) {
        expect(response.data![alias].similar).toEqual(
          rows
            .filter((row) => row.movie_id === movieId)
            .map((row) => ({ score: row.score, movie: { id: row.similar_movie_id, title: titleOf(row.similar_movie_id) } })),
        );
      }
      // 301 has no precomputed rows: cosine of the served model's item factors, weighted by genre overlap.
      const expected = similarItems(v1.implicit, 301, { k: 3, minRatings: 5, genres: await genresOf(v1) });
      expect(response.data!.c.similar.map((item: GqlData) => item.movie.id)).toEqual(expected.map((item) => item.itemId));
      response.data!.c.similar.forEach((item: GqlData, i: number) => expect(item.score).toBeCloseTo(expected[i].similarity, 6));
      expect(response.data!.c.similar.every((item: GqlData) => clusterOfMovie(item.movie.id) === 2)).toBe(true);
      expect(response.data!.unrated.similar).toEqual([]);

      // A page of movies with their similar movies works in batches.
      const page = await api.gql(`{ movies(first: 30) { edges { node { id similar(first: 2) { movie { id } } } } } }`);
      expect(page.errors).toBeUndefined();
      for (const { node } of page.data!.movies.edges) {
        if (node.id === UNRATED_MOVIE.id) continue;
        expect(node.similar).toHaveLength(2);
      }
    });

    it("predicts the signed-in user's ratings (null when anonymous or unknown to the model)", async () => {
      const anonymous = await api.gql(PREDICTED);
      expect(anonymous.data!.movies.edges.every(({ node }: GqlData) => node.predictedRating === null)).toBe(true);

      const userId = 4;
      const token = await tokenOf(userId);
      const ratings = await currentRatings(userId);
      const profile = foldInUser(v1.explicit, ratings);
      const { data, errors } = await api.gql(PREDICTED, {}, token);
      expect(errors).toBeUndefined();
      expect(data!.movies.edges.length).toBe(CLUSTERS.length * MOVIES_PER_CLUSTER + 1);
      for (const { node } of data!.movies.edges) {
        if (node.id === UNRATED_MOVIE.id) {
          expect(node.predictedRating).toBeNull();
        } else {
          expect(node.predictedRating).toBeGreaterThanOrEqual(0.5);
          expect(node.predictedRating).toBeLessThanOrEqual(5);
          expect(node.predictedRating).toBeCloseTo(predictRating(v1.explicit, profile, node.id), 6);
        }
      }
      // User 4 loves animation (cluster 0) and does not care for the others.
      const predicted = new Map<number, number>(data!.movies.edges.map(({ node }: GqlData) => [node.id, node.predictedRating]));
      expect(predicted.get(110)!).toBeGreaterThan(predicted.get(310)!);

      // A new rating changes the prediction on the next query.
      await api.gql(RATE, { movieId: 310, rating: 5 }, token);
      const again = await api.gql(`{ movie(id: 309) { predictedRating } }`, {}, token);
      const updated = foldInUser(v1.explicit, await currentRatings(userId));
      expect(again.data!.movie.predictedRating).toBeCloseTo(predictRating(v1.explicit, updated, 309), 6);
    });

    it('picks up promotion of another version and rollback without a restart', async () => {
      const v2 = await publishModel(api, {
        version: 'v2',
        ratings: seed,
        snapshotAt,
        implicit: { rank: 3, seed: 99, lambda: 1 },
        explicit: { rank: 3, seed: 99 },
        topN: 8,
      });
      const token = await tokenOf(1);
      const v1List = await recommendations(token, 5);
      expect(v1List.every((item) => item.source === 'PRECOMPUTED')).toBe(true);

      await activateModel(api, 'v2');
      // Model-backed movie fields follow within RECOMMENDATIONS_MODEL_CHECK_SECONDS (1 s here).
      const fan = await tokenOf(4);
      const v2Prediction = predictRating(v2.explicit, foldInUser(v2.explicit, await currentRatings(4)), 309);
      await eventually(async () => {
        const { data } = await api.gql(`{ movie(id: 309) { predictedRating } }`, {}, fan);
        expect(data!.movie.predictedRating).toBeCloseTo(v2Prediction, 6);
      });

      // The precomputed list reads active_model itself: v2's list on the next query.
      const v2Rows = await api.sql<{ movie_id: number; score: number }>(
        `SELECT movie_id, score::float8 AS score FROM user_recommendations WHERE model_version = 'v2' AND user_id = 1 ORDER BY rank LIMIT 5`,
      );
      const promoted = await recommendations(token, 5);
      expect(promoted.map((item) => [item.movie.id, item.score])).toEqual(v2Rows.map((row) => [row.movie_id, row.score]));
      expect(promoted.map((item) => item.score)).not.toEqual(v1List.map((item) => item.score));
      // Fold-in users are served by v2's models.
      await expectFoldIn(await recommendations(await tokenOf(2), 6), v2, 2);
      // v2 has precomputed similar movies for 301 (v1 had none).
      const similar = await api.gql(`{ movie(id: 301) { similar(first: 3) { movie { id } } } }`);
      const v2Similar = await api.sql<{ id: number }>(
        `SELECT similar_movie_id AS id FROM similar_movies WHERE model_version = 'v2' AND movie_id = 301 ORDER BY rank LIMIT 3`,
      );
      expect(similar.data!.movie.similar.map((item: GqlData) => item.movie.id)).toEqual(v2Similar.map((row) => row.id));

      // Rollback.
      await activateModel(api, 'v1');
      expect((await recommendations(token, 5)).map((item) => [item.movie.id, item.score])).toEqual(
        v1List.map((item) => [item.movie.id, item.score]),
      );
      await expectFoldIn(await recommendations(await tokenOf(2), 6), v1, 2);
    });

    it('stays N+1-free: one query for a precomputed list, one batch per movie field of a page', async () => {
      const userId = Array.from({ length: 20 }, (_, i) => i + 10).find((id) => ratingsOfUser(seed, id).length >= 5)!;
      const token = await tokenOf(userId);
      await recommendations(token, 10);
      const precomputed = await statementsDuring(async () => {
        const list = await recommendations(token, 10);
        expect(list).toHaveLength(10);
        expect(list.map((item) => item.source)).toEqual(new Array(10).fill('PRECOMPUTED'));
      });
      // One statement: the list with its movies, their stats, the "because" movies and ratings, and the
      // check that the caller's account exists.
      expect(precomputed).toHaveLength(1);
      expect(precomputed[0]).toContain('user_recommendations');

      const pageQuery = `{ movies(first: 31) { edges { node { id predictedRating similar(first: 3) { score movie { id title } } } } } }`;
      const page = async () => expect((await api.gql(pageQuery, {}, token)).errors).toBeUndefined();
      // The page, similar movies of all 31 (301 from the model, no query), the caller's ratings key for the
      // predictions, and (first time only) the caller's ratings to fold in.
      expect(await statementsDuring(page)).toHaveLength(4);
      expect(await statementsDuring(page)).toHaveLength(3);
    });

    it('leaves skipped movies out of the precomputed list, in the same one query', async () => {
      const userId = 31;
      const token = await tokenOf(userId);
      const before = await recommendations(token, 5);
      expect(before.every((item) => item.source === 'PRECOMPUTED')).toBe(true);
      const skipped = [before[0].movie.id, before[3].movie.id];
      for (const movieId of skipped) await skip(token, movieId);

      let after: GqlData[] = [];
      const statements = await statementsDuring(async () => (after = await recommendations(token, 5)));
      expect(statements).toHaveLength(1);
      const rows = await api.sql<{ movie_id: number }>(
        `SELECT movie_id FROM user_recommendations WHERE model_version = 'v1' AND user_id = $1 ORDER BY rank`,
        [userId],
      );
      expect(after.every((item) => item.source === 'PRECOMPUTED')).toBe(true);
      expect(ids(after)).toEqual(
        rows
          .map((row) => row.movie_id)
          .filter((id) => !skipped.includes(id))
          .slice(0, 5),
      );
      for (const movieId of skipped) await removeSkip(token, movieId);
      expect(ids(await recommendations(token, 5))).toEqual(ids(before));
    });

    it('leaves skipped movies out of fold-in; a skip and its removal change the list on the next query', async () => {
      const userId = 32;
      const token = await tokenOf(userId);
      const unrated = SEED_MOVIES.map((movie) => movie.id).find((id) => !ratingsOfUser(seed, userId).some((r) => r.itemId === id))!;
      await api.gql(RATE, { movieId: unrated, rating: 4 }, token); // rated since the snapshot: fold-in
      const before = await recommendations(token, 10);
      await expectFoldIn(before, v1, userId);
      expect(await recommendations(token, 10)).toEqual(before); // served from the cached state

      await skip(token, before[0].movie.id);
      const after = await recommendations(token, 10);
      await expectFoldIn(after, v1, userId);
      expect(ids(after)).not.toContain(before[0].movie.id);
      expect(ids(after).slice(0, 9)).toEqual(ids(before).slice(1));

      await removeSkip(token, before[0].movie.id);
      expect(await recommendations(token, 10)).toEqual(before);
    });

    it('sees skips written or removed by another API instance (no stale cache)', async () => {
      const userId = 33;
      const token = await tokenOf(userId);
      const unrated = SEED_MOVIES.map((movie) => movie.id).find((id) => !ratingsOfUser(seed, userId).some((r) => r.itemId === id))!;
      await api.gql(RATE, { movieId: unrated, rating: 4.5 }, token);
      const before = await recommendations(token, 5);
      await expectFoldIn(before, v1, userId);
      const [a, b] = ids(before);

      // Written straight to the database: this instance's mutation hook never ran.
      await api.sql('INSERT INTO movie_skips (user_id, movie_id) VALUES ($1, $2)', [userId, a]);
      const skippedA = await recommendations(token, 5);
      await expectFoldIn(skippedA, v1, userId);
      expect(ids(skippedA)).not.toContain(a);

      // Another skip instead of that one: the same number of skips, a newer one.
      await api.sql('DELETE FROM movie_skips WHERE user_id = $1', [userId]);
      await api.sql('INSERT INTO movie_skips (user_id, movie_id) VALUES ($1, $2)', [userId, b]);
      const skippedB = await recommendations(token, 5);
      await expectFoldIn(skippedB, v1, userId);
      expect(ids(skippedB)).toContain(a);
      expect(ids(skippedB)).not.toContain(b);

      await api.sql('DELETE FROM movie_skips WHERE user_id = $1', [userId]);
      expect(ids(await recommendations(token, 5))).toEqual(ids(before));
    });

    it('uses fold-in when the precomputed list is shorter than asked', async () => {
      const list = await recommendations(await tokenOf(5), 15); // v1 stored 10 per user
      await expectFoldIn(list, v1, 5);
      expect(list).toHaveLength(15);
    });
  });

  describe('onboardingMovies', () => {
    beforeEach(() => api.app.get(PopularityService).clear());

    it('works anonymously: well-known, well-rated movies, taking the genres in turn', async () => {
      const response = await api.gql(ONBOARDING, { first: 9 });
      expect(response.errors).toBeUndefined();
      const movies: GqlData[] = response.data!.onboardingMovies;
      expect(movies).toHaveLength(9);
      expect(new Set(movies.map((movie) => movie.id)).size).toBe(9);
      // Each round takes one movie of each taste group (their genres), most-rated first among the well rated.
      const stats = await api.sql<{ movie_id: number; rating_count: number; rating_sum: number }>(
        'SELECT movie_id, rating_count, rating_sum FROM movie_rating_stats WHERE rating_count > 0',
      );
      const ranked = (cluster: number) =>
        stats
          .filter((row) => clusterOfMovie(row.movie_id) === cluster && (row.rating_sum + 35) / (row.rating_count + 10) >= 3.5)
          .sort(
            (p, q) =>
              q.rating_count - p.rating_count ||
              (q.rating_sum + 35) / (q.rating_count + 10) - (p.rating_sum + 35) / (p.rating_count + 10) ||
              p.movie_id - q.movie_id,
          )
          .map((row) => row.movie_id);
      for (const round of [0, 1, 2]) {
        const picks = movies.slice(round * 3, round * 3 + 3);
        expect(new Set(picks.map((movie) => clusterOfMovie(movie.id)))).toEqual(new Set([0, 1, 2]));
        for (const movie of picks) {
          expect(movie.id).toBe(ranked(clusterOfMovie(movie.id))[round]);
          expect(movie.bayesianRating).toBeGreaterThanOrEqual(3.5);
        }
      }
      expect(movies.map((movie) => movie.id)).not.toContain(UNRATED_MOVIE.id);
    });

    it('leaves out what the signed-in user rated', async () => {
      const everything: GqlData[] = (await api.gql(ONBOARDING, { first: 100 })).data!.onboardingMovies;
      const rated = new Set((await currentRatings(7)).map((rating) => rating.itemId));
      expect(rated.size).toBeGreaterThan(3);
      const signedIn: GqlData[] = (await api.gql(ONBOARDING, { first: 12 }, await tokenOf(7))).data!.onboardingMovies;
      expect(signedIn.map((movie) => movie.id)).toEqual(
        everything
          .filter((movie) => !rated.has(movie.id))
          .slice(0, 12)
          .map((movie) => movie.id),
      );
    });

    it('leaves out what the signed-in user skipped', async () => {
      const everything: GqlData[] = (await api.gql(ONBOARDING, { first: 100 })).data!.onboardingMovies;
      const token = await tokenOf(8);
      const first: GqlData[] = (await api.gql(ONBOARDING, { first: 12 }, token)).data!.onboardingMovies;
      const skipped = [first[0].id, first[5].id];
      for (const movieId of skipped) await skip(token, movieId);
      const rated = new Set((await currentRatings(8)).map((rating) => rating.itemId));
      const after: GqlData[] = (await api.gql(ONBOARDING, { first: 12 }, token)).data!.onboardingMovies;
      expect(after.map((movie) => movie.id)).toEqual(
        everything
          .filter((movie) => !rated.has(movie.id) && !skipped.includes(movie.id))
          .slice(0, 12)
          .map((movie) => movie.id),
      );
    });
  });
});
