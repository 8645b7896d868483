import { JwtService } from '@nestjs/jwt';
import { UsersService } from '../src/users/users.service';
import { type GqlResponse, onlyError, TestApi } from './support/test-api';

const SIGN_UP = `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { accessToken expiresAt user { id email displayName role source } }
  }`;
const LOG_IN = `
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) { accessToken user { id email role } }
  }`;
const DEMO_LOG_IN = `mutation Demo($userId: Int!) { demoLogIn(userId: $userId) { accessToken user { id email source } } }`;
const ME = `{ me { id email displayName role source createdAt } }`;
const USERS = `query Users($first: Int!, $after: String) {
  users(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email role source } } }
}`;

const ADMIN = { email: 'admin@reelrank.test', password: 'admin-password-1' };
const ML_USER = 100_001;

describe('auth GraphQL API', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ ADMIN_EMAIL: 'Admin@Reelrank.test', ADMIN_PASSWORD: ADMIN.password });
    // Ids far above the sequence, which the startup admin already advanced.
    await api.sql(`INSERT INTO users (id, source) VALUES (${ML_USER}, 'MOVIELENS'), (${ML_USER + 1}, 'MOVIELENS')`);
  });

  afterAll(() => api?.close());

  const signUp = (input: Record<string, unknown>) => api.gql(SIGN_UP, { input });
  const logIn = (input: Record<string, unknown>) => api.gql(LOG_IN, { input });

  describe('signUp and logIn', () => {
    it('creates a USER with an argon2id hash, lower-cases the email and signs in', async () => {
      const response = await signUp({ email: '  Ada@Example.COM ', password: 'correct horse', displayName: ' Ada ' });
      expect(response.errors).toBeUndefined();
      const { accessToken, expiresAt, user } = response.data!.signUp;
      expect(user).toMatchObject({ email: 'ada@example.com', displayName: 'Ada', role: 'USER', source: 'SIGNUP' });
      expect(accessToken.split('.')).toHaveLength(3);
      const ttl = Date.parse(expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000);
      expect(ttl).toBeLessThanOrEqual(7 * 86_400_000);
      const [row] = await api.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(row.password_hash).not.toContain('correct horse');

      const me = await api.gql(ME, {}, accessToken);
      expect(me.data!.me).toMatchObject({ id: user.id, email: 'ada@example.com', role: 'USER' });
    });

    it('logs in with the right password, whatever the email case', async () => {
      await signUp({ email: 'grace@example.com', password: 'hopper-1906' });
      const response = await logIn({ email: 'GRACE@example.com', password: 'hopper-1906' });
      expect(response.errors).toBeUndefined();
      expect(response.data!.logIn.user.email).toBe('grace@example.com');
      const me = await api.gql(ME, {}, response.data!.logIn.accessToken);
      expect(me.data!.me.email).toBe('grace@example.com');
    });

    it('rejects a duplicate sign-up with CONFLICT naming the email', async () => {
      await signUp({ email: 'dup@example.com', password: 'password-1' });
      const error = onlyError(await signUp({ email: 'DUP@example.com', password: 'password-2' }));
      expect(error).toMatchObject({
        message: 'An account with this email already exists',
        extensions: { code: 'CONFLICT', field: 'input.email' },
      });
    });

    it('answers a wrong password and an unknown email the same way', async () => {
      await signUp({ email: 'linus@example.com', password: 'password-ok' });
      const wrong = onlyError(await logIn({ email: 'linus@example.com', password: 'password-wrong' }));
      const unknown = onlyError(await logIn({ email: 'nobody@example.com', password: 'password-ok' }));
      expect(wrong).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
      expect(unknown).toEqual(wrong);
    });

    it('never lets a password-less MovieLens account log in', async () => {
      await api.sql(`UPDATE users SET email = 'movielens-1@example.com' WHERE id = $1`, [ML_USER]);
      const error = onlyError(await logIn({ email: 'movielens-1@example.com', password: 'anything-at-all' }));
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
      await api.sql(`UPDATE users SET email = NULL WHERE id = $1`, [ML_USER]);
    });

    it.each([
      [{ email: 'not-an-email', password: 'password-1' }, 'input.email', /^input\.email: must be a valid email address$/],
      [
        { email: 'short@example.com', password: 'short' },
        'input.password',
        /input\.password: must be longer than or equal to 8 characters/,
      ],
      [{ email: 'long@example.com', password: 'x'.repeat(129) }, 'input.password', /input\.password/],
      [{ email: 'name@example.com', password: 'password-1', displayName: '   ' }, 'input.displayName', /input\.displayName/],
      [{ email: 'name@example.com', password: 'password-1', displayName: 'x'.repeat(65) }, 'input.displayName', /input\.displayName/],
    ])('validates signUp input %j naming %s', async (input, field, message) => {
      const error = onlyError(await signUp(input));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toMatch(message);
    });

    it('lists every invalid field', async () => {
      const error = onlyError(await signUp({ email: 'bad', password: 'x' }));
      expect(error.extensions.fields!.map((field) => field.field).sort()).toEqual(['input.email', 'input.password']);
    });

    it('validates logIn input naming the field', async () => {
      const error = onlyError(await logIn({ email: 'nope', password: 'whatever-1' }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    });

    it('reports a missing or mistyped variable as BAD_USER_INPUT', async () => {
      const response = await api.gql(SIGN_UP, { input: { email: 'x@example.com' } });
      expect(response.status).toBe(400);
      expect(onlyError(response).extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('email normalisation and look-alikes', () => {
    const nfc = 'j\u00fcrgen@example.com';
    const nfd = 'ju\u0308rgen@example.com';

    it('treats an email in NFC and NFD as one account, stored in NFC', async () => {
      const created = await signUp({ email: nfc.toUpperCase().normalize('NFD'), password: 'hopper-1906' });
      expect(created.errors).toBeUndefined();
      expect(created.data!.signUp.user.email).toBe(nfc);
      const again = onlyError(await signUp({ email: nfd, password: 'hopper-1906' }));
      expect(again.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
      const loggedIn = await logIn({ email: nfd, password: 'hopper-1906' });
      expect(loggedIn.errors).toBeUndefined();
      expect(loggedIn.data!.logIn.user.id).toBe(created.data!.signUp.user.id);
    });

    it('refuses a local part or domain label that mixes scripts', async () => {
      // "paypal" with a Cyrillic a (U+0430); then a Greek omicron in the domain.
      for (const email of ['p\u0430ypal@example.com', 'ann@ex\u03bfmple.com']) {
        const error = onlyError(await signUp({ email, password: 'hopper-1906' }));
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
        expect(error.message).toMatch(/^input\.email: must not mix scripts/);
      }
      // Different scripts in different labels are an ordinary internationalised address.
      expect(
        (await signUp({ email: 'ivan@\u043f\u0440\u0438\u043c\u0435\u0440.example', password: 'hopper-1906' })).errors,
      ).toBeUndefined();
    });

    it('refuses an address that looks like an existing one (same TR39 skeleton)', async () => {
      expect((await signUp({ email: 'cope@example.com', password: 'hopper-1906' })).errors).toBeUndefined();
      // All Cyrillic: с о р е.
      const error = onlyError(await signUp({ email: '\u0441\u043e\u0440\u0435@example.com', password: 'hopper-1906' }));
      expect(error).toMatchObject({
        message: 'input.email: looks like the address of an existing account; use another address',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.email' },
      });
    });

    it('knows the skeletons of accounts made before they were stored, once backfilled', async () => {
      await api.sql(`INSERT INTO users (email, source) VALUES ('older@example.com', 'SIGNUP')`);
      expect(await api.app.get(UsersService).backfillEmailSkeletons()).toBe(1);
      // "оlder" with a Cyrillic о.
      const error = onlyError(await signUp({ email: '\u043elder@example.com', password: 'hopper-1906' }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    });
  });

  describe('password rules', () => {
    it.each([
      ['only whitespace', ' \t'.repeat(5), /^input\.password: must not be only whitespace$/],
      ['a most common password', 'password123', /^input\.password: is one of the most common passwords; choose another$/],
      ['a most common password in other case', 'Qwertyuiop', /^input\.password: is one of the most common passwords; choose another$/],
    ])('refuses %s', async (_name, password, message) => {
      const error = onlyError(await signUp({ email: 'rules@example.com', password }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
      expect(error.message).toMatch(message);
    });
  });

  describe('me and access tokens', () => {
    it('requires a token', async () => {
      const response = await api.gql(ME);
      expect(onlyError(response)).toMatchObject({ message: 'Sign in to do this', extensions: { code: 'UNAUTHENTICATED' } });
      expect(response.data).toBeNull();
    });

    it.each([
      ['garbage', 'garbage'],
      [
        'a token signed with another secret',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwicm9sZSI6IkFETUlOIiwiaXNzIjoicmVlbHJhbmsifQ.5fNfDwqTJ7Vt6n4g0ryQ8oXQbH0Sx2qJwq7a2mGmC8k',
      ],
    ])('rejects %s', async (_name, token) => {
      expect(onlyError(await api.gql(ME, {}, token)).extensions.code).toBe('UNAUTHENTICATED');
    });

    it('rejects an expired token', async () => {
      const { data } = await signUp({ email: 'brief@example.com', password: 'password-1' });
      const jwt = api.app.get(JwtService);
      const valid = jwt.sign({ sub: String(data!.signUp.user.id), role: 'USER' });
      const expired = jwt.sign({ sub: String(data!.signUp.user.id), role: 'USER' }, { expiresIn: -10 });
      expect((await api.gql(ME, {}, valid)).errors).toBeUndefined();
      expect(onlyError(await api.gql(ME, {}, expired))).toMatchObject({
        message: 'Invalid or expired access token',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });

    it('honours JWT_TTL', async () => {
      const shortLived = await TestApi.start({ JWT_TTL: '90m' }, api.database);
      try {
        const { data } = await shortLived.gql(LOG_IN, { input: ADMIN });
        const claims = shortLived.app.get(JwtService).decode(data!.logIn.accessToken);
        expect(claims.exp - claims.iat).toBe(90 * 60);
        expect(claims).toMatchObject({ iss: 'reelrank', role: 'ADMIN' });
      } finally {
        await shortLived.close();
      }
    });

    it('rejects the token of a deleted account', async () => {
      const { data } = await signUp({ email: 'gone@example.com', password: 'password-1' });
      await api.sql('DELETE FROM users WHERE id = $1', [data!.signUp.user.id]);
      expect(onlyError(await api.gql(ME, {}, data!.signUp.accessToken)).extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('admin', () => {
    it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
      const response = await logIn(ADMIN);
      expect(response.errors).toBeUndefined();
      expect(response.data!.logIn.user).toMatchObject({ email: ADMIN.email, role: 'ADMIN' });
    });

    it('is idempotent across restarts and keeps the admin password', async () => {
      const again = await TestApi.start({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: 'another-password' }, api.database);
      await again.close();
      const admins = await api.sql(`SELECT id FROM users WHERE email = $1 AND role = 'ADMIN'`, [ADMIN.email]);
      expect(admins).toHaveLength(1);
      expect((await logIn(ADMIN)).errors).toBeUndefined();
    });

    it('promotes an existing account', async () => {
      await signUp({ email: 'promote-me@example.com', password: 'password-1' });
      const promoted = await TestApi.start({ ADMIN_EMAIL: 'promote-me@example.com', ADMIN_PASSWORD: 'ignored-password' }, api.database);
      await promoted.close();
      const response = await logIn({ email: 'promote-me@example.com', password: 'password-1' });
      expect(response.data!.logIn.user.role).toBe('ADMIN');
    });

    it('lets only admins list users, page by page', async () => {
      const anonymous = await api.gql(USERS, { first: 2 });
      expect(onlyError(anonymous).extensions.code).toBe('UNAUTHENTICATED');

      const user = await signUp({ email: 'plain-user@example.com', password: 'password-1' });
      const forbidden = await api.gql(USERS, { first: 2 }, user.data!.signUp.accessToken);
      expect(onlyError(forbidden)).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(forbidden.data).toBeNull();

      const admin = (await logIn(ADMIN)).data!.logIn.accessToken;
      const [{ count }] = await api.sql<{ count: number }>('SELECT count(*)::int AS count FROM users');
      const seen: number[] = [];
      let after: string | null = null;
      for (;;) {
        const page: GqlResponse = await api.gql(USERS, { first: 2, after }, admin);
        expect(page.errors).toBeUndefined();
        const users = page.data!.users;
        expect(users.totalCount).toBe(count);
        seen.push(...users.edges.map((edge: { node: { id: number } }) => edge.node.id));
        if (!users.pageInfo.hasNextPage) break;
        after = users.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(count);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));

      const tooMany = await api.gql(USERS, { first: 101 }, admin);
      expect(onlyError(tooMany).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  describe('demoLogIn', () => {
    it('is FORBIDDEN unless DEMO_LOGIN_ENABLED=true', async () => {
      const response = await api.gql(DEMO_LOG_IN, { userId: ML_USER });
      expect(onlyError(response)).toMatchObject({ message: 'Demo login is disabled on this server', extensions: { code: 'FORBIDDEN' } });
    });

    it('signs in as a MovieLens user when enabled, and only as one', async () => {
      const demo = await TestApi.start({ DEMO_LOGIN_ENABLED: 'true' }, api.database);
      try {
        const response = await demo.gql(DEMO_LOG_IN, { userId: ML_USER + 1 });
        expect(response.errors).toBeUndefined();
        expect(response.data!.demoLogIn.user).toEqual({ id: ML_USER + 1, email: null, source: 'MOVIELENS' });
        const me = await demo.gql(ME, {}, response.data!.demoLogIn.accessToken);
        expect(me.data!.me).toMatchObject({ id: ML_USER + 1, role: 'USER', source: 'MOVIELENS' });

        const signedUp = (await demo.gql(SIGN_UP, { input: { email: 'not-demo@example.com', password: 'password-1' } })).data!.signUp.user;
        expect(onlyError(await demo.gql(DEMO_LOG_IN, { userId: signedUp.id })).extensions.code).toBe('NOT_FOUND');
        expect(onlyError(await demo.gql(DEMO_LOG_IN, { userId: 999_999 })).extensions.code).toBe('NOT_FOUND');
        expect(onlyError(await demo.gql(DEMO_LOG_IN, { userId: 0 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      } finally {
        await demo.close();
      }
    });
  });
});

describe('rate and query limits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ AUTH_RATE_LIMIT: '3', MUTATION_RATE_LIMIT: '5', GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COMPLEXITY: '50' });
    await api.sql(`INSERT INTO movies (id, title) VALUES (1, 'Toy Story')`);
  });

  afterAll(() => api?.close());

  it('limits auth mutations per client IP and every mutation per user; queries do not count against them', async () => {
    const signUp = (n: number) => api.gql(SIGN_UP, { input: { email: `rate-${n}@example.com`, password: 'password-1' } });
    const first = await signUp(1);
    expect(first.errors).toBeUndefined();
    expect((await signUp(2)).errors).toBeUndefined();
    expect((await api.gql(LOG_IN, { input: { email: 'rate-1@example.com', password: 'wrong-password' } })).errors![0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const limited = await api.gql(LOG_IN, { input: { email: 'rate-1@example.com', password: 'password-1' } });
    expect(onlyError(limited)).toMatchObject({ message: 'Too many requests, try again later', extensions: { code: 'TOO_MANY_REQUESTS' } });

    const token = first.data!.signUp.accessToken;
    const rate = () => api.gql(`mutation { rateMovie(movieId: 1, rating: 4) { rating } }`, {}, token);
    for (let i = 0; i < 5; i++) expect((await rate()).errors).toBeUndefined();
    expect(onlyError(await rate()).extensions.code).toBe('TOO_MANY_REQUESTS');

    for (let i = 0; i < 10; i++) expect((await api.gql(`{ movie(id: 1) { title } }`, {}, token)).errors).toBeUndefined();
  });

  it('rejects queries deeper than GRAPHQL_MAX_DEPTH', async () => {
    const response = await api.gql(`{ movies(first: 1) { edges { node { details { cast { name } } } } } }`);
    expect(response.status).toBe(400);
    expect(onlyError(response)).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(onlyError(response).message).toMatch(/exceeds maximum operation depth of 4/);
    expect((await api.gql(`{ movies(first: 1) { edges { node { genres { name } } } } }`)).errors).toBeUndefined();
  });

  it('rejects queries over GRAPHQL_MAX_COMPLEXITY', async () => {
    const response = await api.gql(`{ movies(first: 30) { edges { node { title } } } }`);
    expect(onlyError(response).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximumComplexity: 50 });
    expect((await api.gql(`{ movies(first: 10) { edges { node { title } } } }`)).errors).toBeUndefined();
  });
});
