import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultTmdbDatasetDir, loadStubMovies, parseMoviesMetadata, type StubMovie } from './movies-metadata';
import { startTmdbStub, type TmdbStub } from './tmdb-stub';

const KEY = 'stub-key';

async function get(stub: TmdbStub, pathAndQuery: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stub.url}${pathAndQuery}`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('movies_metadata conversion', () => {
  const loaded = loadStubMovies();

  it('reads every row of the partial dataset, deduplicating id 105045', () => {
    expect(loaded.rejected).toEqual([]);
    expect(loaded.duplicates).toBe(1);
    expect(loaded.movies.size).toBe(2349);
    expect(loaded.movies.has(105045)).toBe(true);
  });

  it('converts a row to the /movie/{id} shape, list columns included', () => {
    const toyStory = loaded.movies.get(862)!.details;
    expect(toyStory).toMatchObject({
      id: 862,
      title: 'Toy Story',
      imdb_id: 'tt0114709',
      original_language: 'en',
      runtime: 81,
      release_date: '1995-10-30',
      poster_path: '/rhIRbceoE9lR4veEXuwCC2wARtG.jpg',
      backdrop_path: null,
      vote_average: 7.7,
      vote_count: 5415,
      popularity: 21.946943,
      adult: false,
      video: false,
      tagline: '',
      genres: [
        { id: 16, name: 'Animation' },
        { id: 35, name: 'Comedy' },
        { id: 10751, name: 'Family' },
      ],
      belongs_to_collection: { id: 10194, name: 'Toy Story Collection' },
      production_countries: [{ iso_3166_1: 'US', name: 'United States of America' }],
    });
    expect(toyStory.overview).toMatch(/^Led by Woody, Andy's toys live happily/);
  });

  it('keeps names with apostrophes that Python double-quoted', () => {
    const names = [...loaded.movies.values()].flatMap((movie) =>
      (movie.details.production_companies as { name: string }[]).map((company) => company.name),
    );
    expect(names).toContain("Club d'Investissement Média");
    expect(names).toContain("Workin' Man Films");
  });

  it('serves id 550 from the real API sample with its real credits', () => {
    const fightClub = loaded.movies.get(550)!;
    expect(fightClub.details.tagline).toBe('Mischief. Mayhem. Soap.');
    expect(fightClub.credits.cast).toHaveLength(76);
    expect(fightClub.credits.crew).toHaveLength(187);
  });

  it('reports rows it cannot convert instead of serving them wrong', () => {
    const csv = readFileSync(path.join(defaultTmdbDatasetDir(), 'movies_metadata.ml-latest-small.csv'), 'utf8').split('\n');
    const broken = [csv[0], csv[1], csv[2].replace("[{'id': 12,", "[{'id' 12,")].join('\n');
    const result = parseMoviesMetadata(broken);
    expect(result.movies.size).toBe(1);
    expect(result.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/^genres: expected ":" at position/) }]);
  });
});

describe('TMDB stub server', () => {
  let stub: TmdbStub;

  afterEach(() => stub?.stop());

  it('answers /3/movie/{id} with credits and keywords appended', async () => {
    stub = await startTmdbStub({ apiKey: KEY });
    const { status, body } = await get(stub, `/3/movie/550?api_key=${KEY}&append_to_response=credits,keywords`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 550, title: 'Fight Club', keywords: { keywords: [] } });
    expect((body.credits as { cast: unknown[] }).cast).toHaveLength(76);

    const plain = await get(stub, `/3/movie/862?api_key=${KEY}`);
    expect(plain.body).not.toHaveProperty('credits');
    const appended = await get(stub, `/3/movie/862?api_key=${KEY}&append_to_response=credits,keywords`);
    expect(appended.body).toMatchObject({ id: 862, credits: { cast: [], crew: [] }, keywords: { keywords: [] } });
    expect((await get(stub, `/3/movie/550/credits?api_key=${KEY}`)).body).toMatchObject({ id: 550 });
  });

  it('answers TMDB error bodies: 404 for unknown ids, 401 for a wrong key or token', async () => {
    stub = await startTmdbStub({ apiKey: KEY, readAccessToken: 'stub-token' });
    expect(await get(stub, `/3/movie/999999999?api_key=${KEY}`)).toMatchObject({ status: 404, body: { status_code: 34, success: false } });
    expect(await get(stub, '/3/movie/862?api_key=wrong')).toMatchObject({ status: 401, body: { status_code: 7 } });
    expect(await get(stub, '/3/movie/862')).toMatchObject({ status: 401, body: { status_code: 7 } });
    expect(await get(stub, '/3/movie/862', { authorization: 'Bearer wrong' })).toMatchObject({ status: 401 });
    expect(await get(stub, '/3/movie/862', { authorization: 'Bearer stub-token' })).toMatchObject({ status: 200 });
    expect(stub.requests.entries.map((entry) => entry.auth)).toEqual(['api_key', 'api_key', 'none', 'bearer', 'bearer']);
  });

  it('counts requests per id', async () => {
    stub = await startTmdbStub({ apiKey: KEY });
    await get(stub, `/3/movie/862?api_key=${KEY}`);
    await get(stub, `/3/movie/862?api_key=${KEY}`);
    await get(stub, `/3/movie/8844?api_key=${KEY}`);
    expect(stub.requests.count(862)).toBe(2);
    expect(stub.requests.count(8844)).toBe(1);
    expect(stub.requests.count(1)).toBe(0);
    expect(stub.requests.total).toBe(3);
    expect(stub.requests.ids()).toEqual([862, 8844]);
    stub.requests.reset();
    expect(stub.requests.total).toBe(0);
  });

  it('injects 429s with Retry-After and 500s at the configured rate, the same for the same seed', async () => {
    const ids = [...loadStubMovies().movies.keys()].slice(0, 200);
    const outcomes = async (seed: number) => {
      stub = await startTmdbStub({ apiKey: KEY, failureRate: 0.3, seed, retryAfterSeconds: 2 });
      const statuses = await Promise.all(
        ids.map(async (id) => {
          const response = await get(stub, `/3/movie/${id}?api_key=${KEY}`);
          if (response.status === 429) {
            expect(response.headers.get('retry-after')).toBe('2');
            expect(response.body.status_code).toBe(25);
          }
          return response.status;
        }),
      );
      await stub.stop();
      return statuses;
    };
    const first = await outcomes(7);
    const failures = first.filter((status) => status !== 200).length;
    expect(failures).toBeGreaterThan(40);
    expect(failures).toBeLessThan(80);
    expect(first.filter((status) => status === 429).length).toBeGreaterThan(10);
    expect(first.filter((status) => status === 500).length).toBeGreaterThan(10);
    expect(await outcomes(7)).toEqual(first);
    expect(await outcomes(8)).not.toEqual(first);
  });

  it('follows scripted faults and delays slow answers', async () => {
    stub = await startTmdbStub({ apiKey: KEY, slowDelayMs: 300, scriptedFaults: { 862: ['429', '500', 'slow'] } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(stub, `/3/movie/862?api_key=${KEY}`)).status);
    expect(statuses).toEqual([429, 500, 200]);
    const started = Date.now();
    expect((await get(stub, `/3/movie/862?api_key=${KEY}`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(250);
    expect(stub.requests.entries.map((entry) => entry.fault)).toEqual(['429', '500', 'slow', undefined]);
  });

  it('serves movies given in the options, and stops with slow answers pending', async () => {
    const movies = new Map<number, StubMovie>([
      [1, { details: { id: 1, title: 'One' }, credits: { cast: [], crew: [] }, keywords: [{ id: 9, name: 'nine' }] }],
    ]);
    stub = await startTmdbStub({ apiKey: KEY, movies, slowRate: 1, slowDelayMs: 60_000 });
    expect(stub.movies.size).toBe(1);
    const pending = fetch(`${stub.url}/3/movie/1?api_key=${KEY}&append_to_response=keywords`).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stub.stop();
    expect(await pending).toBe('TypeError'); // fetch failed: the connection was closed
  });
});
