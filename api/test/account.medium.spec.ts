import { EventEmitter2 } from '@nestjs/event-emitter';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { RatingsChangedEvent } from '../src/ratings/ratings-changed.event';
import { bayesianAverage } from '../src/movies/rating-prior';
import { MOVIES, seedCatalog } from './support/catalog-seed';
import { onlyError, TestApi } from './support/test-api';

const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`;
const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
const CHANGE_PASSWORD = `mutation Change($input: ChangePasswordInput!) {
  changePassword(input: $input) { accessToken expiresAt user { id email } }
}`;
const DELETE_ACCOUNT = `mutation Delete($password: String!) { deleteAccount(password: $password) }`;
const RATE = `mutation Rate($movieId: Int!, $rating: Float!) { rateMovie(movieId: $movieId, rating: $rating) { rating } }`;
const SKIP = `mutation Skip($movieId: Int!) { skipMovie(movieId: $movieId) { movie { id } } }`;
const ME = `{ me { id } }`;
const RECOMMENDATIONS = `{ recommendations(first: 3) { movie { id } } }`;
const STATS = `query Stats($id: Int!) { movie(id: $id) { ratingCount averageRating bayesianRating } }`;

const ADMIN = { email: 'admin@reelrank.test', password: 'admin-password-1' };
const QUOTED = { id: 99_002, title: 'Say "Cheese", Please' };

describe('account self-service', () => {
  let api: TestApi;
  let n = 0;

  beforeAll(async () => {
    api = await TestApi.start({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    await seedCatalog(api.database.url);
    await api.sql(`INSERT INTO movies (id, title) VALUES ($1, $2)`, [QUOTED.id, QUOTED.title]);
  });

  afterAll(() => api?.close());

  /** A new account: its email, password, id and token. */
  const newAccount = async (password = 'first-password-1') => {
    const email = `account-${++n}@example.com`;
    const { data, errors } = await api.gql(SIGN_UP, { input: { email, password } });
    expect(errors).toBeUndefined();
    return { email, password, id: data!.signUp.user.id as number, token: data!.signUp.accessToken as string };
  };

  const csv = (token?: string) => {
    const call = request(api.app.getHttpServer()).get('/api/me/ratings.csv');
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };

  describe('changePassword', () => {
    it('needs the current password and a new one that passes the password rules', async () => {
      const account = await newAccount();
      const wrong = onlyError(
        await api.gql(CHANGE_PASSWORD, { input: { currentPassword: 'not-it-at-all', newPassword: 'second-password-2' } }, account.token),
      );
      expect(wrong).toMatchObject({
        message: 'input.currentPassword: is not your current password',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.currentPassword' },
      });
      for (const newPassword of ['password123', '         ', 'short']) {
        const error = onlyError(
          await api.gql(CHANGE_PASSWORD, { input: { currentPassword: account.password, newPassword } }, account.token),
        );
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.newPassword' });
      }
      expect(
        onlyError(await api.gql(CHANGE_PASSWORD, { input: { currentPassword: 'x', newPassword: 'second-password-2' } })).extensions.code,
      ).toBe('UNAUTHENTICATED');
      // Nothing changed: the old password and token still work.
      expect((await api.gql(LOG_IN, { input: { email: account.email, password: account.password } })).errors).toBeUndefined();
      expect((await api.gql(ME, {}, account.token)).errors).toBeUndefined();
    });

    it('revokes every token issued before and returns a new one', async () => {
      const account = await newAccount();
      const other = (await api.gql(LOG_IN, { input: { email: account.email, password: account.password } })).data!.logIn.accessToken;
      const changed = await api.gql(
        CHANGE_PASSWORD,
        { input: { currentPassword: account.password, newPassword: 'second-password-2' } },
        account.token,
      );
      expect(changed.errors).toBeUndefined();
      const fresh = changed.data!.changePassword.accessToken;
      expect(changed.data!.changePassword.user).toEqual({ id: account.id, email: account.email });

      for (const stale of [account.token, other]) {
        expect(onlyError(await api.gql(ME, {}, stale))).toMatchObject({
          message: 'This access token was revoked (the password changed): sign in again',
          extensions: { code: 'UNAUTHENTICATED' },
        });
        expect(onlyError(await api.gql(RECOMMENDATIONS, {}, stale)).extensions.code).toBe('UNAUTHENTICATED');
        expect(onlyError(await api.gql(RATE, { movieId: MOVIES.toyStory.id, rating: 4 }, stale)).extensions.code).toBe('UNAUTHENTICATED');
        expect((await csv(stale)).status).toBe(401);
      }
      expect((await api.gql(ME, {}, fresh)).data!.me.id).toBe(account.id);
      expect((await api.gql(RECOMMENDATIONS, {}, fresh)).errors).toBeUndefined();

      expect(onlyError(await api.gql(LOG_IN, { input: { email: account.email, password: account.password } })).extensions.code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await api.gql(LOG_IN, { input: { email: account.email, password: 'second-password-2' } })).errors).toBeUndefined();
    });
  });

  describe('ratings export', () => {
    it('streams my ratings as CSV, escaped, by movie id', async () => {
      const account = await newAccount();
      for (const [movieId, rating] of [
        [QUOTED.id, 4.5],
        [MOVIES.shawshank.id, 5],
        [MOVIES.toyStory.id, 3],
      ]) {
        expect((await api.gql(RATE, { movieId, rating }, account.token)).errors).toBeUndefined();
      }
      const response = await csv(account.token);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="reelrank-ratings.csv"');
      expect(response.headers['cache-control']).toBe('no-store');
      const lines = response.text.trim().split('\n');
      expect(lines[0]).toBe('movieId,title,rating,ratedAt');
      expect(lines[2]).toMatch(/^318,"Shawshank Redemption, The",5,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(lines[3]).toMatch(/^99002,"Say ""Cheese"", Please",4.5,/);
      const rows = parse(response.text, { columns: true }) as Record<string, string>[];
      expect(rows.map((row) => [Number(row.movieId), row.title, Number(row.rating)])).toEqual([
        [MOVIES.toyStory.id, MOVIES.toyStory.title, 3],
        [MOVIES.shawshank.id, MOVIES.shawshank.title, 5],
        [QUOTED.id, QUOTED.title, 4.5],
      ]);
      const [stored] = await api.sql<{ rated_at: Date }>('SELECT rated_at FROM ratings WHERE user_id = $1 AND movie_id = $2', [
        account.id,
        MOVIES.toyStory.id,
      ]);
      expect(rows[0].ratedAt).toBe(stored.rated_at.toISOString());
    });

    it('pages through a long history', async () => {
      const account = await newAccount();
      await api.sql(`INSERT INTO movies (id, title) SELECT 200000 + i, 'Generated ' || i FROM generate_series(1, 2500) AS i`);
      await api.sql(`INSERT INTO ratings (user_id, movie_id, rating) SELECT $1, 200000 + i, 1 + i % 5 FROM generate_series(1, 2500) AS i`, [
        account.id,
      ]);
      const response = await csv(account.token);
      const rows = parse(response.text, { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(2500);
      expect(rows.map((row) => Number(row.movieId))).toEqual(Array.from({ length: 2500 }, (_, i) => 200_001 + i));
      await api.sql(`DELETE FROM ratings WHERE movie_id > 200000`);
      await api.sql(`DELETE FROM movies WHERE id > 200000`);
    });

    it('answers 401 without a valid token', async () => {
      expect((await csv()).status).toBe(401);
      const garbage = await csv('garbage');
      expect(garbage.status).toBe(401);
      expect(garbage.body).toMatchObject({ message: 'Invalid or expired access token' });
    });
  });

  describe('deleteAccount', () => {
    const stats = async (id: number) => (await api.gql(STATS, { id })).data!.movie;

    it('needs the password', async () => {
      const account = await newAccount();
      expect(onlyError(await api.gql(DELETE_ACCOUNT, { password: 'not-it-at-all' }, account.token))).toMatchObject({
        message: 'password: is not your current password',
        extensions: { code: 'BAD_USER_INPUT', field: 'password' },
      });
      expect(onlyError(await api.gql(DELETE_ACCOUNT, { password: account.password })).extensions.code).toBe('UNAUTHENTICATED');
      expect((await api.gql(ME, {}, account.token)).errors).toBeUndefined();
    });

    it('deletes the account with its ratings (out of the stats) and skips, tells the caches, and ends its sessions at once', async () => {
      const account = await newAccount();
      const before = { toyStory: await stats(MOVIES.toyStory.id), matrix: await stats(MOVIES.matrix.id) };
      await api.gql(RATE, { movieId: MOVIES.toyStory.id, rating: 0.5 }, account.token);
      await api.gql(RATE, { movieId: MOVIES.matrix.id, rating: 5 }, account.token);
      await api.gql(SKIP, { movieId: MOVIES.jumanji.id }, account.token);
      await api.sql(`INSERT INTO tags (user_id, movie_id, tag) VALUES ($1, $2, 'mine')`, [account.id, MOVIES.matrix.id]);
      expect((await stats(MOVIES.toyStory.id)).ratingCount).toBe(before.toyStory.ratingCount + 1);
      expect((await api.gql(RECOMMENDATIONS, {}, account.token)).errors).toBeUndefined();

      const events: Pick<RatingsChangedEvent, 'userId' | 'movieId' | 'change'>[] = [];
      const listener = ({ userId, movieId, change }: RatingsChangedEvent) => events.push({ userId, movieId, change });
      api.app.get(EventEmitter2).on(RatingsChangedEvent.eventName, listener);
      try {
        const deleted = await api.gql(DELETE_ACCOUNT, { password: account.password }, account.token);
        expect(deleted.errors).toBeUndefined();
        expect(deleted.data!.deleteAccount).toBe(true);
      } finally {
        api.app.get(EventEmitter2).off(RatingsChangedEvent.eventName, listener);
      }
      expect(events).toEqual([
        { userId: account.id, movieId: MOVIES.toyStory.id, change: 'removed' },
        { userId: account.id, movieId: MOVIES.matrix.id, change: 'removed' },
        { userId: account.id, movieId: MOVIES.jumanji.id, change: 'unskipped' },
      ]);

      // Its token is refused everywhere, at once.
      for (const query of [ME, RECOMMENDATIONS]) {
        expect(onlyError(await api.gql(query, {}, account.token))).toMatchObject({
          message: 'The account of this access token no longer exists',
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      expect((await csv(account.token)).status).toBe(401);
      expect(onlyError(await api.gql(LOG_IN, { input: { email: account.email, password: account.password } })).extensions.code).toBe(
        'UNAUTHENTICATED',
      );

      // Its ratings left the stats, which equal a rebuild from the ratings.
      expect(await stats(MOVIES.toyStory.id)).toEqual(before.toyStory);
      expect(await stats(MOVIES.matrix.id)).toEqual(before.matrix);
      for (const table of ['ratings', 'movie_skips', 'tags']) {
        expect(await api.sql(`SELECT 1 FROM ${table} WHERE user_id = $1`, [account.id])).toEqual([]);
      }
      const all = 'SELECT movie_id, rating_count, rating_sum, bayesian_rating FROM movie_rating_stats ORDER BY movie_id';
      const kept = await api.sql<{ rating_count: number; rating_sum: number; bayesian_rating: number }>(all);
      for (const row of kept) expect(row.bayesian_rating).toBe(bayesianAverage(row.rating_sum, row.rating_count));
      await api.sql('SELECT refresh_movie_rating_stats()');
      expect(await api.sql(all)).toEqual(kept);

      // The address can be used again.
      expect((await api.gql(SIGN_UP, { input: { email: account.email, password: 'another-password-3' } })).errors).toBeUndefined();
    });

    it('refuses to delete the last admin', async () => {
      const admin = (await api.gql(LOG_IN, { input: ADMIN })).data!.logIn.accessToken;
      expect(onlyError(await api.gql(DELETE_ACCOUNT, { password: ADMIN.password }, admin))).toMatchObject({
        message: 'You are the only admin: make another account an admin before deleting yours',
        extensions: { code: 'FORBIDDEN' },
      });
      expect((await api.gql(ME, {}, admin)).errors).toBeUndefined();

      const second = await newAccount();
      await api.sql(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [second.id]);
      expect((await api.gql(DELETE_ACCOUNT, { password: ADMIN.password }, admin)).data!.deleteAccount).toBe(true);
      expect(onlyError(await api.gql(DELETE_ACCOUNT, { password: second.password }, second.token)).extensions.code).toBe('FORBIDDEN');
    });
  });
});
