import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AlsWorkerPool, newUserGroups, RatingRecordsDecoder, ratingsFromRecords } from '@reelrank/recommender';
import type { TrainingSnapshot } from '@reelrank/workflows';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  LoadedSnapshot,
  RatingsEncoder,
  SNAPSHOT_FORMAT,
  SNAPSHOT_RECORD_BYTES,
  SnapshotCache,
  SnapshotMismatchError,
  readSnapshotBody,
  snapshotFormatProblem,
} from './snapshot';

/** COPY text of `SELECT user_id, movie_id, rating, extract(epoch FROM rated_at)` rows. */
const COPY_TEXT = '1\t10\t4\t964982703\n1\t20\t3.5\t964981247.123456\n7\t10\t0.5\t1700000000.000001\n';

/** Whether a typed array lives in a SharedArrayBuffer (by tag: Jest's realm has its own constructor). */
const isShared = (array: ArrayBufferView) => Object.prototype.toString.call(array.buffer) === '[object SharedArrayBuffer]';

const encode = (chunks: string[]) => {
  const encoder = new RatingsEncoder();
  return { encoder, bytes: buffer(Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(encoder)) };
};

describe('ratings snapshot encoding', () => {
  it('encodes COPY text rows into 17-byte records with the rating time and decodes them into dense, timed ratings', async () => {
    // Split mid-line (and mid-number) to exercise the carry-over between chunks.
    const { encoder, bytes: pending } = encode([COPY_TEXT.slice(0, 9), COPY_TEXT.slice(9, 40), COPY_TEXT.slice(40)]);
    const bytes = await pending;
    expect(SNAPSHOT_RECORD_BYTES).toBe(17);
    expect(bytes).toHaveLength(3 * 17);
    expect({ ratings: encoder.ratings, users: encoder.users, movies: encoder.movies.size }).toEqual({ ratings: 3, users: 2, movies: 2 });
    const ratings = ratingsFromRecords(bytes);
    expect(Array.from(ratings.userIds)).toEqual([1, 7]);
    expect(Array.from(ratings.itemIds)).toEqual([10, 20]);
    expect(Array.from(ratings.users)).toEqual([0, 0, 1]);
    expect(Array.from(ratings.items)).toEqual([0, 1, 0]);
    expect(Array.from(ratings.values)).toEqual([4, 3.5, 0.5]);
    // Unix seconds, microseconds kept (float64).
    expect(Array.from(ratings.timestamps!)).toEqual([964982703, 964981247.123456, 1700000000.000001]);
  });

  it('lays records out as int32 LE user, int32 LE movie, uint8 rating×2, float64 LE seconds', async () => {
    const bytes = await encode(['42\t7\t2.5\t1.5\n']).bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([view.getInt32(0, true), view.getInt32(4, true), view.getUint8(8), view.getFloat64(9, true)]).toEqual([42, 7, 5, 1.5]);
  });

  it('decodes from a view into a larger buffer (as S3 bodies arrive)', async () => {
    const bytes = await encode([COPY_TEXT]).bytes;
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const ratings = ratingsFromRecords(padded.subarray(3));
    expect(Array.from(ratings.timestamps!)).toEqual([964982703, 964981247.123456, 1700000000.000001]);
  });

  it('decodes records streamed in chunks cut anywhere, one byte at a time included, as the whole buffer', async () => {
    const bytes = await encode([COPY_TEXT]).bytes;
    const whole = ratingsFromRecords(bytes);
    const cuts = [
      ...Array.from({ length: bytes.length - 1 }, (_, cut) => [cut + 1]),
      Array.from({ length: bytes.length - 1 }, (_, b) => b + 1),
    ];
    for (const at of cuts) {
      const decoder = new RatingRecordsDecoder(3);
      [0, ...at].forEach((from, c) => decoder.write(bytes.subarray(from, [...at, bytes.length][c])));
      const { users, items, values, timestamps } = decoder.finish();
      expect({
        users: Array.from(users),
        items: Array.from(items),
        values: Array.from(values),
        timestamps: Array.from(timestamps),
      }).toEqual({
        users: [1, 1, 7],
        items: [10, 20, 10],
        values: Array.from(whole.values),
        timestamps: Array.from(whole.timestamps!),
      });
    }
    const short = new RatingRecordsDecoder(3);
    short.write(bytes.subarray(0, 50));
    expect(() => short.finish()).toThrow('50 bytes are not the expected 3 rating records of 17 bytes');
  });

  it('rejects rows that are not timed ratings', async () => {
    await expect(encode(['1\t10\t7\t964982703\n']).bytes).rejects.toThrow(/unexpected rating row/);
    // A v1 row (no time) or a time that is not a number.
    await expect(encode(['1\t10\t4\n']).bytes).rejects.toThrow(/unexpected rating row/);
    await expect(encode(['1\t10\t4\tyesterday\n']).bytes).rejects.toThrow(/unexpected rating row/);
    expect(() => ratingsFromRecords(new Uint8Array(18))).toThrow(/not a whole number of 17-byte rating records/);
  });

  it('rejects a v1 snapshot (9-byte records) with a clear error', () => {
    expect(snapshotFormatProblem('k', SNAPSHOT_FORMAT)).toBeUndefined();
    expect(snapshotFormatProblem('models/m1/snapshot/ratings.bin', 'reelrank-ratings-v1')).toBe(
      'models/m1/snapshot/ratings.bin is a ratings snapshot of format v1 (9-byte records without rating times), which this ' +
        'worker no longer reads; start a new retrain (it takes a reelrank-ratings-v2 snapshot)',
    );
    expect(snapshotFormatProblem('k', undefined)).toBe('k has snapshot format (none), expected reelrank-ratings-v2');
    expect(snapshotFormatProblem('k', 'other')).toBe('k has snapshot format "other", expected reelrank-ratings-v2');
  });
});

