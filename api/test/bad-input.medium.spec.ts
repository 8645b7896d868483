import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLInputField,
  GraphQLInputObjectType,
  GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import request from 'supertest';
import { encodeCursor } from '../src/graphql/cursor';
import { TemporalClient } from '../src/temporal/temporal.module';
import { seedCatalog } from './support/catalog-seed';
import { type GqlResponse, onlyError, TestApi } from './support/test-api';

const ADMIN = { email: 'admin@reelrank.test', password: 'admin-password-1' };
const NUL = 'a\u0000b';

type Caller = 'anonymous' | 'user' | 'admin';

interface StringArgument {
  /** `Type.field.argument[.inputField…]` of the schema. */
  path: string;
  caller: Caller;
  query: string;
  /** Variables with the NUL character in the argument under test. */
  variables: Record<string, unknown>;
  /** extensions.field of the expected BAD_USER_INPUT error. */
  field: string;
}

/** A run the test starts (and cancels), whose fields take arguments too. */
const run = { workflowId: '' };
const QUARANTINED_ROWS =
  'query ($w: String!, $a: String, $f: QuarantineFilter) { pipelineRun(workflowId: $w) { quarantinedRows(after: $a, filter: $f) { totalCount } } }';

/** Every String and ID argument of the schema (input fields included), with an operation that passes a NUL in it. */
const STRING_ARGUMENTS: StringArgument[] = [
  {
    path: 'PipelineRun.quarantinedRows.after',
    caller: 'admin',
    query: QUARANTINED_ROWS,
    get variables() {
      return { w: run.workflowId, a: NUL };
    },
    field: 'after',
  },
  {
    path: 'PipelineRun.quarantinedRows.filter.file',
    caller: 'admin',
    query: QUARANTINED_ROWS,
    get variables() {
      return { w: run.workflowId, f: { file: NUL } };
    },
    field: 'filter.file',
  },
  {
    path: 'PipelineRun.quarantinedRows.filter.reason',
    caller: 'admin',
    query: QUARANTINED_ROWS,
    get variables() {
      return { w: run.workflowId, f: { reason: NUL } };
    },
    field: 'filter.reason',
  },
  {
    path: 'Query.modelVersion.version',
    caller: 'admin',
    query: 'query ($v: String!) { modelVersion(version: $v) { version } }',
    variables: { v: NUL },
    field: 'version',
  },
  {
    path: 'Query.movies.after',
    caller: 'anonymous',
    query: 'query ($a: String) { movies(after: $a) { totalCount } }',
    variables: { a: NUL },
    field: 'after',
  },
  {
    path: 'Query.movies.filter.search',
    caller: 'anonymous',
    query: 'query ($f: MovieFilter) { movies(filter: $f) { totalCount } }',
    variables: { f: { search: `heat${NUL}` } },
    field: 'filter.search',
  },
  {
    path: 'Query.movies.filter.genres',
    caller: 'anonymous',
    query: 'query ($f: MovieFilter) { movies(filter: $f) { totalCount } }',
    variables: { f: { genres: ['Drama', NUL] } },
    field: 'filter.genres',
  },
  {
    path: 'Query.myRatings.after',
    caller: 'user',
    query: 'query ($a: String) { myRatings(after: $a) { totalCount } }',
    variables: { a: NUL },
    field: 'after',
  },
  {
    path: 'Query.mySkips.after',
    caller: 'user',
    query: 'query ($a: String) { mySkips(after: $a) { totalCount } }',
    variables: { a: NUL },
    field: 'after',
  },
  {
    path: 'Query.pipelineRun.workflowId',
    caller: 'admin',
    query: 'query ($w: String!) { pipelineRun(workflowId: $w) { workflowId } }',
    variables: { w: NUL },
    field: 'workflowId',
  },
  {
    path: 'Query.pipelineRuns.filter.datasetVersion',
    caller: 'admin',
    query: 'query ($f: PipelineRunsFilter) { pipelineRuns(filter: $f) { workflowId } }',
    variables: { f: { datasetVersion: NUL } },
    field: 'filter.datasetVersion',
  },
  {
    path: 'Query.users.after',
    caller: 'admin',
    query: 'query ($a: String) { users(after: $a) { totalCount } }',
    variables: { a: NUL },
    field: 'after',
  },
  {
    path: 'Mutation.cancelPipelineRun.workflowId',
    caller: 'admin',
    query: 'mutation ($w: String!) { cancelPipelineRun(workflowId: $w) { workflowId } }',
    variables: { w: NUL },
    field: 'workflowId',
  },
  {
    path: 'Mutation.changePassword.input.currentPassword',
    caller: 'user',
    query: 'mutation ($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
    variables: { i: { currentPassword: `password${NUL}`, newPassword: 'a-new-passphrase-1' } },
    field: 'input.currentPassword',
  },
  {
    path: 'Mutation.changePassword.input.newPassword',
    caller: 'user',
    query: 'mutation ($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
    variables: { i: { currentPassword: 'password-1', newPassword: `a-new-passphrase${NUL}` } },
    field: 'input.newPassword',
  },
  {
    path: 'Mutation.deleteAccount.password',
    caller: 'user',
    query: 'mutation ($p: String!) { deleteAccount(password: $p) }',
    variables: { p: `password${NUL}` },
    field: 'password',
  },
  {
    path: 'Mutation.logIn.input.email',
    caller: 'anonymous',
    query: 'mutation ($i: LogInInput!) { logIn(input: $i) { accessToken } }',
    variables: { i: { email: `nul${NUL}@example.com`, password: 'password-1' } },
    field: 'input.email',
  },
  {
    path: 'Mutation.logIn.input.password',
    caller: 'anonymous',
    query: 'mutation ($i: LogInInput!) { logIn(input: $i) { accessToken } }',
    variables: { i: { email: 'nul@example.com', password: `password${NUL}` } },
    field: 'input.password',
  },
  {
    path: 'Mutation.promoteModel.version',
    caller: 'admin',
    query: 'mutation ($v: String!) { promoteModel(version: $v) { version } }',
    variables: { v: NUL },
    field: 'version',
  },
  {
    path: 'Mutation.retrainModel.input.modelVersion',
    caller: 'admin',
    query: 'mutation ($i: RetrainModelInput) { retrainModel(input: $i) { workflowId } }',
    variables: { i: { modelVersion: `m${NUL}` } },
    field: 'input.modelVersion',
  },
  {
    path: 'Mutation.signUp.input.displayName',
    caller: 'anonymous',
    query: 'mutation ($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
    variables: { i: { email: 'nul-name@example.com', password: 'password-1', displayName: `Ada${NUL}` } },
    field: 'input.displayName',
  },
  {
    path: 'Mutation.signUp.input.email',
    caller: 'anonymous',
    query: 'mutation ($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
    variables: { i: { email: `nul${NUL}@example.com`, password: 'password-1' } },
    field: 'input.email',
  },
  {
    path: 'Mutation.signUp.input.password',
    caller: 'anonymous',
    query: 'mutation ($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
    variables: { i: { email: 'nul-password@example.com', password: `password${NUL}` } },
    field: 'input.password',
  },
  ...(['startEnrichment', 'startImport', 'startPipeline'] as const).map((mutation) => ({
    path: `Mutation.${mutation}.datasetVersion`,
    caller: 'admin' as const,
    query: `mutation ($d: String!) { ${mutation}(datasetVersion: $d) { workflowId } }`,
    variables: { d: NUL },
    field: 'datasetVersion',
  })),
];

