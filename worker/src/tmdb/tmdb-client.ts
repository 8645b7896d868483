import Bottleneck from 'bottleneck';
import { setTimeout as sleep } from 'node:timers/promises';
import { type TmdbErrorBody, tmdbErrorSchema, type TmdbMovie, tmdbMovieSchema } from './tmdb-movie';

/**
 * TMDB v3 client for `GET /3/movie/{id}?append_to_response=credits,keywords`.
 *
 * - Authenticates with the v4 read-access token (`Authorization: Bearer`, preferred: keeps secrets out of
 *   URLs) or the v3 key (`?api_key=`).
 * - Rate limited: at most `requestsPerSecond` requests started per second (Bottleneck reservoir + minTime)
 *   and at most `concurrency` in flight.
 * - Retries 429 (waiting at least `Retry-After`, and pausing every request of this client meanwhile),
 *   5xx, timeouts and network errors with exponential backoff and jitter, up to `maxAttempts` attempts.
 * - 404 with TMDB's error body is a "not found" answer (never retried); 401 is a TmdbAuthError (never retried).
 */
export interface TmdbClientOptions {
  /** Default https://api.themoviedb.org (the client adds /3/...). */
  baseUrl?: string;
  apiKey?: string;
  readAccessToken?: string;
  /** Default 40. */
  requestsPerSecond?: number;
  /** Requests in flight at once; default 8. */
  concurrency?: number;
  /** Attempts per request, the first included; default 6. */
  maxAttempts?: number;
  /** Backoff before retry n is about base * 2^(n-1) (between half and all of it: jitter); default 500 ms. */
  retryBaseDelayMs?: number;
  /** Cap of one backoff; default 30 s. */
  retryMaxDelayMs?: number;
  /** Cap of an honoured Retry-After; default 60 s. */
  maxRetryAfterMs?: number;
  /** Deadline of one attempt (headers and body); default 10 s. */
  timeoutMs?: number;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  fetch?: typeof fetch;
  /** Called before each retry (for logs). */
  onRetry?: (event: TmdbRetryEvent) => void;
}

export interface TmdbRetryEvent {
  tmdbId: number;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** The raw answer for a movie: its JSON text (to cache as is), or TMDB's not-found body. */
export type TmdbMovieResponse =
  { status: 'found'; tmdbId: number; body: string } | { status: 'not_found'; tmdbId: number; body: TmdbErrorBody };

export type TmdbMovieResult = { status: 'found'; movie: TmdbMovie } | { status: 'not_found' };

export class TmdbError extends Error {
  override name = 'TmdbError';
}

/** TMDB answered 401: the key or token is wrong. Retrying cannot help. */
export class TmdbAuthError extends TmdbError {
  override name = 'TmdbAuthError';

  constructor(readonly statusCode: number | undefined) {
    super(
      `TMDB rejected the credentials (HTTP 401${statusCode === undefined ? '' : `, status_code ${statusCode}`}): ` +
        'check TMDB_API_KEY / TMDB_READ_ACCESS_TOKEN',
    );
  }
}

/** A request that failed for good: retries exhausted, or an answer that retrying cannot change. */
export class TmdbRequestError extends TmdbError {
  override name = 'TmdbRequestError';

