import { JwtService } from '@nestjs/jwt';
import { createMigratedDatabase, type TestDatabase, testServiceEnv } from '@reelrank/testing';
import { getIntrospectionQuery } from 'graphql';
import request from 'supertest';
import { API_CONFIG, type ApiConfig, loadApiConfig } from '../src/config/api-config';
import { onlyError, TestApi } from './support/test-api';

const ME = `{ me { id email } }`;
const TYPO = `{ healt { ok } }`;

/** What an API reveals of itself: tokens it accepts, its schema, GraphiQL and hints in error messages. */
describe('API exposure', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createMigratedDatabase('exposure');
  });

  afterAll(() => database?.drop());

  /** Runs `check` on an API started with `env` on the shared database. */
  async function withApi(env: NodeJS.ProcessEnv, check: (api: TestApi) => Promise<void>): Promise<void> {
    const api = await TestApi.start(env, database);
    try {
      await check(api);
    } finally {
      await api.close();
    }
  }

  const graphiqlPage = (api: TestApi) => request(api.app.getHttpServer()).get('/graphql').set('Accept', 'text/html');
  const introspects = async (api: TestApi) => (await api.gql(getIntrospectionQuery())).data?.__schema?.queryType?.name === 'Query';

  it('refuses an access token without an expiry, signed with the right key', async () => {
    await withApi({}, async (api) => {
      const { data } = await api.gql(
        `mutation { signUp(input: { email: "forever@example.com", password: "password-1" }) { user { id } } }`,
      );
      const config = api.app.get<ApiConfig>(API_CONFIG);
      const claims = { sub: String(data!.signUp.user.id), role: 'USER' };
      const withoutExp = new JwtService({ secret: config.JWT_SECRET }).sign(claims, { algorithm: 'HS256', issuer: 'reelrank' });
      expect(api.app.get(JwtService).decode(withoutExp)).not.toHaveProperty('exp');
      expect(onlyError(await api.gql(ME, {}, withoutExp))).toMatchObject({
        message: 'Invalid or expired access token',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // The same claims with the configured lifetime pass.
      expect((await api.gql(ME, {}, api.app.get(JwtService).sign(claims))).errors).toBeUndefined();
    });
  });

  it('in production: no GraphiQL, no introspection and no field suggestions by default', async () => {
    await withApi({ NODE_ENV: 'production', GRAPHIQL: undefined }, async (api) => {
      const page = await graphiqlPage(api);
      expect(page.text).not.toMatch(/graphiql|playground/i);
      expect(page.headers['content-type']).not.toMatch(/text\/html/);

      const introspection = onlyError(await api.gql(getIntrospectionQuery()));
      expect(introspection.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.message).toMatch(/introspection/i);

      const typo = onlyError(await api.gql(TYPO));
      expect(typo).toMatchObject({
        message: 'Cannot query field "healt" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const enumTypo = onlyError(await api.gql(`query ($sort: MovieSort) { movies(sort: $sort) { totalCount } }`, { sort: 'TITEL' }));
      expect(enumTypo.extensions.code).toBe('BAD_USER_INPUT');
      expect(enumTypo.message).not.toMatch(/did you mean|TITLE/i);
    });
  });

  it('in production: GRAPHIQL=true turns GraphiQL and introspection on', async () => {
    await withApi({ NODE_ENV: 'production', GRAPHIQL: 'true' }, async (api) => {
      const page = await graphiqlPage(api);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>GraphiQL</title>');
      expect(await introspects(api)).toBe(true);
    });
  });

  it('in production: GRAPHQL_INTROSPECTION=true turns introspection on without GraphiQL', async () => {
    await withApi({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHIQL: undefined }, async (api) => {
      expect(await introspects(api)).toBe(true);
      expect((await graphiqlPage(api)).text).not.toContain('GraphiQL');
    });
  });

  it('outside production: GraphiQL, introspection and suggestions by default; each can be turned off', async () => {
    await withApi({ NODE_ENV: 'test', GRAPHIQL: undefined }, async (api) => {
      expect((await graphiqlPage(api)).text).toContain('<title>GraphiQL</title>');
      expect(await introspects(api)).toBe(true);
      expect(onlyError(await api.gql(TYPO)).message).toBe('Cannot query field "healt" on type "Query". Did you mean "health"?');
    });
    await withApi({ NODE_ENV: 'test', GRAPHIQL: 'false', GRAPHQL_INTROSPECTION: 'false' }, async (api) => {
      const page = await graphiqlPage(api);
      expect(page.text).not.toMatch(/graphiql|playground/i);
      expect(await introspects(api)).toBe(false);
    });
  });

  it('refuses GraphiQL without introspection, which it needs', () => {
    const env = { ...testServiceEnv(database.url, 'exposure'), GRAPHIQL: 'true', GRAPHQL_INTROSPECTION: 'false' };
    expect(() => loadApiConfig(env)).toThrow(
      'Invalid environment for api: GRAPHIQL=true needs GRAPHQL_INTROSPECTION=true (GraphiQL reads the schema by introspection)',
    );
  });
});
