import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface DownloadOptions {
  /** Prefix of the progress lines, e.g. `tools: minio`. */
  label: string;
  log: (line: string) => void;
  /** Lower-case hex SHA-256 the file must have: on a mismatch nothing is written. */
  sha256?: string;
  /** At most this long between progress lines. */
  progressIntervalMs?: number;
  /** Give up when no byte arrives for this long. */
  stallTimeoutMs?: number;
}

/** A failed download; the message says what failed and why in one line. */
export class DownloadError extends Error {
  override name = 'DownloadError';

  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
  }
}

/**
 * Downloads `url` to `target` (written aside, then renamed), logging bytes and percent at least every
 * `progressIntervalMs`, and verifying the SHA-256 when one is given. Throws a DownloadError.
 */
export async function downloadFile(url: string, target: string, options: DownloadOptions): Promise<void> {
  const { label, log, progressIntervalMs = 5000, stallTimeoutMs = 30_000 } = options;
  const partial = `${target}.partial`;
  const abort = new AbortController();
  let received = 0;
  let total: number | undefined;
  const progress = setInterval(
    () =>
      log(
        `${label}: downloaded ${megabytes(received)}${total ? ` of ${megabytes(total)} (${Math.floor((100 * received) / total)}%)` : ''}`,
      ),
    progressIntervalMs,
  );
  let stall = setTimeout(() => abort.abort(), stallTimeoutMs);
  const hash = createHash('sha256');
  try {
    const response = await fetch(url, { signal: abort.signal }).catch((error: unknown) => {
      throw new DownloadError(url, abort.signal.aborted ? `no answer within ${stallTimeoutMs / 1000} s` : networkErrorReason(error));
    });
    if (!response.ok || !response.body) throw new DownloadError(url, `HTTP ${response.status} ${response.statusText}`.trim());
    total = Number(response.headers.get('content-length')) || undefined;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        hash.update(chunk);
        clearTimeout(stall);
        stall = setTimeout(() => abort.abort(), stallTimeoutMs);
        done(null, chunk);
      },
    });
    await pipeline(response.body, counter, createWriteStream(partial, { mode: 0o600 })).catch((error: unknown) => {
      throw new DownloadError(url, abort.signal.aborted ? `stalled for ${stallTimeoutMs / 1000} s` : networkErrorReason(error));
    });
    const actual = hash.digest('hex');
    if (options.sha256 && actual !== options.sha256) {
      throw new DownloadError(url, `SHA-256 mismatch: got ${actual}, pinned ${options.sha256}; the file was discarded`);
    }
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    clearInterval(progress);
    clearTimeout(stall);
  }
}

/** The underlying reason of a failed fetch ("getaddrinfo ENOTFOUND host", "connect ECONNREFUSED ..."), not "fetch failed". */
export function networkErrorReason(error: unknown): string {
  // Not `instanceof Error`: fetch's errors may come from another realm (Jest's VM contexts).
  if (typeof error !== 'object' || error === null || !('message' in error)) return String(error);
  const { message, cause } = error as { message: string; cause?: { message?: string; code?: string; errors?: Error[] } };
  if (!cause) return message;
  // Several addresses tried (IPv4 and IPv6): an AggregateError whose own message is empty.
  if (cause.errors?.length) return cause.errors[0].message;
  return cause.message || cause.code || message;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