  constructor(
    message: string,
    readonly tmdbId: number,
    readonly httpStatus: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** A 200 whose body is not a movie we can read. */
export class TmdbResponseError extends TmdbError {
  override name = 'TmdbResponseError';
}

export class TmdbCredentialsMissingError extends TmdbError {
  override name = 'TmdbCredentialsMissingError';

  constructor() {
    super('No TMDB credentials: set TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN');
  }
}

const DEFAULTS = {
  baseUrl: 'https://api.themoviedb.org',
  requestsPerSecond: 40,
  concurrency: 8,
  maxAttempts: 6,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 10_000,
};

type Attempt =
  { kind: 'done'; response: TmdbMovieResponse } | { kind: 'retry'; reason: string; httpStatus?: number; retryAfterMs?: number };

export class TmdbClient {
  readonly concurrency: number;
  private readonly settings: typeof DEFAULTS;
  private readonly limiter: Bottleneck;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  /** Set by a 429: no request of this client starts before then. */
  private pausedUntil = 0;

  constructor(private readonly options: TmdbClientOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.settings = { ...DEFAULTS, ...(defined as Partial<typeof DEFAULTS>) };
    this.settings.baseUrl = this.settings.baseUrl.replace(/\/+$/, '');
    const perSecond = Math.max(1, Math.floor(this.settings.requestsPerSecond));
    this.concurrency = this.settings.concurrency;
    this.limiter = new Bottleneck({
      maxConcurrent: this.settings.concurrency,
      minTime: Math.ceil(1000 / this.settings.requestsPerSecond),
      reservoir: perSecond,
      reservoirRefreshAmount: perSecond,
      reservoirRefreshInterval: 1000,
    });
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  /** Whether a key or token is configured; without one, enrichment is skipped. */
  get hasCredentials(): boolean {
    return Boolean(this.options.readAccessToken || this.options.apiKey);
  }

  /** The movie with its credits and keywords, parsed. */
  async getMovie(tmdbId: number, { signal }: { signal?: AbortSignal } = {}): Promise<TmdbMovieResult> {
    const response = await this.fetchMovie(tmdbId, { signal });
    return response.status === 'found' ? { status: 'found', movie: parseTmdbMovie(response.body) } : { status: 'not_found' };
  }

  /** The raw answer for a movie with its credits and keywords, retried and rate limited. */
  async fetchMovie(tmdbId: number, { signal }: { signal?: AbortSignal } = {}): Promise<TmdbMovieResponse> {
    if (!Number.isSafeInteger(tmdbId) || tmdbId <= 0) throw new TmdbRequestError(`Invalid TMDB id ${tmdbId}`, tmdbId, undefined, 0);
    if (!this.hasCredentials) throw new TmdbCredentialsMissingError();
    const { maxAttempts } = this.settings;
    for (let attempt = 1; ; attempt++) {
      await this.waitWhilePaused(signal);
      const result = await this.limiter.schedule(() => this.attempt(tmdbId, signal));
      if (result.kind === 'done') return result.response;
      if (attempt >= maxAttempts) {
        throw new TmdbRequestError(
          `TMDB request for movie ${tmdbId} failed after ${attempt} attempts: ${result.reason}`,
          tmdbId,
          result.httpStatus,
          attempt,
        );
      }
      let delayMs = this.backoff(attempt);
      if (result.retryAfterMs !== undefined) {
        delayMs = Math.max(delayMs, result.retryAfterMs);
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + result.retryAfterMs);
      }
      this.options.onRetry?.({ tmdbId, attempt, delayMs, reason: result.reason });
      await sleep(delayMs, undefined, { signal });
    }
  }

  private async attempt(tmdbId: number, signal: AbortSignal | undefined): Promise<Attempt> {
    // A 429 may have arrived while this job waited in the limiter's queue.
    await this.waitWhilePaused(signal);
    signal?.throwIfAborted();
    const url = new URL(`${this.settings.baseUrl}/3/movie/${tmdbId}`);
    url.searchParams.set('append_to_response', 'credits,keywords');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.readAccessToken) headers.authorization = `Bearer ${this.options.readAccessToken}`;
    else url.searchParams.set('api_key', this.options.apiKey!);

    const { timeoutMs } = this.settings;
    const deadline = AbortSignal.timeout(timeoutMs);
    let status: number;
    let retryAfter: string | null;
    let text: string;
    try {
      const response = await this.fetchImpl(url, { headers, signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (deadline.aborted) return { kind: 'retry', reason: `no answer within ${timeoutMs} ms` };
      return { kind: 'retry', reason: `network error: ${describe(error)}` };
    }

    if (status === 200) {
      try {
        JSON.parse(text);
      } catch {
        return { kind: 'retry', reason: 'HTTP 200 with a body that is not JSON', httpStatus: status };
      }
      return { kind: 'done', response: { status: 'found', tmdbId, body: text } };
    }
    const errorBody = parseErrorBody(text);
    if (status === 401) throw new TmdbAuthError(errorBody?.status_code);
    if (status === 404) {
      // Only TMDB's own 404 means "no such movie"; any other 404 (wrong TMDB_BASE_URL, a proxy) must not
      // mark every movie NOT_FOUND.
      if (errorBody) return { kind: 'done', response: { status: 'not_found', tmdbId, body: errorBody } };
      throw new TmdbRequestError(
        `TMDB answered 404 for movie ${tmdbId} without a TMDB error body: check TMDB_BASE_URL (${this.settings.baseUrl})`,
        tmdbId,
        status,
        1,
      );
    }
    const detail = errorBody ? ` (status_code ${errorBody.status_code}: ${errorBody.status_message ?? ''})` : '';
    if (status === 429) {
      return { kind: 'retry', reason: `HTTP 429${detail}`, httpStatus: status, retryAfterMs: this.retryAfterMs(retryAfter) };
    }
    if (status >= 500 || status === 408) return { kind: 'retry', reason: `HTTP ${status}${detail}`, httpStatus: status };
    throw new TmdbRequestError(`TMDB answered HTTP ${status} for movie ${tmdbId}${detail}`, tmdbId, status, 1);
  }

  /** Exponential backoff with "equal jitter": between half and all of min(cap, base * 2^(attempt-1)). */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.settings.retryMaxDelayMs, this.settings.retryBaseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** Retry-After in seconds or as an HTTP date; 0 when absent or unreadable (backoff applies then). */
  private retryAfterMs(header: string | null): number {
    if (!header) return 0;
    const value = header.trim();
    let ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
    if (!Number.isFinite(ms) || ms < 0) ms = 0;
    return Math.min(ms, this.settings.maxRetryAfterMs);
  }

  private async waitWhilePaused(signal: AbortSignal | undefined): Promise<void> {
    for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
      await sleep(wait, undefined, { signal });
    }
  }
}

/** Parses a cached or fetched `/movie/{id}` body; a TmdbResponseError when it is not one. */
export function parseTmdbMovie(body: string): TmdbMovie {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new TmdbResponseError('TMDB movie body is not JSON');
  }
  const result = tmdbMovieSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TmdbResponseError(`TMDB movie body is not a movie: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

function parseErrorBody(text: string): TmdbErrorBody | undefined {
  try {
    const result = tmdbErrorSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** `message: cause message` (duck-typed: fetch's errors may come from another realm, e.g. under Jest). */
function describe(error: unknown): string {
  const message = (value: unknown) =>
    typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' ? (value as Error).message : undefined;
  const cause = message((error as { cause?: unknown } | undefined)?.cause);
  return `${message(error) ?? String(error)}${cause ? `: ${cause}` : ''}`;
}