describe('LoadedSnapshot', () => {
  it('keeps the times out of the ratings the splits use, and offers them timed for the new-user protocol', async () => {
    const loaded = new LoadedSnapshot(ratingsFromRecords(await encode([COPY_TEXT]).bytes));
    expect(loaded.ratings.timestamps).toBeUndefined();
    expect(loaded.timedRatings.timestamps).toHaveLength(3);
    expect(loaded.timedRatings.values).toBe(loaded.ratings.values);
    expect((await loaded.fold(2, 42, 0)).train.timestamps).toBeUndefined();
  });

  it('feeds the new-user protocol: each user profile is their first ratings by time', async () => {
    // User 1 rated movies 1..45 at times 45..1 (newest first): the profile is the last ten movies.
    const rows = Array.from({ length: 5 }, (_, u) =>
      Array.from({ length: 45 }, (_, m) => `${u + 1}\t${m + 1}\t${m % 2 ? 4.5 : 2}\t${1_000_000 + (45 - m) * 60}\n`).join(''),
    );
    const loaded = new LoadedSnapshot(ratingsFromRecords(await encode(rows).bytes));
    const groups = newUserGroups(loaded.timedRatings, { groups: 5, profileSize: 10, minRatings: 40 });
    const user1 = groups.flatMap((g) => g.cases).find((c) => c.userId === 1)!;
    expect(user1.profile.map((r) => r.itemId)).toEqual([45, 44, 43, 42, 41, 40, 39, 38, 37, 36]);
  });
});

describe('SnapshotCache', () => {
  const snapshot: TrainingSnapshot = {
    version: 'm1',
    key: 'models/m1/snapshot/ratings.bin',
    snapshotAt: '2026-11-25T00:00:00.000Z',
    ratings: 3,
    users: 2,
    movies: 2,
    bytes: 51,
    seconds: 1,
  };
  const s3 = (metadata: Record<string, string>, bytes: Uint8Array) => {
    // The body as S3 streams it: chunks of any size (here 7 bytes, cutting records).
    const body = Readable.from(Array.from({ length: Math.ceil(bytes.length / 7) }, (_, c) => bytes.subarray(c * 7, c * 7 + 7)));
    const client = {
      send: async (command: unknown) => {
        expect(command).toBeInstanceOf(GetObjectCommand);
        return { Metadata: metadata, Body: body };
      },
    } as unknown as S3Client;
    return { client, body };
  };

  it('loads a v2 snapshot with its times', async () => {
    const bytes = await encode([COPY_TEXT]).bytes;
    const { client } = s3({ format: SNAPSHOT_FORMAT, 'snapshot-at': snapshot.snapshotAt }, bytes);
    const loaded = await new SnapshotCache(client, 'bucket').load(snapshot);
    expect(Array.from(loaded.timedRatings.timestamps!)).toEqual([964982703, 964981247.123456, 1700000000.000001]);
  });

  it('decodes the body as it streams into SharedArrayBuffers (nothing concatenated, nothing cloned to or from a pool thread)', async () => {
    const bytes = await encode([COPY_TEXT]).bytes;
    const records = await readSnapshotBody(snapshot, Readable.from([bytes.subarray(0, 20), bytes.subarray(20)]));
    expect([records.users, records.items, records.values, records.timestamps].map(isShared)).toEqual([true, true, true, true]);
    expect(Array.from(records.users)).toEqual([1, 1, 7]);
    const pool = new AlsWorkerPool({ threads: 1 });
    try {
      // The pool thread makes the ids dense in the very arrays decoded here.
      await pool.call('denseRatings', records);
      expect(Array.from(records.users)).toEqual([0, 0, 1]);
      const { client } = s3({ format: SNAPSHOT_FORMAT, 'snapshot-at': snapshot.snapshotAt }, bytes);
      const { timedRatings } = await new SnapshotCache(client, 'bucket', () => pool).load(snapshot);
      expect({
        users: Array.from(timedRatings.users),
        userIds: Array.from(timedRatings.userIds),
        items: Array.from(timedRatings.items),
        values: Array.from(timedRatings.values),
      }).toEqual({ users: [0, 0, 1], userIds: [1, 7], items: [0, 1, 0], values: [4, 3.5, 0.5] });
    } finally {
      await pool.close();
    }
  });

  it.each([
    ['short', (bytes: Uint8Array) => bytes.subarray(0, 40), 40],
    ['long', (bytes: Uint8Array) => Buffer.concat([bytes, new Uint8Array(17)]), 68],
  ])('refuses a %s body with both sizes', async (_, resize, received) => {
    const bytes = resize(await encode([COPY_TEXT]).bytes);
    const { client } = s3({ format: SNAPSHOT_FORMAT, 'snapshot-at': snapshot.snapshotAt }, bytes);
    const failure = new SnapshotCache(client, 'bucket').load(snapshot);
    await expect(failure).rejects.toBeInstanceOf(SnapshotMismatchError);
    await expect(failure).rejects.toThrow(`${snapshot.key} holds ${received} bytes, expected 3 ratings of 17 bytes`);
  });

  it('refuses a v1 snapshot without reading it', async () => {
    const { client, body } = s3({ format: 'reelrank-ratings-v1', 'snapshot-at': snapshot.snapshotAt }, new Uint8Array(27));
    const failure = new SnapshotCache(client, 'bucket').load(snapshot);
    await expect(failure).rejects.toBeInstanceOf(SnapshotMismatchError);
    await expect(failure).rejects.toThrow(/format v1 .* no longer reads; start a new retrain/);
    expect({ read: body.readableDidRead, destroyed: body.destroyed }).toEqual({ read: false, destroyed: true });
  });
});
