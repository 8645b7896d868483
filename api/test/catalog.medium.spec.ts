import { getIntrospectionQuery } from 'graphql';
import { Client } from 'pg';
import { MOVIE_COUNT, MOVIES, seedCatalog } from './support/catalog-seed';
import { onlyError, TestApi } from './support/test-api';

const MOVIES_QUERY = `
  query Movies($filter: MovieFilter, $sort: MovieSort, $first: Int!, $after: String) {
    movies(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id title } }
    }
  }`;

interface MoviesPage {
  movies: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: number; title: string } }[];
  };
}

describe('catalog GraphQL API', () => {
  let api: TestApi;
  let demoToken: string;

  const movies = (variables: Record<string, unknown>) => api.gql<MoviesPage>(MOVIES_QUERY, { first: 20, ...variables });
  const ids = async (variables: Record<string, unknown>) => {
    const response = await movies(variables);
    expect(response.errors).toBeUndefined();
    return response.data!.movies.edges.map((edge) => edge.node.id);
  };

  beforeAll(async () => {
    api = await TestApi.start({ DEMO_LOGIN_ENABLED: 'true' });
    await seedCatalog(api.database.url);
    const login = await api.gql(`mutation { demoLogIn(userId: 4) { accessToken } }`);
    demoToken = login.data!.demoLogIn.accessToken;
  });

  afterAll(() => api?.close());

  describe('movies', () => {
    it.each([
      ['POPULARITY', [1, 318, 296, 2571, 858, 2, 5, 3114, 99001]],
      ['RATING', [318, 858, 2571, 1, 296, 3114, 99001, 2, 5]],
      ['TITLE', [99001, 5, 858, 2, 2571, 296, 318, 1, 3114]],
      ['YEAR', [2571, 3114, 1, 2, 5, 296, 318, 858, 99001]],
    ])('sorts by %s, with stable cursors across pages of every size', async (sort, expected) => {
      expect(await ids({ sort })).toEqual(expected);
      for (const first of [1, 2, 4]) {
        const seen: number[] = [];
        let after: string | null = null;
        for (;;) {
          const response = await movies({ sort, first, after });
          const page = response.data!.movies;
          seen.push(...page.edges.map((edge) => edge.node.id));
          expect(page.totalCount).toBe(MOVIE_COUNT);
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(expected);
      }
    });

    it.each([
      ['POPULARITY', { minRatings: 1 }, [1, 318, 296, 2571, 858, 2, 5, 3114]],
      ['RATING', { minRatings: 1 }, [318, 858, 2571, 1, 296, 3114, 2, 5]],
      ['TITLE', { genres: ['Comedy'] }, [5, 296, 1, 3114]],
      ['YEAR', { genres: ['Children'] }, [3114, 1, 2]],
      ['RATING', { search: 'toy story' }, [1, 3114]],
    ])('sorts the matches of a filter by %s (%j), with stable cursors across pages', async (sort, filter, expected) => {
      expect(await ids({ sort, filter })).toEqual(expected);
      for (const first of [1, 2]) {
        const seen: number[] = [];
        let after: string | null = null;
        for (;;) {
          const page: MoviesPage['movies'] = (await movies({ sort, filter, first, after })).data!.movies;
          seen.push(...page.edges.map((edge) => edge.node.id));
          expect(page.totalCount).toBe(expected.length);
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(expected);
      }
    });

    it("orders RATING by each movie's bayesianRating, as the API computes it", async () => {
      const response = await api.gql<{ movies: { edges: { node: { id: number; bayesianRating: number } }[] } }>(
        `{ movies(sort: RATING, first: 100) { edges { node { id bayesianRating } } } }`,
      );
      const ratings = response.data!.movies.edges.map((edge) => edge.node.bayesianRating);
      expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
      expect(ratings).toHaveLength(MOVIE_COUNT);
    });

    it('defaults to POPULARITY and 20 per page', async () => {
      const response = await api.gql(`{ movies { edges { node { id } } } }`);
      expect(response.data!.movies.edges.map((edge: { node: { id: number } }) => edge.node.id)).toEqual([
        1, 318, 296, 2571, 858, 2, 5, 3114, 99001,
      ]);
    });

    it('resumes after any edge cursor', async () => {
      const all = (await movies({ sort: 'TITLE' })).data!.movies.edges;
      const next = await movies({ sort: 'TITLE', first: 2, after: all[3].cursor });
      expect(next.data!.movies.edges.map((edge) => edge.node.id)).toEqual([all[4].node.id, all[5].node.id]);
    });

    it('returns an empty last page after the last cursor', async () => {
      const all = await movies({ sort: 'YEAR' });
      expect(all.data!.movies.pageInfo).toEqual({ hasNextPage: false, endCursor: all.data!.movies.edges.at(-1)!.cursor });
      const after = await movies({ sort: 'YEAR', after: all.data!.movies.pageInfo.endCursor });
      expect(after.data!.movies).toEqual({ totalCount: MOVIE_COUNT, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it('answers first: 0 with no edges but tells whether there are any', async () => {
      const response = await movies({ first: 0 });
      expect(response.data!.movies).toEqual({ totalCount: MOVIE_COUNT, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
    });

    it.each([
      [{ first: 101 }, 'first', /first: must not be greater than 100/],
      [{ first: -1 }, 'first', /first: must not be less than 0/],
      [{ after: 'not-a-cursor' }, 'after', /after: is not a valid cursor/],
      [{ after: '%%%' }, 'after', /after: is not a valid cursor/],
      [{ filter: { yearFrom: 1700 } }, 'filter.yearFrom', /filter\.yearFrom: must not be less than 1800/],
      [{ filter: { yearFrom: 2000, yearTo: 1990 } }, 'filter.yearTo', /filter\.yearTo: must not be before filter\.yearFrom/],
      [{ filter: { minRatings: -5 } }, 'filter.minRatings', /filter\.minRatings/],
      [{ filter: { search: 'x'.repeat(101) } }, 'filter.search', /filter\.search/],
      [{ filter: { genres: [''] } }, 'filter.genres', /filter\.genres/],
      [{ sort: 'RELEVANCE' }, 'sort', /sort: RELEVANCE needs filter.search/],
    ])('rejects %j with BAD_USER_INPUT naming %s', async (variables, field, message) => {
      const response = await movies(variables);
      const error = onlyError(response);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toMatch(message);
      expect(response.data).toBeNull();
    });

    it('rejects a cursor of another order', async () => {
      const { endCursor } = (await movies({ sort: 'TITLE', first: 2 })).data!.movies.pageInfo;
      const error = onlyError(await movies({ sort: 'YEAR', after: endCursor }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('filters by genres (all of them, case-insensitive), years and rating count', async () => {
      expect(await ids({ sort: 'TITLE', filter: { genres: ['crime', 'DRAMA'] } })).toEqual([858, 296, 318]);
      expect(await ids({ sort: 'TITLE', filter: { genres: ['Crime', 'Comedy'] } })).toEqual([296]);
      expect(await ids({ filter: { genres: ['Western'] } })).toEqual([]);
      expect(await ids({ sort: 'YEAR', filter: { yearFrom: 1995, yearTo: 1999 } })).toEqual([2571, 3114, 1, 2, 5]);
      expect(await ids({ filter: { minRatings: 4 } })).toEqual([1, 318, 296, 2571]);
      const combined = await movies({ filter: { genres: ['Drama'], yearTo: 1994, minRatings: 4 } });
      expect(combined.data!.movies.totalCount).toBe(2);
    });
  });

  describe('search', () => {
    it('tolerates typos in titles and ranks by relevance', async () => {
      expect(await ids({ filter: { search: 'Shawshenk' } })).toEqual([MOVIES.shawshank.id]);
      expect(await ids({ filter: { search: 'shawshank redemtion' } })).toEqual([MOVIES.shawshank.id]);
      expect(await ids({ filter: { search: 'matrx' } })).toEqual([MOVIES.matrix.id]);
      expect(await ids({ filter: { search: 'toy story' } })).toEqual([MOVIES.toyStory.id, MOVIES.toyStory2.id]);
    });

    it('matches user tags', async () => {
      expect(await ids({ filter: { search: 'dystopia' } })).toEqual([MOVIES.matrix.id]);
      expect(await ids({ filter: { search: 'mafia' } })).toEqual([MOVIES.godfather.id]);
      expect(await ids({ filter: { search: 'PIXAR' } })).toEqual([MOVIES.toyStory.id, MOVIES.toyStory2.id]);
    });

    it('ignores a blank search and combines with filters, other orders and pagination', async () => {
      expect(await ids({ filter: { search: '   ' } })).toHaveLength(MOVIE_COUNT);
      expect(await ids({ filter: { search: 'toy story', yearFrom: 1999 } })).toEqual([MOVIES.toyStory2.id]);
      expect(await ids({ sort: 'YEAR', filter: { search: 'toy story' } })).toEqual([MOVIES.toyStory2.id, MOVIES.toyStory.id]);
      const first = await movies({ first: 1, filter: { search: 'pixar' } });
      expect(first.data!.movies.totalCount).toBe(2);
      const second = await movies({ first: 1, after: first.data!.movies.pageInfo.endCursor, filter: { search: 'pixar' } });
      expect(second.data!.movies.edges.map((edge) => edge.node.id)).toEqual([MOVIES.toyStory2.id]);
      expect(second.data!.movies.pageInfo.hasNextPage).toBe(false);
    });

    it('finds nothing for unrelated text', async () => {
      expect(await ids({ filter: { search: 'zzzqqxx' } })).toEqual([]);
    });

    it('searches with predicates the trigram indexes serve', async () => {
      // On this tiny table the planner prefers other plans; rule them out (rolled back) to see that the
      // search predicates (`text <% column`) are index conditions of the GIN trigram indexes.
      const client = new Client({ connectionString: api.database.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('DROP INDEX tags_user_id_movie_id_tag_key, tags_movie_id_idx');
        await client.query('SET LOCAL enable_seqscan = off');
        const plan = async (sql: string) => (await client.query(`EXPLAIN ${sql}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(await plan(`SELECT id FROM movies WHERE 'shawshenk' <% title`)).toMatch(
          /Bitmap Index Scan on movies_title_trgm_idx[\s\S]*Index Cond: \(title %> 'shawshenk'::text\)/,
        );
        expect(await plan(`SELECT movie_id FROM tags WHERE 'pixar' <% tag`)).toMatch(
          /Bitmap Index Scan on tags_tag_trgm_idx[\s\S]*Index Cond: \(tag %> 'pixar'::text\)/,
        );
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }
    });

    it('lets the planner pick the trigram index over a scan that computes every similarity', async () => {
      // A few thousand tags, the size of ml-latest-small's (rolled back). With pg_trgm's default operator
      // cost the planner scanned them all, computing word_similarity() per row (migration trigram_match_costs).
      const client = new Client({ connectionString: api.database.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO tags (user_id, movie_id, tag)
           SELECT u.id, m.id, 'synthetic tag ' || g
           FROM generate_series(1, 4000) g
           CROSS JOIN LATERAL (SELECT id FROM users ORDER BY id LIMIT 1 OFFSET g % 2) u
           CROSS JOIN LATERAL (SELECT id FROM movies ORDER BY id LIMIT 1 OFFSET g % ${MOVIE_COUNT}) m`,
        );
        await client.query('ANALYZE tags');
        const plan = (await client.query(`EXPLAIN SELECT movie_id FROM tags WHERE 'pixar' <% tag`)).rows
          .map((row) => row['QUERY PLAN'])
          .join('\n');
        expect(plan).toMatch(/Bitmap Index Scan on tags_tag_trgm_idx/);
        expect(plan).not.toMatch(/Seq Scan/);
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }
    });
  });

  describe('movie', () => {
    it('returns a movie with genres, tags, rating stats, links and TMDB details', async () => {
      const response = await api.gql(`{
        movie(id: 1) {
          id title year
          genres { name movieCount }
          tags { tag count }
          topTag: tags(first: 1) { tag }
          ratingCount averageRating bayesianRating myRating
          imdbUrl tmdbUrl
          details {
            overview tagline runtime releaseDate originalLanguage posterUrl backdropUrl voteAverage voteCount
            genres keywords directors cast { name character profileUrl } fetchedAt
          }
        }
      }`);
      expect(response.errors).toBeUndefined();
      const movie = response.data!.movie;
      expect(movie).toMatchObject({
        id: 1,
        title: 'Toy Story',
        year: 1995,
        genres: [
          { name: 'Adventure', movieCount: 3 },
          { name: 'Animation', movieCount: 2 },
          { name: 'Children', movieCount: 3 },
          { name: 'Comedy', movieCount: 4 },
        ],
        tags: [
          { tag: 'pixar', count: 3 },
          { tag: 'toys', count: 1 },
        ],
        topTag: [{ tag: 'pixar' }],
        ratingCount: 5,
        averageRating: 4,
        myRating: null,
        imdbUrl: 'https://www.imdb.com/title/tt0114709/',
        tmdbUrl: 'https://www.themoviedb.org/movie/862',
        details: {
          overview: "Led by Woody, Andy's toys live happily in his room.",
          tagline: 'The adventure takes off!',
          runtime: 81,
          releaseDate: '1995-10-30',
          originalLanguage: 'en',
          posterUrl: 'https://image.tmdb.org/t/p/w500/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
          backdropUrl: 'https://image.tmdb.org/t/p/w1280/3Rfvhy1Nl6sSGJwyjb0QiZzZYlB.jpg',
          voteAverage: 8,
          voteCount: 17000,
          genres: ['Animation', 'Adventure', 'Family', 'Comedy'],
          keywords: ['toy', 'friendship'],
          directors: ['John Lasseter'],
          cast: [
            {
              name: 'Tom Hanks',
              character: 'Woody (voice)',
              profileUrl: 'https://image.tmdb.org/t/p/w185/xndWFsBlClOJFRdhSt4NBwiPq2o.jpg',
            },
            { name: 'Tim Allen', character: 'Buzz Lightyear (voice)', profileUrl: null },
          ],
        },
      });
      expect(movie.bayesianRating).toBeCloseTo(55 / 15, 10);
      expect(Date.parse(movie.details.fetchedAt)).not.toBeNaN();
    });

    it('has null details when TMDB has none or enrichment did not run, and null links without a link', async () => {
      const response = await api.gql(`{
        shawshank: movie(id: 318) { details { overview } imdbUrl }
        jumanji: movie(id: 2) { details { overview } imdbUrl tmdbUrl }
        obscure: movie(id: 99001) { year genres { name } tags { tag } ratingCount averageRating bayesianRating imdbUrl }
      }`);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        shawshank: { details: null, imdbUrl: 'https://www.imdb.com/title/tt0111161/' },
        jumanji: { details: null, imdbUrl: 'https://www.imdb.com/title/tt0113497/', tmdbUrl: null },
        obscure: { year: null, genres: [], tags: [], ratingCount: 0, averageRating: null, bayesianRating: 3.5, imdbUrl: null },
      });
    });

    it('is null for an unknown id', async () => {
      const response = await api.gql(`{ movie(id: 424242) { id title } }`);
      expect(response).toMatchObject({ status: 200, data: { movie: null } });
      expect(response.errors).toBeUndefined();
    });

    it('has myRating for the signed-in user', async () => {
      const response = await api.gql(`{ shawshank: movie(id: 318) { myRating } godfather: movie(id: 858) { myRating } }`, {}, demoToken);
      expect(response.data).toEqual({ shawshank: { myRating: 5 }, godfather: { myRating: null } });
    });

    it('rejects a bad tags page size naming the argument', async () => {
      const response = await api.gql(`{ movie(id: 1) { id tags(first: 51) { tag } } }`);
      expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('reports an invalid token on the fields that need the caller only', async () => {
      const response = await api.gql(`{ movie(id: 1) { title myRating } }`, {}, 'not.a.token');
      expect(response.data).toEqual({ movie: { title: 'Toy Story', myRating: null } });
      expect(onlyError(response)).toMatchObject({ path: ['movie', 'myRating'], extensions: { code: 'UNAUTHENTICATED' } });
    });
  });

  it('lists genres with movie counts', async () => {
    const response = await api.gql(`{ genres { id name movieCount } }`);
    expect(response.data!.genres.map(({ name, movieCount }: { name: string; movieCount: number }) => [name, movieCount])).toEqual([
      ['Action', 1],
      ['Adventure', 3],
      ['Animation', 2],
      ['Children', 3],
      ['Comedy', 4],
      ['Crime', 3],
      ['Drama', 3],
      ['Sci-Fi', 1],
    ]);
  });

  describe('query cost', () => {
    const FULL_PAGE = `
      query Page($first: Int!) {
        movies(first: $first, sort: POPULARITY) {
          totalCount
          edges {
            node {
              id title year ratingCount averageRating bayesianRating myRating imdbUrl tmdbUrl
              genres { name movieCount }
              tags(first: 3) { tag count }
              details { overview cast { name } }
            }
          }
        }
      }`;

    /** Counts the SQL statements the API sends to PostgreSQL while `work` runs (Prisma uses node-postgres). */
    async function countQueries(work: () => Promise<unknown>): Promise<number> {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        await work();
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    }

    it('loads every per-movie field of a list with one query per field, whatever the page size (no N+1)', async () => {
      await api.gql(FULL_PAGE, { first: 1 }, demoToken); // warm-up: pool connections
      // The most popular movies (Toy Story first): both pages have a movie with TMDB details to load.
      const small = await countQueries(() => api.gql(FULL_PAGE, { first: 2 }, demoToken));
      const large = await countQueries(() => api.gql(FULL_PAGE, { first: MOVIE_COUNT }, demoToken));
      const response = await api.gql(FULL_PAGE, { first: MOVIE_COUNT }, demoToken);
      expect(response.errors).toBeUndefined();
      expect(response.data!.movies.edges).toHaveLength(MOVIE_COUNT);
      expect(large).toBe(small);
      // The page (with the count, each movie's stats and the caller's ratings) + genres (two: Prisma reads the
      // relation apart) + genre counts + tags + links + details of the enriched movies.
      expect(large).toBeLessThanOrEqual(7);
    });

    it("lets GraphiQL's introspection query through the depth and complexity limits", async () => {
      const response = await api.gql(getIntrospectionQuery());
      expect(response.errors).toBeUndefined();
      expect(response.data!.__schema.queryType).toMatchObject({ name: 'Query' });
    });

    it('rejects a query whose estimated complexity is over the limit', async () => {
      const page = `movies(first: 100) { edges { node { genres { name } details { cast { name } } } } }`;
      const single = await api.gql(`{ ${page} }`);
      expect(single.errors).toBeUndefined();
      const aliased = await api.gql(`{ a: ${page} b: ${page} }`);
      expect(aliased.status).toBe(400);
      expect(onlyError(aliased).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximumComplexity: 2000 });
    });
  });
});
