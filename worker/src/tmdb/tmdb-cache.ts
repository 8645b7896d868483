import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readTextObject } from '@reelrank/storage';
import type { TmdbMovieResponse } from './tmdb-client';

/**
 * TMDB answers kept in object storage as `tmdb/movie/<tmdbId>.json`, so re-runs, retries and restarts
 * never ask TMDB twice for a movie. A 200 is stored byte for byte as TMDB sent it; a 404 as a small marker
 * `{"reelrank_not_found": true, "tmdb_id": …, "status_code": 34, …}`.
 */
export type CachedTmdbMovie = { status: 'found'; body: string; fetchedAt: Date } | { status: 'not_found'; fetchedAt: Date };

export const TMDB_CACHE_PREFIX = 'tmdb/movie/';

export const tmdbCacheKey = (tmdbId: number) => `${TMDB_CACHE_PREFIX}${tmdbId}.json`;

export class TmdbResponseCache {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  /** The cached answer, or undefined when there is none (or it is unreadable, so that it gets fetched again). */
  async get(tmdbId: number, signal?: AbortSignal): Promise<CachedTmdbMovie | undefined> {
    const stored = await readTextObject(this.client, this.bucket, tmdbCacheKey(tmdbId), { signal });
    if (!stored) return undefined;
    const stamped = stored.metadata['fetched-at'];
    const fetchedAt = stamped && !Number.isNaN(Date.parse(stamped)) ? new Date(stamped) : (stored.lastModified ?? new Date());
    let json: unknown;
    try {
      json = JSON.parse(stored.text);
    } catch {
      return undefined;
    }
    if (typeof json !== 'object' || json === null) return undefined;
    if ((json as { reelrank_not_found?: unknown }).reelrank_not_found === true) return { status: 'not_found', fetchedAt };
    return { status: 'found', body: stored.text, fetchedAt };
  }

  async put(response: TmdbMovieResponse, fetchedAt: Date, signal?: AbortSignal): Promise<void> {
    const body =
      response.status === 'found'
        ? response.body
        : JSON.stringify({
            reelrank_not_found: true,
            tmdb_id: response.tmdbId,
            status_code: response.body.status_code,
            status_message: response.body.status_message ?? null,
            fetched_at: fetchedAt.toISOString(),
          });
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: tmdbCacheKey(response.tmdbId),
        Body: body,
        ContentType: 'application/json; charset=utf-8',
        Metadata: { 'tmdb-status': response.status === 'found' ? '200' : '404', 'fetched-at': fetchedAt.toISOString() },
      }),
      { abortSignal: signal },
    );
  }
}
