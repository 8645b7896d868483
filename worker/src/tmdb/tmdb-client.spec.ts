import { startTmdbStub, type TmdbStub } from '@reelrank/testing';
import {
  TmdbAuthError,
  TmdbClient,
  type TmdbClientOptions,
  TmdbCredentialsMissingError,
  TmdbRequestError,
  type TmdbRetryEvent,
} from './tmdb-client';

const KEY = 'client-test-key';
const TOKEN = 'client-test-token';
const UNKNOWN_ID = 999_999_999;

/** The client against the stub, with short backoffs so the suite stays fast. */
const clientFor = (stub: TmdbStub, options: TmdbClientOptions = {}) =>
  new TmdbClient({ baseUrl: stub.url, apiKey: KEY, retryBaseDelayMs: 20, timeoutMs: 2000, requestsPerSecond: 200, ...options });

/** Runs `fn` and returns what it rejected with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('TmdbClient against the TMDB stub', () => {
  let stub: TmdbStub;

  afterEach(() => stub?.stop());

  it('authenticates with the API key as ?api_key= and parses the movie', async () => {
    stub = await startTmdbStub({ apiKey: KEY, readAccessToken: TOKEN });
    const result = await clientFor(stub).getMovie(550);
    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.movie).toMatchObject({ id: 550, title: 'Fight Club', runtime: 139 });
    expect(result.movie.credits?.cast).toHaveLength(76);
    expect(result.movie.keywords?.keywords).toEqual([]);
    expect(stub.requests.entries).toEqual([expect.objectContaining({ tmdbId: 550, status: 200, auth: 'api_key' })]);
  });

  it('authenticates with the read-access token as a Bearer header, never in the URL', async () => {
    stub = await startTmdbStub({ apiKey: KEY, readAccessToken: TOKEN });
    const client = clientFor(stub, { apiKey: undefined, readAccessToken: TOKEN });
    expect((await client.fetchMovie(862)).status).toBe('found');
    expect(stub.requests.entries).toEqual([expect.objectContaining({ tmdbId: 862, status: 200, auth: 'bearer' })]);
    // The token is not a key: sent as ?api_key= it is rejected, so the header is what authenticated.
    expect(await rejection(clientFor(stub, { apiKey: TOKEN }).fetchMovie(862))).toBeInstanceOf(TmdbAuthError);
  });

  it('waits at least Retry-After after a 429, and holds back other requests meanwhile', async () => {
    stub = await startTmdbStub({ apiKey: KEY, retryAfterSeconds: 1, scriptedFaults: { 862: ['429'] } });
    const retries: TmdbRetryEvent[] = [];
    const client = clientFor(stub, { onRetry: (event) => retries.push(event) });
    const started = Date.now();
    const first = client.fetchMovie(862);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = client.fetchMovie(8844);
    expect((await first).status).toBe('found');
    expect((await second).status).toBe('found');

    const [limited, retried] = stub.requests.entries.filter((entry) => entry.tmdbId === 862);
    expect(limited.status).toBe(429);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(990);
    const other = stub.requests.entries.find((entry) => entry.tmdbId === 8844)!;
    expect(other.at - limited.at).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(retries).toEqual([
      expect.objectContaining({ tmdbId: 862, attempt: 1, reason: expect.stringMatching(/^HTTP 429 \(status_code 25/) }),
    ]);
    expect(retries[0].delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('retries 500s with backoff', async () => {
    stub = await startTmdbStub({ apiKey: KEY, scriptedFaults: { 862: ['500', '500'] } });
    const retries: TmdbRetryEvent[] = [];
    const result = await clientFor(stub, { onRetry: (event) => retries.push(event), random: () => 1 }).fetchMovie(862);
    expect(result.status).toBe('found');
    expect(stub.requests.count(862)).toBe(3);
    expect(retries.map((event) => [event.attempt, event.delayMs, event.reason.slice(0, 8)])).toEqual([
      [1, 20, 'HTTP 500'],
      [2, 40, 'HTTP 500'],
    ]);
  });

  it('retries a request that times out', async () => {
    stub = await startTmdbStub({ apiKey: KEY, slowDelayMs: 5000, scriptedFaults: { 862: ['slow'] } });
    const retries: TmdbRetryEvent[] = [];
    const started = Date.now();
    const result = await clientFor(stub, { timeoutMs: 200, onRetry: (event) => retries.push(event) }).fetchMovie(862);
    expect(result.status).toBe('found');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stub.requests.count(862)).toBe(2);
    expect(retries).toEqual([expect.objectContaining({ reason: 'no answer within 200 ms' })]);
  });

  it('gives up after maxAttempts with the last reason', async () => {
    stub = await startTmdbStub({ apiKey: KEY, scriptedFaults: { 862: ['500', '429', '500', 'ok'] }, retryAfterSeconds: 0 });
    const error = await rejection(clientFor(stub, { maxAttempts: 3 }).fetchMovie(862));
    expect(error).toBeInstanceOf(TmdbRequestError);
    expect(error).toMatchObject({ httpStatus: 500, attempts: 3, tmdbId: 862 });
    expect(error.message).toMatch(/^TMDB request for movie 862 failed after 3 attempts: HTTP 500/);
    expect(stub.requests.count(862)).toBe(3);
  });

  it('retries network errors', async () => {
    stub = await startTmdbStub({ apiKey: KEY });
    const url = stub.url;
    await stub.stop();
    const retries: TmdbRetryEvent[] = [];
    const error = await rejection(
      new TmdbClient({
        baseUrl: url,
        apiKey: KEY,
        retryBaseDelayMs: 5,
        maxAttempts: 3,
        onRetry: (event) => retries.push(event),
      }).fetchMovie(862),
    );
    expect(error).toBeInstanceOf(TmdbRequestError);
    expect(error.message).toMatch(/failed after 3 attempts: network error: fetch failed: .*ECONNREFUSED/);
    expect(retries).toHaveLength(2);
  });

  it('returns "not found" for a 404 without retrying', async () => {
    stub = await startTmdbStub({ apiKey: KEY });
    const client = clientFor(stub);
    expect(await client.fetchMovie(UNKNOWN_ID)).toEqual({
      status: 'not_found',
      tmdbId: UNKNOWN_ID,
      body: { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' },
    });
    expect(await client.getMovie(UNKNOWN_ID)).toEqual({ status: 'not_found' });
    expect(stub.requests.count(UNKNOWN_ID)).toBe(2);
  });

  it('fails fast with a clear message on 401', async () => {
    stub = await startTmdbStub({ apiKey: KEY });
    const error = await rejection(clientFor(stub, { apiKey: 'wrong-key' }).fetchMovie(862));
    expect(error).toBeInstanceOf(TmdbAuthError);
    expect(error.message).toBe('TMDB rejected the credentials (HTTP 401, status_code 7): check TMDB_API_KEY / TMDB_READ_ACCESS_TOKEN');
    expect(stub.requests.count(862)).toBe(1);
  });

  it('bounds requests per second and requests in flight', async () => {
    stub = await startTmdbStub({ apiKey: KEY, slowRate: 1, slowDelayMs: 400 });
    let inFlight = 0;
    let maxInFlight = 0;
    const countingFetch: typeof fetch = async (...args) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await fetch(...args);
      } finally {
        inFlight--;
      }
    };
    const client = clientFor(stub, { requestsPerSecond: 10, concurrency: 3, fetch: countingFetch });
    const ids = [862, 8844, 15602, 31357, 11862, 949, 11860, 45325, 9091, 710, 9087, 12110];
    const started = Date.now();
    await Promise.all(ids.map((id) => client.fetchMovie(id)));
    expect(maxInFlight).toBe(3);
    const starts = stub.requests.entries.map((entry) => entry.at).sort((a, b) => a - b);
    // 12 requests at 10/s: at least 100 ms apart, so the last starts >= 1.1 s after the first.
    expect(starts[starts.length - 1] - starts[0]).toBeGreaterThanOrEqual(1050);
    for (let i = 10; i < starts.length; i++) expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
  });

  it('stops retrying when cancelled', async () => {
    stub = await startTmdbStub({ apiKey: KEY, slowDelayMs: 5000, scriptedFaults: { 862: ['slow'] } });
    const controller = new AbortController();
    const started = Date.now();
    const pending = clientFor(stub).fetchMovie(862, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('activity cancelled')), 100);
    expect((await rejection(pending)).message).toBe('activity cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stub.requests.count(862)).toBe(1);
  });
});

describe('TmdbClient without a TMDB server', () => {
  const respond = (status: number, body: string, headers: Record<string, string> = {}): typeof fetch =>
    (async () => new Response(body, { status, headers })) as typeof fetch;

  it('knows when no credentials are configured, and refuses to call TMDB', async () => {
    const client = new TmdbClient({ fetch: respond(200, '{}') });
    expect(client.hasCredentials).toBe(false);
    expect(new TmdbClient({ apiKey: 'k' }).hasCredentials).toBe(true);
    expect(new TmdbClient({ readAccessToken: 't' }).hasCredentials).toBe(true);
    expect(await rejection(client.fetchMovie(862))).toBeInstanceOf(TmdbCredentialsMissingError);
  });

  it('does not take a 404 without a TMDB error body for "not found" (wrong TMDB_BASE_URL)', async () => {
    const client = new TmdbClient({ apiKey: 'k', baseUrl: 'http://example.invalid/', fetch: respond(404, '<html>Not Found</html>') });
    const error = await rejection(client.fetchMovie(862));
    expect(error).toBeInstanceOf(TmdbRequestError);
    expect(error.message).toContain('check TMDB_BASE_URL (http://example.invalid)');
  });

  it('honours Retry-After given as an HTTP date', async () => {
    let calls = 0;
    const retries: TmdbRetryEvent[] = [];
    const fetchImpl = (async () => {
      calls++;
      return calls === 1
        ? new Response('{"status_code":25}', { status: 429, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } })
        : new Response('{"id":862}', { status: 200 });
    }) as typeof fetch;
    const client = new TmdbClient({ apiKey: 'k', retryBaseDelayMs: 1, fetch: fetchImpl, onRetry: (event) => retries.push(event) });
    const started = Date.now();
    expect(await client.fetchMovie(862)).toEqual({ status: 'found', tmdbId: 862, body: '{"id":862}' });
    expect(retries[0].delayMs).toBeGreaterThan(900);
    expect(Date.now() - started).toBeGreaterThan(900);
  });

  it('does not retry other client errors', async () => {
    const client = new TmdbClient({ apiKey: 'k', fetch: respond(400, '{"status_code":22,"status_message":"Invalid page"}') });
    const error = await rejection(client.fetchMovie(862));
    expect(error).toMatchObject({
      name: 'TmdbRequestError',
      httpStatus: 400,
      message: 'TMDB answered HTTP 400 for movie 862 (status_code 22: Invalid page)',
    });
  });
});
