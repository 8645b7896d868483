import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sharedFloat32, sharedFloat64, sharedInt32 } from './sparse';

/**
 * A set of ratings as parallel typed arrays over dense indices.
 * `userIds[u]` / `itemIds[i]` map a dense index back to the external (MovieLens) id.
 * Subsets produced by {@link selectRatings} share the id maps of their parent, so a
 * training fold may leave some users or items without any rating.
 */
export interface Ratings {
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
  userIds: Int32Array;
  itemIds: Int32Array;
  /** Unix seconds of each rating, when the source had them (the new-user protocol orders by them). */
  timestamps?: Float64Array;
}

/** A malformed ratings file; `message` names the source and, where known, the line. */
export class RatingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RatingsError';
  }
}

export const MIN_RATING = 0.5;
export const MAX_RATING = 5;
const EXPECTED_HEADER = ['userId', 'movieId', 'rating'];
const INTEGER_ID = /^\d{1,10}$/;

/** Builds dense id maps (ascending external id) for arbitrary triplets. */
export function ratingsFromTriplets(
  userIds: ArrayLike<number>,
  itemIds: ArrayLike<number>,
  values: ArrayLike<number>,
  timestamps?: ArrayLike<number>,
): Ratings {
  const n = values.length;
  const sortedUsers = sortedDistinct(userIds);
  const sortedItems = sortedDistinct(itemIds);
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  writeDenseIndices(userIds, sortedUsers, users);
  writeDenseIndices(itemIds, sortedItems, items);
  const ratings: Ratings = { users, items, values: Float32Array.from(values), userIds: sortedUsers, itemIds: sortedItems };
  if (timestamps) ratings.timestamps = Float64Array.from(timestamps);
  return ratings;
}

/**
 * Bytes per binary rating record (a training snapshot's): int32 LE userId, int32 LE movieId, uint8 rating × 2,
 * float64 LE rated_at in Unix seconds.
 */
export const RATING_RECORD_BYTES = 17;

/** Ratings as decoded from records: external user and movie ids, before {@link denseRatings}. */
export interface RatingRecords {
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
  timestamps: Float64Array;
}

/**
 * Binary rating records ({@link RATING_RECORD_BYTES} each) decoded as they stream, in chunks cut anywhere,
 * into SharedArrayBuffers sized for `count` records (20 bytes a rating; nothing else is kept, not even the
 * bytes). Bytes beyond `count` records are counted, not stored. A chunk of a stream costs microseconds, so a
 * server decodes on its event loop as the object arrives.
 */
export class RatingRecordsDecoder {
  private readonly records: RatingRecords;
  private readonly carry = new Uint8Array(RATING_RECORD_BYTES);
  private carried = 0;
  private decoded = 0;
  /** Bytes written so far. */
  receivedBytes = 0;

  constructor(readonly count: number) {
    this.records = { users: sharedInt32(count), items: sharedInt32(count), values: sharedFloat32(count), timestamps: sharedFloat64(count) };
  }

  write(chunk: Uint8Array): void {
    this.receivedBytes += chunk.byteLength;
    let offset = 0;
    if (this.carried > 0) {
      offset = Math.min(RATING_RECORD_BYTES - this.carried, chunk.byteLength);
      this.carry.set(chunk.subarray(0, offset), this.carried);
      this.carried += offset;
      if (this.carried < RATING_RECORD_BYTES) return;
      this.decode(new DataView(this.carry.buffer), 0);
      this.carried = 0;
    }
    const whole = Math.floor((chunk.byteLength - offset) / RATING_RECORD_BYTES) * RATING_RECORD_BYTES;
    const view = new DataView(chunk.buffer, chunk.byteOffset + offset, whole);
    for (let o = 0; o < whole; o += RATING_RECORD_BYTES) this.decode(view, o);
    this.carry.set(chunk.subarray(offset + whole));
    this.carried = chunk.byteLength - offset - whole;
  }

  /** The decoded records; a RatingsError unless exactly `count` whole records were written. */
  finish(): RatingRecords {
    const expected = this.count * RATING_RECORD_BYTES;
    if (this.receivedBytes !== expected)
      throw new RatingsError(
        `${this.receivedBytes} bytes are not the expected ${this.count} rating records of ${RATING_RECORD_BYTES} bytes`,
      );
    return this.records;
  }

  private decode(view: DataView, o: number): void {
    const r = this.decoded++;
    if (r >= this.count) return;
    const { users, items, values, timestamps } = this.records;
    users[r] = view.getInt32(o, true);
    items[r] = view.getInt32(o + 4, true);
    values[r] = view.getUint8(o + 8) / 2;
    timestamps[r] = view.getFloat64(o + 9, true);
  }
}

/**
 * Decoded records as Ratings: the ids become dense indices in place (the arrays stay those of `records`, shared
 * when they are), allocating one sorted copy of an id column besides the id maps.
 */
export function denseRatings(records: RatingRecords): Ratings {
  const { users, items, values, timestamps } = records;
  return { users, items, values, userIds: toDenseInPlace(users), itemIds: toDenseInPlace(items), timestamps };
}

/** Decodes binary rating records ({@link RATING_RECORD_BYTES} each) into Ratings with `timestamps`. */
export function ratingsFromRecords(bytes: Uint8Array): Ratings {
  if (bytes.byteLength % RATING_RECORD_BYTES !== 0)
    throw new RatingsError(`${bytes.byteLength} bytes are not a whole number of ${RATING_RECORD_BYTES}-byte rating records`);
  const decoder = new RatingRecordsDecoder(bytes.byteLength / RATING_RECORD_BYTES);
  decoder.write(bytes);
  return denseRatings(decoder.finish());
}

