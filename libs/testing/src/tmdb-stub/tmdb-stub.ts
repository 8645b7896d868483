import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultTmdbDatasetDir, loadStubMovies, type StubMovie } from './movies-metadata';

/**
 * A local HTTP server that speaks enough TMDB v3 for the enrichment code: `GET /3/movie/{id}`
 * (with `append_to_response=credits,keywords`), `/3/movie/{id}/credits` and `/3/movie/{id}/keywords`.
 * Movies come from movies_metadata.ml-latest-small.csv (id 550 is the real saved sample with its real
 * credits); unknown ids answer TMDB's 404 body, a wrong key or token TMDB's 401 body.
 *
 * Fault injection is deterministic: whether the n-th request for an id is a 429, a 500 or slow depends
 * only on (seed, id, n), never on the order in which concurrent requests arrive.
 */

export type StubFault = '429' | '500' | 'slow' | 'ok';

export interface TmdbStubOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The v3 key accepted as `?api_key=`. */
  apiKey: string;
  /** The token accepted as `Authorization: Bearer …`; defaults to apiKey. */
  readAccessToken?: string;
  /** Fraction of authorised requests answered 429 (with Retry-After) or 500, half each. */
  failureRate?: number;
  /** Fraction of authorised requests answered only after `slowDelayMs`. */
  slowRate?: number;
  slowDelayMs?: number;
  /** Retry-After of injected 429s, in seconds (default 1). */
  retryAfterSeconds?: number;
  seed?: number;
  /** Faults for the first requests of given ids, overriding the random ones: `{ 862: ['429', 'ok'] }`. */
  scriptedFaults?: Record<number, StubFault[]>;
  /** Movies to serve instead of the dataset (tests); by default the TMDB reference data is loaded. */
  movies?: Map<number, StubMovie>;
  datasetDir?: string;
}

export interface StubRequest {
  tmdbId: number;
  path: string;
  status: number;
  fault?: StubFault;
  auth: 'api_key' | 'bearer' | 'none';
  /** Date.now() when the request arrived. */
  at: number;
}

/** Every request the stub answered for a movie, in arrival order. */
export class StubRequestLog {
  readonly entries: StubRequest[] = [];
  private readonly perId = new Map<number, number>();

  record(request: Omit<StubRequest, 'at'>): number {
    const entry: StubRequest = { ...request, at: Date.now() };
    this.entries.push(entry);
    const count = (this.perId.get(entry.tmdbId) ?? 0) + 1;
    this.perId.set(entry.tmdbId, count);
    return count;
  }

  /** Requests for one id (every outcome, faults included). */
  count(tmdbId: number): number {
    return this.perId.get(tmdbId) ?? 0;
  }

  get total(): number {
    return this.entries.length;
  }

  /** Ids requested at least once. */
  ids(): number[] {
    return [...this.perId.keys()].sort((a, b) => a - b);
  }

  byStatus(): Record<number, number> {
    const result: Record<number, number> = {};
    for (const entry of this.entries) result[entry.status] = (result[entry.status] ?? 0) + 1;
    return result;
  }

  /** Forgets what was recorded (fault decisions restart from the first request of each id). */
  reset(): void {
    this.entries.length = 0;
    this.perId.clear();
  }
}

export interface TmdbStub {
  /** Base URL to use as TMDB_BASE_URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  requests: StubRequestLog;
  /** The movies served, by TMDB id. */
  movies: Map<number, StubMovie>;
  stop(): Promise<void>;
}

