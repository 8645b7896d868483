/**
 * The ratings snapshot a model version trains on: streamed from PostgreSQL (COPY TO, one REPEATABLE READ
 * transaction) into object storage as compact binary records, and read back by every training activity.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  offThread,
  RATING_RECORD_BYTES,
  RatingRecordsDecoder,
  type AlsWorkerPool,
  type RatingRecords,
  type Ratings,
  type TrainTestSplit,
} from '@reelrank/recommender';
import { inTransaction } from '@reelrank/prisma';
import type { TrainingSnapshot } from '@reelrank/workflows';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Bytes per rating: int32 LE userId, int32 LE movieId, uint8 rating × 2, float64 LE rated_at in Unix seconds
 * (microseconds kept; the new-user protocol orders each user's ratings by it).
 */
export const SNAPSHOT_RECORD_BYTES = RATING_RECORD_BYTES;
export const SNAPSHOT_FORMAT = 'reelrank-ratings-v2';
/** The record layout, as written into the snapshot's manifest.json. */
export const SNAPSHOT_RECORD_LAYOUT = 'int32le userId, int32le movieId, uint8 rating*2, float64le ratedAt (Unix seconds)';
/** v1 (9-byte records without the rating time) is not read any more: its retrain fails, the next one snapshots anew. */
const RETIRED_FORMATS: Record<string, string> = { 'reelrank-ratings-v1': 'v1 (9-byte records without rating times)' };

/** Thrown when a snapshot object does not match the TrainingSnapshot an activity was given (non-retryable). */
export class SnapshotMismatchError extends Error {
  override name = 'SnapshotMismatch';
}

/** COPY text lines `user\tmovie\trating\tepochSeconds\n` → binary records; counts ratings, users and movies on the way. */
export class RatingsEncoder extends Transform {
  ratings = 0;
  users = 0;
  readonly movies = new Set<number>();
  private lastUser = -1;
  private rest = '';

  constructor(private readonly onProgress?: (ratings: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const text = this.rest + chunk.toString('latin1');
      const end = text.lastIndexOf('\n');
      this.rest = text.slice(end + 1);
      callback(null, end < 0 ? Buffer.alloc(0) : this.encode(text.slice(0, end)));
      this.onProgress?.(this.ratings);
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      callback(null, this.rest ? this.encode(this.rest) : undefined);
    } catch (error) {
      callback(error as Error);
    }
  }

  private encode(text: string): Buffer {
    const lines = text.split('\n');
    const out = Buffer.allocUnsafe(lines.length * SNAPSHOT_RECORD_BYTES);
    let o = 0;
    for (const line of lines) {
      if (!line) continue;
      const a = line.indexOf('\t');
      const b = line.indexOf('\t', a + 1);
      const c = line.indexOf('\t', b + 1);
      const user = Number(line.slice(0, a));
      const movie = Number(line.slice(a + 1, b));
      const halves = Math.round(Number(line.slice(b + 1, c)) * 2);
      const ratedAt = c > b ? Number(line.slice(c + 1)) : NaN;
      if (
        !(a > 0 && b > a && c > b && Number.isInteger(user) && Number.isInteger(movie) && halves >= 1 && halves <= 10) ||
        !Number.isFinite(ratedAt)
      ) {
        throw new Error(`unexpected rating row from COPY: ${JSON.stringify(line)}`);
      }
      out.writeInt32LE(user, o);
      out.writeInt32LE(movie, o + 4);
      out.writeUInt8(halves, o + 8);
      out.writeDoubleLE(ratedAt, o + 9);
      o += SNAPSHOT_RECORD_BYTES;
      this.ratings++;
      if (user !== this.lastUser) {
        this.users++;
        this.lastUser = user;
      }
      this.movies.add(movie);
    }
    return out.subarray(0, o);
  }
}

export interface WrittenSnapshot {
  snapshotAt: Date;
  /** pg_current_snapshot() of the reading transaction: the ratings change watermark (see checkRatingsSince). */
  ratingsWatermark: string;
  ratings: number;
  users: number;
  movies: number;
  bytes: number;
}

/**
 * Streams every rating (ordered by user, movie: deterministic folds) to `key` from one REPEATABLE READ
 * snapshot; `snapshotAt` is that transaction's start time and `ratingsWatermark` its MVCC snapshot. Nothing is
 * buffered beyond the upload's parts.
 */