type KeyType = 'integer' | 'bigint' | 'float8' | 'numeric' | 'text' | 'none';

const NOT_NUMBERS = ['1e999', '-1e999', 'NaN', 'Infinity', `1${NUL}`, '', ' 1', '0x10', 5, true, null];
/** Cursor keys of each type that a cursor made by the API never holds. */
const FORGED_KEYS: Record<KeyType, unknown[]> = {
  integer: [...NOT_NUMBERS, '2147483648', '1.5'],
  bigint: [...NOT_NUMBERS, '9223372036854775808', '1.5'],
  float8: [...NOT_NUMBERS, '1e-400'],
  numeric: NOT_NUMBERS,
  text: [`Heat${NUL}`, 5, true, null],
  none: ['1', 1],
};

/** Every cursor-paged list with the kind of cursor it makes and the type of its sort key. */
const CURSOR_LISTS: { name: string; caller: Caller; query: string; kind: string; keyType: KeyType; key: string | null }[] = [
  ...(
    [
      ['POPULARITY', 'integer', '12'],
      ['RATING', 'float8', '3.75'],
      ['TITLE', 'text', 'Heat'],
      ['YEAR', 'integer', '1995'],
    ] as const
  ).map(([sort, keyType, key]) => ({
    name: `movies (${sort})`,
    caller: 'anonymous' as const,
    query: `query ($a: String) { movies(sort: ${sort}, after: $a) { totalCount edges { cursor } } }`,
    kind: `movies:${sort}`,
    keyType,
    key,
  })),
  {
    name: 'movies (RELEVANCE)',
    caller: 'anonymous',
    query: 'query ($a: String) { movies(filter: { search: "heat" }, after: $a) { totalCount edges { cursor } } }',
    kind: 'movies:RELEVANCE',
    keyType: 'numeric',
    key: '0.5',
  },
  {
    name: 'myRatings',
    caller: 'user',
    query: 'query ($a: String) { myRatings(after: $a) { totalCount edges { cursor } } }',
    kind: 'ratings:RATED_AT',
    keyType: 'bigint',
    key: '1700000000000000',
  },
  {
    name: 'mySkips',
    caller: 'user',
    query: 'query ($a: String) { mySkips(after: $a) { totalCount edges { cursor } } }',
    kind: 'skips:SKIPPED_AT',
    keyType: 'bigint',
    key: '1700000000000000',
  },
  {
    name: 'users',
    caller: 'admin',
    query: 'query ($a: String) { users(after: $a) { totalCount edges { cursor } } }',
    kind: 'users:ID',
    keyType: 'none',
    key: null,
  },
];