/** The distinct ids of `ids`, ascending. */
function sortedDistinct(ids: ArrayLike<number>): Int32Array {
  const sorted = Int32Array.from(ids).sort();
  let distinct = 0;
  for (let r = 0; r < sorted.length; r++) if (r === 0 || sorted[r] !== sorted[distinct - 1]) sorted[distinct++] = sorted[r];
  return sorted.slice(0, distinct);
}

/** The dense index of each of `ids` in `sorted` (its distinct values, ascending), written to `out`. */
function writeDenseIndices(ids: ArrayLike<number>, sorted: Int32Array, out: Int32Array): void {
  const index = new Map<number, number>();
  sorted.forEach((id, i) => index.set(id, i));
  // Runs of one id (a snapshot is ordered by user) skip the lookup.
  let lastId = NaN;
  let lastIndex = -1;
  for (let r = 0; r < ids.length; r++) {
    if (ids[r] !== lastId) {
      lastId = ids[r];
      lastIndex = index.get(lastId) as number;
    }
    out[r] = lastIndex;
  }
}

/** Replaces each id of `ids` by its dense index; returns the id of each index. */
function toDenseInPlace(ids: Int32Array): Int32Array {
  const sorted = sortedDistinct(ids);
  writeDenseIndices(ids, sorted, ids);
  return sorted;
}

/** The ratings at the given positions, sharing id maps with the parent. */
export function selectRatings(ratings: Ratings, positions: ArrayLike<number>): Ratings {
  const n = positions.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const values = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const p = positions[r];
    users[r] = ratings.users[p];
    items[r] = ratings.items[p];
    values[r] = ratings.values[p];
  }
  const selected: Ratings = { users, items, values, userIds: ratings.userIds, itemIds: ratings.itemIds };
  if (ratings.timestamps) selected.timestamps = Float64Array.from(positions, (p) => ratings.timestamps![p]);
  return selected;
}

/**
 * Parses MovieLens `ratings.csv` text (header `userId,movieId,rating[,timestamp]`, LF or CRLF).
 * Ratings must lie in 0.5..5 in half steps; ids must be non-negative integers; a (user, movie)
 * pair may appear once. Errors name `source` and the 1-based line.
 */
export function parseRatingsCsv(text: string, source = '<input>'): Ratings {
  const records = csvRecords(text, source);
  if (records.length === 0) throw new RatingsError(`${source}: file is empty (expected header userId,movieId,rating,timestamp)`);
  const header = records[0].record;
  if (EXPECTED_HEADER.some((name, column) => header[column] !== name)) {
    throw new RatingsError(
      `${source}:${records[0].info.lines}: expected header starting userId,movieId,rating but found "${header.join(',')}"`,
    );
  }
  const n = records.length - 1;
  if (n === 0) throw new RatingsError(`${source}: no ratings after the header`);
  const userIds = new Int32Array(n);
  const itemIds = new Int32Array(n);
  const values = new Float32Array(n);
  const timestamps = header[3] === 'timestamp' ? new Float64Array(n) : undefined;
  const seen = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const { record, info } = records[r + 1];
    const where = `${source}:${info.lines}`;
    if (record.length < 3) throw new RatingsError(`${where}: expected at least 3 columns, found ${record.length}`);
    const [user, item, rating] = record;
    idOf(user, 'userId', where);
    idOf(item, 'movieId', where);
    const value = rating === '' ? NaN : Number(rating);
    if (!isRating(value)) throw new RatingsError(`${where}: rating "${rating}" is not in ${MIN_RATING}..${MAX_RATING} in half steps`);
    const key = `${user},${item}`;
    const previous = seen.get(key);
    if (previous !== undefined)
      throw new RatingsError(`${where}: duplicate rating of movie ${item} by user ${user} (first on line ${previous})`);
    seen.set(key, info.lines);
    if (timestamps) {
      const timestamp = record[3] ?? '';
      if (!/^-?\d{1,12}$/.test(timestamp)) throw new RatingsError(`${where}: timestamp "${timestamp}" is not an integer (Unix seconds)`);
      timestamps[r] = Number(timestamp);
    }
    userIds[r] = Number(user);
    itemIds[r] = Number(item);
    values[r] = value;
  }
  return ratingsFromTriplets(userIds, itemIds, values, timestamps);
}

/** Reads and parses a MovieLens ratings file; see {@link parseRatingsCsv}. */
export function readRatingsFile(path: string): Ratings {
  return parseRatingsCsv(readTextFile(path, 'ratings'), path);
}

export interface CsvRecord {
  record: string[];
  /** `lines`: the 1-based line the record ends on. */
  info: { lines: number };
}

/** The records of a ratings-like CSV text (fields trimmed, empty lines skipped); a malformed file names `source`. */
export function csvRecords(text: string, source: string): CsvRecord[] {
  try {
    return parse(text, { info: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: true }) as unknown as CsvRecord[];
  } catch (error) {
    throw new RatingsError(`${source}: ${(error as Error).message}`);
  }
}

/** A userId or movieId field as a non-negative int32; `where` names the file and line of an error. */
export function idOf(value: string, column: 'userId' | 'movieId', where: string): number {
  if (!INTEGER_ID.test(value) || Number(value) > 0x7fffffff)
    throw new RatingsError(`${where}: ${column} "${value}" is not a non-negative integer`);
  return Number(value);
}

/** A rating in 0.5..5 in half steps. */
export function isRating(value: number): boolean {
  return value >= MIN_RATING && value <= MAX_RATING && Number.isInteger(value * 2);
}

/** A UTF-8 file's text; an unreadable file is a RatingsError naming it and what it was meant to be. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RatingsError(`${path}: cannot read ${what} file (${code ?? (error as Error).message})`);
  }
}
