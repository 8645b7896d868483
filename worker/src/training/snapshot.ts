/**
 * The ratings snapshot a model version trains on: streamed from PostgreSQL (COPY TO, one REPEATABLE READ
 * transaction) into object storage as compact binary records, and read back by every training activity.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  foldSplit,
  itemsByUser,
  kFoldAssignments,
  rankingSplit,
  ratingsFromTriplets,
  stratifiedSplit,
  type Ratings,
} from '@reelrank/recommender';
import type { TrainingSnapshot } from '@reelrank/workflows';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** Bytes per rating: int32 LE userId, int32 LE movieId, uint8 rating × 2. */
export const SNAPSHOT_RECORD_BYTES = 9;
export const SNAPSHOT_FORMAT = 'reelrank-ratings-v1';

/** Thrown when a snapshot object does not match the TrainingSnapshot an activity was given (non-retryable). */
export class SnapshotMismatchError extends Error {
  override name = 'SnapshotMismatch';
}

/** COPY text lines `user\tmovie\trating\n` → binary records; counts ratings, users and movies on the way. */
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
      const user = Number(line.slice(0, a));
      const movie = Number(line.slice(a + 1, b));
      const halves = Math.round(Number(line.slice(b + 1)) * 2);
      if (!(a > 0 && b > a && Number.isInteger(user) && Number.isInteger(movie) && halves >= 1 && halves <= 10)) {
        throw new Error(`unexpected rating row from COPY: ${JSON.stringify(line)}`);
      }
      out.writeInt32LE(user, o);
      out.writeInt32LE(movie, o + 4);
      out.writeUInt8(halves, o + 8);
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
  ratings: number;
  users: number;
  movies: number;
  bytes: number;
}

/**
 * Streams every rating (ordered by user, movie: deterministic folds) to `key` from one REPEATABLE READ
 * snapshot; `snapshotAt` is that transaction's start time. Nothing is buffered beyond the upload's parts.
 */
export async function writeRatingsSnapshot(options: {
  client: PoolClient;
  s3: S3Client;
  bucket: string;
  key: string;
  onProgress?: (ratings: number) => void;
}): Promise<WrittenSnapshot> {
  const { client, s3, bucket, key } = options;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { rows } = await client.query<{ snapshot_at: Date }>('SELECT transaction_timestamp() AS snapshot_at');
    const snapshotAt = rows[0].snapshot_at;
    const source = client.query(copyTo('COPY (SELECT user_id, movie_id, rating FROM ratings ORDER BY user_id, movie_id) TO STDOUT'));
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
    await client.query('COMMIT');
    return {
      snapshotAt,
      ratings: encoder.ratings,
      users: encoder.users,
      movies: encoder.movies.size,
      bytes: encoder.ratings * SNAPSHOT_RECORD_BYTES,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Decodes a snapshot object into the engine's Ratings (dense ids ascending, as the trained models have them). */
export function decodeRatingsSnapshot(bytes: Uint8Array): Ratings {
  if (bytes.byteLength % SNAPSHOT_RECORD_BYTES !== 0)
    throw new SnapshotMismatchError(`snapshot of ${bytes.byteLength} bytes is not a whole number of records`);
  const n = bytes.byteLength / SNAPSHOT_RECORD_BYTES;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const values = new Float32Array(n);
  for (let r = 0, o = 0; r < n; r++, o += SNAPSHOT_RECORD_BYTES) {
    users[r] = view.getInt32(o, true);
    items[r] = view.getInt32(o + 4, true);
    values[r] = view.getUint8(o + 8) / 2;
  }
  return ratingsFromTriplets(users, items, values);
}

/** A decoded snapshot with the splits the activities derive from it (computed once per process). */
export class LoadedSnapshot {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly ratings: Ratings) {}

  private memo<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  /** Fold of every rating, exactly as crossValidate / tuneExplicit assign them. */
  foldAssignment(folds: number, seed: number): Int32Array {
    return this.memo(`folds:${folds}:${seed}`, () => kFoldAssignments(this.ratings.values.length, folds, seed));
  }

  fold(folds: number, seed: number, fold: number) {
    return foldSplit(this.ratings, this.foldAssignment(folds, seed), fold);
  }

  /** The ranking protocol's split (rankEvaluate's). */
  rankingSplit(testFraction: number, seed: number) {
    return this.memo(`ranking:${testFraction}:${seed}`, () => rankingSplit(this.ratings, testFraction, seed));
  }

  /** Implicit tuning's validation split, carved from the ranking split's training part as tuneImplicit does. */
  validationSplit(testFraction: number, validationFraction: number, seed: number) {
    return this.memo(`validation:${testFraction}:${validationFraction}:${seed}`, () => {
      const validation = stratifiedSplit(this.rankingSplit(testFraction, seed).train, validationFraction, deriveSeed(seed, 202));
      return { ...validation, trained: itemsByUser(validation.train) };
    });
  }

  /** Each user's rated items (CSR over the snapshot's dense indices, values = ratings). */
  byUser() {
    return this.memo('byUser', () => itemsByUser(this.ratings));
  }
}

/** The engine's seed derivation for named sub-streams (random.ts), so validation splits match `recommender tune`. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Loads snapshots from object storage, keeping the two most recent in memory (tuning runs share them). */
export class SnapshotCache {
  private readonly loaded = new Map<string, Promise<LoadedSnapshot>>();

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
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
    const storedAt = object.Metadata?.['snapshot-at'];
    if (storedAt !== snapshot.snapshotAt) {
      throw new SnapshotMismatchError(
        `${snapshot.key} is the snapshot of ${storedAt}, not of ${snapshot.snapshotAt} (a newer retrain of ${snapshot.version} replaced it)`,
      );
    }
    const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array(0);
    const ratings = decodeRatingsSnapshot(bytes);
    if (ratings.values.length !== snapshot.ratings) {
      throw new SnapshotMismatchError(`${snapshot.key} holds ${ratings.values.length} ratings, expected ${snapshot.ratings}`);
    }
    return new LoadedSnapshot(ratings);
  }
}