/** The String and ID arguments of the schema's root fields, input object fields included, as `Type.field.argument…`. */
function stringArgumentPaths(schema: GraphQLSchema): string[] {
  const paths: string[] = [];
  const visit = (path: string, input: GraphQLArgument | GraphQLInputField, seen: Set<string>) => {
    const named = getNamedType(input.type);
    if (named.name === 'String' || named.name === 'ID') paths.push(path);
    if (named instanceof GraphQLInputObjectType && !seen.has(named.name)) {
      for (const field of Object.values(named.getFields())) visit(`${path}.${field.name}`, field, new Set([...seen, named.name]));
    }
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) visit(`${type.name}.${field.name}.${arg.name}`, arg, new Set());
    }
  }
  return paths.sort();
}

/**
 * Bad client input (a NUL character, which PostgreSQL text cannot hold; forged cursors; numbers that are not
 * numbers) is BAD_USER_INPUT naming the argument, never an INTERNAL_SERVER_ERROR.
 */
describe('bad client input', () => {
  let api: TestApi;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    api = await TestApi.start({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    await seedCatalog(api.database.url);
    const admin = await api.gql(`mutation ($i: LogInInput!) { logIn(input: $i) { accessToken } }`, { i: ADMIN });
    tokens.admin = admin.data!.logIn.accessToken;
    const user = await api.gql(`mutation { signUp(input: { email: "bad-input@example.com", password: "password-1" }) { accessToken } }`);
    tokens.user = user.data!.signUp.accessToken;
    // A run whose fields resolve; terminated at once, so it never shows as running to the tests that list runs.
    const started = await api.gql(
      `mutation ($v: String!) { startEnrichment(datasetVersion: $v) { workflowId } }`,
      { v: `bad-input-${Date.now()}` },
      tokens.admin,
    );
    run.workflowId = started.data!.startEnrichment.workflowId;
    await api.app.get(TemporalClient).workflow.getHandle(run.workflowId).terminate('bad-input test: only its fields are needed');
  });

  afterAll(() => api?.close());

  const as = (caller: Caller) => (caller === 'anonymous' ? undefined : tokens[caller]);

  /** Posts a raw JSON body, so that numbers JSON.stringify cannot write (1e999) reach the server as sent. */
  async function rawGql(body: string, caller: Caller): Promise<GqlResponse> {
    const call = request(api.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
    const token = as(caller);
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call.send(body);
    return { status: response.status, headers: response.headers, data: response.body.data, errors: response.body.errors };
  }

  const expectBadInput = (response: GqlResponse, field: string) => {
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error.message).toContain(field);
  };

  it('the table below covers every String and ID argument of the schema', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    expect(STRING_ARGUMENTS.map((argument) => argument.path).sort()).toEqual(stringArgumentPaths(schema));
  });

  it.each(STRING_ARGUMENTS.map((argument) => [argument.path, argument] as const))(
    'a NUL character in %s is BAD_USER_INPUT naming it',
    async (_path, { caller, query, variables, field }) => {
      const response = await api.gql(query, variables, as(caller));
      expectBadInput(response, field);
      expect(onlyError(response).message).toMatch(/NUL/);
    },
  );

  const forged = (kind: string, key: unknown, id: unknown) => Buffer.from(JSON.stringify([kind, key, id])).toString('base64url');

  it.each(CURSOR_LISTS.map((list) => [list.name, list] as const))(
    '%s: a well-formed cursor works, a forged one is BAD_USER_INPUT naming `after`',
    async (_name, { caller, query, kind, keyType, key }) => {
      const genuine = await api.gql(query, { a: encodeCursor(kind, { key, id: 1 }) }, as(caller));
      expect(genuine.errors).toBeUndefined();
      for (const badKey of FORGED_KEYS[keyType]) {
        expectBadInput(await api.gql(query, { a: forged(kind, badKey, 1) }, as(caller)), 'after');
      }
      for (const badId of [2 ** 31, Number.MAX_SAFE_INTEGER, -1, 1.5, '1', null]) {
        expectBadInput(await api.gql(query, { a: forged(kind, key, badId) }, as(caller)), 'after');
      }
    },
  );

  it.each([
    ['movie(id)', 'anonymous', 'query ($v: Int!) { movie(id: $v) { id } }', '$v'],
    ['movies(first)', 'anonymous', 'query ($v: Int!) { movies(first: $v) { totalCount } }', '$v'],
    ['movies(filter.yearFrom)', 'anonymous', 'query ($v: Int) { movies(filter: { yearFrom: $v }) { totalCount } }', '$v'],
    ['rateMovie(rating)', 'user', 'mutation ($v: Float!) { rateMovie(movieId: 1, rating: $v) { rating } }', '$v'],
    ['rateMovie(movieId)', 'user', 'mutation ($v: Int!) { rateMovie(movieId: $v, rating: 4) { rating } }', '$v'],
    ['skipMovie(movieId)', 'user', 'mutation ($v: Int!) { skipMovie(movieId: $v) { skippedAt } }', '$v'],
    ['demoLogIn(userId)', 'anonymous', 'mutation ($v: Int!) { demoLogIn(userId: $v) { accessToken } }', '$v'],
  ] as const)('a number out of range (1e999) in %s is BAD_USER_INPUT naming it', async (_name, caller, query, variable) => {
    const error = onlyError(await rawGql(`{"query": ${JSON.stringify(query)}, "variables": {"v": 1e999}}`, caller));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(variable);
  });

  it.each([
    ['lambdas', '{"explicitGrid": {"lambdas": [1e999]}}', 'input.explicitGrid.lambdas'],
    ['alphas', '{"implicitGrid": {"alphas": [-1e999]}}', 'input.implicitGrid.alphas'],
  ])('a number out of range in retrainModel(input.%s) is BAD_USER_INPUT naming it', async (_name, input, field) => {
    const query = 'mutation ($i: RetrainModelInput) { retrainModel(input: $i) { workflowId } }';
    const response = await rawGql(`{"query": ${JSON.stringify(query)}, "variables": {"i": ${input}}}`, 'admin');
    expect(onlyError(response).extensions.code).toBe('BAD_USER_INPUT');
    expect(onlyError(response).message).toMatch(new RegExp(`\\$i|${field.replace(/\./g, '\\.')}`));
  });

  it.each([
    ['movie(id: 1e999)', '{ movie(id: 1e999) { id } }'],
    ['rateMovie(rating: 1e999)', 'mutation { rateMovie(movieId: 1, rating: 1e999) { rating } }'],
  ])('a literal %s is refused as a client error', async (_name, query) => {
    const error = onlyError(await api.gql(query, {}, tokens.user));
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(error.extensions.code);
  });
});
