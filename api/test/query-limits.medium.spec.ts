import { onlyError, TestApi } from './support/test-api';

/** `count` copies of `field`, aliased a0, a1, … */
const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('query limits: alias amplification (issue 13)', () => {
  describe('with the default limits', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await TestApi.start();
    });

    afterAll(() => api?.close());

    it('rejects 1000 aliased genres lists, or health checks (3,000 backend probes), before running any', async () => {
      for (const field of ['genres { name }', 'health { ok }']) {
        const response = await api.gql(aliased(1000, field));
        expect(response.status).toBe(400);
        expect(response.data).toBeUndefined();
        // 6,000 tokens: parsing stops at the 1000th.
        expect(onlyError(response)).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
        expect(onlyError(response).message).toMatch(/more th\w+ 1000 tokens/);
      }
    });

    it('accepts 15 aliases and rejects 16', async () => {
      expect((await api.gql(aliased(15, 'movie(id: 1) { title }'))).errors).toBeUndefined();
      const response = await api.gql(aliased(16, 'movie(id: 1) { title }'));
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(onlyError(response)).toMatchObject({
        message: 'Query is too complex: Aliases limit of 15 exceeded, found 16.',
        extensions: { code: 'QUERY_TOO_COMPLEX', maximumAliases: 15 },
      });
    });

    it('rejects a document of thousands of duplicate fields (no aliases) at parsing', async () => {
      const response = await api.gql(`{ movie(id: 1) { ${'title '.repeat(5000)} } }`);
      expect(response.status).toBe(400);
      expect(onlyError(response)).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
      expect(onlyError(response).message).toMatch(/more th\w+ 1000 tokens/);
    });

    it('rejects more than 50 directives', async () => {
      const response = await api.gql(`{ movie(id: 1) { ${'title @include(if: true) '.repeat(51)} } }`);
      expect(response.status).toBe(400);
      expect(onlyError(response)).toMatchObject({
        message: 'Query is too complex: Directives limit of 50 exceeded, found 51.',
        extensions: { code: 'QUERY_TOO_COMPLEX', maximumDirectives: 50 },
      });
    });

    it("accepts the web app's largest page: 100 onboarding movie cards with their genres", async () => {
      const response = await api.gql(
        `{ onboardingMovies(first: 100) { id title year averageRating ratingCount myRating details { posterUrl } genres { id name } } }`,
      );
      expect(response.errors).toBeUndefined();
    });
  });

  describe('cost of what a field really does', () => {
    let api: TestApi;

    // Every query is over this limit, so each response reports its cost.
    beforeAll(async () => {
      api = await TestApi.start({ GRAPHQL_MAX_COMPLEXITY: '1' });
    });

    afterAll(() => api?.close());

    const cost = async (query: string) => {
      const error = onlyError(await api.gql(query));
      expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
      return error.extensions.complexity;
    };

    it('health costs one per backend it probes (PostgreSQL, Temporal, S3)', async () => {
      expect(await cost('{ health { ok } }')).toBe(3);
      expect(await cost('{ a: health { ok } b: health { ok } }')).toBe(6);
    });

    it('a list without `first` costs its rows: the genres (at most 20), the genres of a movie (at most 10)', async () => {
      expect(await cost('{ genres { name } }')).toBe(1 + 20);
      expect(await cost('{ movie(id: 1) { genres { name } } }')).toBe(1 + (1 + 10));
    });

    it('a list with `first` costs its rows, however few fields they have', async () => {
      expect(await cost('{ onboardingMovies(first: 50) { id } }')).toBe(1 + 50);
      expect(await cost('{ movie(id: 1) { tags(first: 30) { tag } } }')).toBe(1 + (1 + 30));
    });
  });

  describe('per-client rate limit of queries', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await TestApi.start({ QUERY_RATE_LIMIT: '3' });
    });

    afterAll(() => api?.close());

    it('charges every root query field (aliases too) per client, and refuses the whole request over it before running it', async () => {
      const allowed = await api.gql(aliased(3, 'movie(id: 1) { title }'));
      expect(allowed.errors).toBeUndefined();
      expect(Object.keys(allowed.data ?? {})).toEqual(['a0', 'a1', 'a2']);
      const refused = await api.gql(aliased(2, 'health { ok }'));
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.data).toBeUndefined();
      expect(onlyError(refused)).toMatchObject({
        message: 'Too many requests, try again later',
        extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1 },
      });
    });

    it('refills each second', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await api.gql('{ movie(id: 1) { title } }')).errors).toBeUndefined();
    });
  });
});