export async function writeRatingsSnapshot(options: {
  pool: Pool;
  s3: S3Client;
  bucket: string;
  key: string;
  onProgress?: (ratings: number) => void;
}): Promise<WrittenSnapshot> {
  const { s3, bucket, key } = options;
  return inTransaction(
    options.pool,
    async (client) => {
      const { rows } = await client.query<{ snapshot_at: Date; watermark: string }>(
        'SELECT transaction_timestamp() AS snapshot_at, pg_current_snapshot()::text AS watermark',
      );
      const snapshotAt = rows[0].snapshot_at;
      const source = client.query(
        copyTo('COPY (SELECT user_id, movie_id, rating, extract(epoch FROM rated_at) FROM ratings ORDER BY user_id, movie_id) TO STDOUT'),
      );
      const encoder = new RatingsEncoder(options.onProgress);
      const body = new PassThrough();
      const upload = new Upload({
        client: s3,
        params: {
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/octet-stream',
          Metadata: { format: SNAPSHOT_FORMAT, 'snapshot-at': snapshotAt.toISOString() },
        },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
        leavePartsOnError: false,
      });
      const uploaded = upload.done().catch((error: unknown) => {
        body.destroy(error as Error);
        throw error;
      });
      await Promise.all([pipeline(source, encoder, body), uploaded]);
      return {
        snapshotAt,
        ratingsWatermark: rows[0].watermark,
        ratings: encoder.ratings,
        users: encoder.users,
        movies: encoder.movies.size,
        bytes: encoder.ratings * SNAPSHOT_RECORD_BYTES,
      };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}

/**
 * Why a snapshot object of this `format` (its `format` metadata) cannot be read, or undefined when it can.
 * Objects of a retired format come from before an upgrade: they are not converted, their retrain fails
 * (non-retryable) and the next retrain takes a new snapshot.
 */
export function snapshotFormatProblem(key: string, format: string | undefined): string | undefined {
  if (format === SNAPSHOT_FORMAT) return undefined;
  const retired = format === undefined ? undefined : RETIRED_FORMATS[format];
  if (retired) {
    return `${key} is a ratings snapshot of format ${retired}, which this worker no longer reads; start a new retrain (it takes a ${SNAPSHOT_FORMAT} snapshot)`;
  }
  return `${key} has snapshot format ${format === undefined ? '(none)' : JSON.stringify(format)}, expected ${SNAPSHOT_FORMAT}`;
}

/**
 * A decoded snapshot with the splits the activities derive from it (computed once per process). Dense ids, folds,
 * splits and matrices run on the training pool's threads (`threads`; inline without one): at millions of ratings
 * each takes up to seconds, which on the worker's main thread would stall its heartbeats, workflow tasks and
 * health probes.
 */
export class LoadedSnapshot {
  private readonly cache = new Map<string, Promise<unknown>>();
  /**
   * The ratings without their times: what folds, splits and training use (a subset would copy the times,
   * 8 bytes a rating, for nothing).
   */
  readonly ratings: Ratings;
  /** The same ratings with `timestamps` (Unix seconds), for the new-user protocol. */
  readonly timedRatings: Ratings;

  constructor(
    ratings: Ratings,
    /** The training pool whose threads run the work on this snapshot (undefined: inline). */
    readonly threads: () => AlsWorkerPool | undefined = () => undefined,
  ) {
    const { timestamps: _timestamps, ...untimed } = ratings;
    this.ratings = untimed;
    this.timedRatings = ratings;
  }

  /** The memoized result of `make` (a failed one is made again next time). */
  private memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let entry = this.cache.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = make();
      entry.catch(() => this.cache.delete(key));
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** Fold of every rating, exactly as crossValidate / tuneExplicit assign them. */
  foldAssignment(folds: number, seed: number): Promise<Int32Array> {
    return this.memo(`folds:${folds}:${seed}`, () =>
      offThread(this.threads(), 'kFoldAssignments', this.ratings.values.length, folds, seed),
    );
  }

  async fold(folds: number, seed: number, fold: number): Promise<TrainTestSplit> {
    return offThread(this.threads(), 'foldSplit', this.ratings, await this.foldAssignment(folds, seed), fold);
  }

  /** The ranking protocol's split (rankEvaluate's). */
  rankingSplit(testFraction: number, seed: number): Promise<TrainTestSplit> {
    return this.memo(`ranking:${testFraction}:${seed}`, () => offThread(this.threads(), 'rankingSplit', this.ratings, testFraction, seed));
  }

  /** Implicit tuning's validation split, carved from the ranking split's training part as tuneImplicit does. */
  validationSplit(testFraction: number, validationFraction: number, seed: number) {
    return this.memo(`validation:${testFraction}:${validationFraction}:${seed}`, async () =>
      offThread(this.threads(), 'validationSplit', (await this.rankingSplit(testFraction, seed)).train, validationFraction, seed),
    );
  }

  /**
   * The ratings of `users` users drawn with the seed (the holdout protocol's sample, the engine's sampleUsers), with
   * their own folds and splits; the snapshot itself for a missing or null size.
   */
  sample(users: number | null | undefined, seed: number): Promise<LoadedSnapshot> {
    if (users === null || users === undefined) return Promise.resolve(this);
    return this.memo(
      `sample:${users}:${seed}`,
      async () => new LoadedSnapshot(await offThread(this.threads(), 'sampleUsers', this.timedRatings, users, seed), this.threads),
    );
  }

  /** Each user's rated items (CSR over the snapshot's dense indices, values = ratings). */
  byUser() {
    return this.memo('byUser', () => offThread(this.threads(), 'itemsByUser', this.ratings));
  }
}

/** Loads snapshots from object storage, keeping the two most recent in memory (tuning runs share them). */
export class SnapshotCache {
  private readonly loaded = new Map<string, Promise<LoadedSnapshot>>();

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    /** The training pool: dense ids and the snapshot's splits run on its threads. */
    private readonly threads: () => AlsWorkerPool | undefined = () => undefined,
    private readonly capacity = 2,
  ) {}

  load(snapshot: TrainingSnapshot): Promise<LoadedSnapshot> {
    const id = `${snapshot.key}@${snapshot.snapshotAt}`;
    let entry = this.loaded.get(id);
    if (!entry) {
      entry = this.read(snapshot);
      entry.catch(() => this.loaded.delete(id));
      this.loaded.set(id, entry);
      while (this.loaded.size > this.capacity) this.loaded.delete(this.loaded.keys().next().value as string);
    }
    return entry;
  }

  private async read(snapshot: TrainingSnapshot): Promise<LoadedSnapshot> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: snapshot.key }));
    const formatProblem = snapshotFormatProblem(snapshot.key, object.Metadata?.format);
    // The body stays unread on a mismatch: close it rather than leave its connection hanging.
    const discard = () => (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
    if (formatProblem) {
      discard();
      throw new SnapshotMismatchError(formatProblem);
    }
    const storedAt = object.Metadata?.['snapshot-at'];
    if (storedAt !== snapshot.snapshotAt) {
      discard();
      throw new SnapshotMismatchError(
        `${snapshot.key} is the snapshot of ${storedAt}, not of ${snapshot.snapshotAt} (a newer retrain of ${snapshot.version} replaced it)`,
      );
    }
    const records = await readSnapshotBody(snapshot, (object.Body ?? []) as AsyncIterable<Uint8Array>);
    return new LoadedSnapshot(await offThread(this.threads(), 'denseRatings', records), this.threads);
  }
}

/**
 * The snapshot object's records, decoded as the body streams into shared arrays of the size its TrainingSnapshot
 * gives (at 32M ratings neither the 544 MB of records nor a copy of the arrays is ever held). A body of another
 * size is a SnapshotMismatchError naming both sizes.
 */
export async function readSnapshotBody(snapshot: TrainingSnapshot, body: AsyncIterable<Uint8Array>): Promise<RatingRecords> {
  const decoder = new RatingRecordsDecoder(snapshot.ratings);
  for await (const chunk of body) decoder.write(chunk);
  if (decoder.receivedBytes !== snapshot.ratings * SNAPSHOT_RECORD_BYTES) {
    throw new SnapshotMismatchError(
      `${snapshot.key} holds ${decoder.receivedBytes} bytes, expected ${snapshot.ratings} ratings of ${SNAPSHOT_RECORD_BYTES} bytes`,
    );
  }
  return decoder.finish();
}
