import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RatingTally } from './rating-tally';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from './staging';

/** Binary COPY tuples of (user_id int4, movie_id int4, rating float4, rated_at timestamptz). */
function copyData(rows: [userId: number, movieId: number, rating: number][]): Buffer {
  const tuples = rows.map(([userId, movieId, rating]) => {
    const tuple = Buffer.alloc(38);
    tuple.writeInt16BE(4, 0);
    tuple.writeInt32BE(4, 2);
    tuple.writeInt32BE(userId, 6);
    tuple.writeInt32BE(4, 10);
    tuple.writeInt32BE(movieId, 14);
    tuple.writeInt32BE(4, 18);
    tuple.writeFloatBE(rating, 22);
    tuple.writeInt32BE(8, 26);
    tuple.writeBigInt64BE(123_456_789n, 30);
    return tuple;
  });
  return Buffer.concat([COPY_BINARY_HEADER, ...tuples, COPY_BINARY_TRAILER]);
}

/** Streams `data` through a tally in chunks of `size` bytes; returns the tally and the bytes that came out. */
async function tally(data: Buffer, size: number): Promise<{ tally: RatingTally; out: Buffer }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  const counted = new RatingTally();
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    counted,
    new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        out.push(chunk);
        done();
      },
    }),
  );
  return { tally: counted, out: Buffer.concat(out) };
}

describe('RatingTally', () => {
  const data = copyData([
    [1, 1, 4],
    [1, 3, 0.5],
    [2, 1, 3.5],
    [2, 2_000_000, 5], // beyond the typed arrays
    [3, 1, 2.5],
    [3, 2_000_000, 4.5],
  ]);

  it.each([1, 7, 38, 39, 64 * 1024])('adds up count and sum per movie, whatever the chunks (%i bytes)', async (size) => {
    const { tally: counted, out } = await tally(data, size);
    expect(out.equals(data)).toBe(true);
    expect(counted.tuples).toBe(6);
    expect(counted.totals()).toEqual({ movieIds: [1, 3, 2_000_000], counts: [3, 1, 2], sums: [10, 0.5, 9.5] });
  });

  it('fails on a stream without trailer, of another layout or not binary COPY', async () => {
    await expect(tally(data.subarray(0, data.length - 2), 64)).rejects.toThrow('ended before its trailer');
    await expect(tally(data.subarray(0, data.length - 20), 64)).rejects.toThrow('ended before its trailer');
    const threeFields = Buffer.from(data);
    threeFields.writeInt16BE(3, COPY_BINARY_HEADER.length);
    await expect(tally(threeFields, 64)).rejects.toThrow('a tuple of 3 fields, expected 4');
    const nullRating = Buffer.from(data);
    nullRating.writeInt32BE(-1, COPY_BINARY_HEADER.length + 18);
    await expect(tally(nullRating, 64)).rejects.toThrow('field at byte 18 of a tuple is not 4 bytes long');
    await expect(tally(Buffer.from('1\t1\t4\t2020-01-01\n'.repeat(3)), 64)).rejects.toThrow('not PostgreSQL binary COPY');
    await expect(tally(Buffer.concat([data, Buffer.from([0])]), 64)).rejects.toThrow('data after the trailer');
  });
});
