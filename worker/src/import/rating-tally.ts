import { Transform, type TransformCallback } from 'node:stream';
import { COPY_BINARY_HEADER } from './staging';

/** A tuple of (user_id int4, movie_id int4, rating float4, rated_at timestamptz): field count, then length + value of each. */
const TUPLE_BYTES = 2 + (4 + 4) + (4 + 4) + (4 + 4) + (4 + 8);
const FIELD_LENGTHS: [offset: number, length: number][] = [
  [2, 4],
  [10, 4],
  [18, 4],
  [26, 8],
];
/** Movie ids below this are counted in typed arrays (12 MB at most); the rare larger ones in a Map. */
const ARRAY_LIMIT = 1 << 20;

export interface MovieRatingTotals {
  movieIds: number[];
  counts: number[];
  sums: number[];
}

/**
 * Passes a binary COPY stream of ratings rows (user_id, movie_id, rating, rated_at) through unchanged and
 * adds up each movie's rating count and sum on the way, so a merge that loads an empty ratings table gets
 * the movies' rating stats without reading those rows again. Sums of half stars are exact in doubles.
 * A stream of another layout fails the pipeline.
 */
export class RatingTally extends Transform {
  tuples = 0;
  private counts = new Int32Array(1024);
  private sums = new Float64Array(1024);
  private readonly large = new Map<number, { count: number; sum: number }>();
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private ended = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.scan(this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk);
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.ended && this.pending.length === 0 ? null : new Error('ratings COPY stream ended before its trailer'));
  }

  /** Movies with at least one rating, in id order. */
  totals(): MovieRatingTotals {
    const totals: MovieRatingTotals = { movieIds: [], counts: [], sums: [] };
    const add = (movieId: number, count: number, sum: number) => {
      totals.movieIds.push(movieId);
      totals.counts.push(count);
      totals.sums.push(sum);
    };
    for (let movieId = 0; movieId < this.counts.length; movieId++)
      if (this.counts[movieId]) add(movieId, this.counts[movieId], this.sums[movieId]);
    for (const [movieId, { count, sum }] of [...this.large].sort(([a], [b]) => a - b)) add(movieId, count, sum);
    return totals;
  }

  private scan(bytes: Buffer): void {
    let position = 0;
    if (!this.headerRead) {
      if (bytes.length < COPY_BINARY_HEADER.length) return void (this.pending = Buffer.from(bytes));
      if (!bytes.subarray(0, 11).equals(COPY_BINARY_HEADER.subarray(0, 11)))
        throw new Error('ratings COPY stream: not PostgreSQL binary COPY');
      const extension = bytes.readUInt32BE(15);
      if (bytes.length < COPY_BINARY_HEADER.length + extension) return void (this.pending = Buffer.from(bytes));
      position = COPY_BINARY_HEADER.length + extension;
      this.headerRead = true;
    }
    while (position + 2 <= bytes.length && !this.ended) {
      const fields = bytes.readInt16BE(position);
      if (fields === -1) {
        this.ended = true;
        position += 2;
        break;
      }
      if (fields !== 4) throw new Error(`ratings COPY stream: a tuple of ${fields} fields, expected 4`);
      if (position + TUPLE_BYTES > bytes.length) break;
      for (const [offset, length] of FIELD_LENGTHS)
        if (bytes.readInt32BE(position + offset) !== length)
          throw new Error(`ratings COPY stream: field at byte ${offset} of a tuple is not ${length} bytes long`);
      this.add(bytes.readInt32BE(position + 14), bytes.readFloatBE(position + 22));
      position += TUPLE_BYTES;
    }
    if (this.ended && position < bytes.length) throw new Error('ratings COPY stream: data after the trailer');
    this.pending = Buffer.from(bytes.subarray(position));
  }

  private add(movieId: number, rating: number): void {
    this.tuples++;
    if (movieId >= 0 && movieId < ARRAY_LIMIT) {
      if (movieId >= this.counts.length) this.grow(movieId);
      this.counts[movieId]++;
      this.sums[movieId] += rating;
      return;
    }
    const totals = this.large.get(movieId);
    if (totals) {
      totals.count++;
      totals.sum += rating;
    } else this.large.set(movieId, { count: 1, sum: rating });
  }

  private grow(movieId: number): void {
    const size = Math.min(ARRAY_LIMIT, Math.max(movieId + 1, this.counts.length * 2));
    const counts = new Int32Array(size);
    const sums = new Float64Array(size);
    counts.set(this.counts);
    sums.set(this.sums);
    this.counts = counts;
    this.sums = sums;
  }
}