const NOT_FOUND_BODY = { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' };
const UNAUTHORIZED_BODY = { status_message: 'Invalid API key: You must be granted a valid key.', success: false, status_code: 7 };
const RATE_LIMITED_BODY = { success: false, status_code: 25, status_message: 'Your request count (41) is over the allowed limit of (40).' };
const SERVER_ERROR_BODY = { success: false, status_code: 11, status_message: 'Internal error: Something went wrong, contact TMDb.' };

let cachedDataset: { dir: string; movies: Map<number, StubMovie> } | undefined;

export async function startTmdbStub(options: TmdbStubOptions): Promise<TmdbStub> {
  const movies = options.movies ?? datasetMovies(options.datasetDir ?? defaultTmdbDatasetDir());
  const requests = new StubRequestLog();
  const timers = new Set<NodeJS.Timeout>();
  const token = options.readAccessToken ?? options.apiKey;
  const failureRate = options.failureRate ?? 0;
  const slowRate = options.slowRate ?? 0;
  const slowDelayMs = options.slowDelayMs ?? 2000;
  const seed = options.seed ?? 1;

  const faultFor = (tmdbId: number, nth: number): StubFault => {
    const scripted = options.scriptedFaults?.[tmdbId]?.[nth - 1];
    if (scripted) return scripted;
    if (failureRate > 0 && uniform(seed, tmdbId, nth, 'fail') < failureRate) {
      return uniform(seed, tmdbId, nth, 'kind') < 0.5 ? '429' : '500';
    }
    if (slowRate > 0 && uniform(seed, tmdbId, nth, 'slow') < slowRate) return 'slow';
    return 'ok';
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const route = /^\/3\/movie\/(\d+)(?:\/(credits|keywords))?\/?$/.exec(url.pathname);
    if (req.method !== 'GET' || !route) return send(res, 404, NOT_FOUND_BODY);
    const tmdbId = Number(route[1]);
    const part = route[2] as 'credits' | 'keywords' | undefined;

    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const key = url.searchParams.get('api_key');
    const auth: StubRequest['auth'] = bearer !== undefined ? 'bearer' : key !== null ? 'api_key' : 'none';
    const authorised = bearer !== undefined ? bearer === token : key === options.apiKey;
    if (!authorised) {
      requests.record({ tmdbId, path: url.pathname, status: 401, auth });
      return send(res, 401, UNAUTHORIZED_BODY);
    }

    // The fault of this request is decided by its rank among the requests for this id.
    const nth = requests.count(tmdbId) + 1;
    const fault = faultFor(tmdbId, nth);
    const movie = movies.get(tmdbId);
    const status = fault === '429' ? 429 : fault === '500' ? 500 : movie ? 200 : 404;
    requests.record({ tmdbId, path: url.pathname, status, fault: fault === 'ok' ? undefined : fault, auth });

    if (fault === '429') return send(res, 429, RATE_LIMITED_BODY, { 'retry-after': String(options.retryAfterSeconds ?? 1) });
    if (fault === '500') return send(res, 500, SERVER_ERROR_BODY);
    const answer = () => {
      if (!movie) return send(res, 404, NOT_FOUND_BODY);
      if (part === 'credits') return send(res, 200, { id: tmdbId, ...movie.credits });
      if (part === 'keywords') return send(res, 200, { id: tmdbId, keywords: movie.keywords });
      return send(res, 200, movieBody(movie, url.searchParams.get('append_to_response')));
    };
    if (fault !== 'slow') return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, slowDelayMs);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      send(res, 500, { success: false, status_code: 11, status_message: `stub error: ${(error as Error).message}` });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    movies,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `/movie/{id}` body, with the parts `append_to_response` asks for (`credits`, `keywords`). */
function movieBody(movie: StubMovie, appendToResponse: string | null): Record<string, unknown> {
  const parts = new Set((appendToResponse ?? '').split(',').map((part) => part.trim()));
  const body: Record<string, unknown> = { ...movie.details };
  if (parts.has('credits')) body.credits = { cast: movie.credits.cast, crew: movie.credits.crew };
  if (parts.has('keywords')) body.keywords = { keywords: movie.keywords };
  return body;
}

function datasetMovies(dir: string): Map<number, StubMovie> {
  if (cachedDataset?.dir !== dir) {
    const loaded = loadStubMovies(dir);
    if (loaded.rejected.length > 0) {
      throw new Error(
        `TMDB stub: ${loaded.rejected.length} rows of the dataset could not be read, e.g. line ${loaded.rejected[0].line}: ${loaded.rejected[0].reason}`,
      );
    }
    cachedDataset = { dir, movies: loaded.movies };
  }
  return cachedDataset.movies;
}

/** A number in [0, 1) that depends only on its inputs. */
function uniform(seed: number, tmdbId: number, nth: number, purpose: string): number {
  const digest = createHash('sha256').update(`${seed}:${tmdbId}:${nth}:${purpose}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
