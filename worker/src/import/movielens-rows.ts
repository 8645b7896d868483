/**
 * Validation and normalisation of MovieLens CSV rows. Each parser takes the CSV fields of one line
 * and returns the normalised row, or a one-line reason why the row goes to the quarantine.
 *
 * Rules (see also the tests beside this file):
 * - ids (userId, movieId, tmdbId) are positive 32-bit integers written in decimal digits; a userId is at most
 *   MOVIELENS_USER_ID_MAX (the ids above belong to accounts created by sign-up, see README.md "User ids");
 * - rating is 0.5..5.0 in half steps ("4", "4.0" and "4.50" are all 4 and 4.5);
 * - timestamp is Unix seconds (UTC), 0 up to 2100-01-01; stored as timestamptz;
 * - title "Title (Year)" is split into title and year (trimmed, the last parenthesised 4-digit year,
 *   1870-2100; "(2006–2007)" gives 2006; without a year the whole text is the title and year is null);
 * - genres are split on "|", trimmed and de-duplicated; "(no genres listed)" means none;
 * - imdbId is normalised to "tt" + at least 7 digits ("114709", "0114709" and "tt0114709" → "tt0114709";
 *   8-digit ids stay 8 digits); empty imdbId or tmdbId → null;
 * - tags are trimmed and must not be empty; `tagKey` (Unicode lower case) identifies duplicates.
 * Text containing NUL characters is rejected (PostgreSQL text cannot hold them).
 */

export type Parsed<Row> = Row | Rejection;

export class Rejection {
  constructor(readonly reason: string) {}
}

export const isRejection = (value: unknown): value is Rejection => value instanceof Rejection;

export interface MovieRow {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
}

export interface LinkRow {
  movieId: number;
  imdbId: string | null;
  tmdbId: number | null;
}

export interface RatingRow {
  userId: number;
  movieId: number;
  rating: number;
  timestamp: number;
}

export interface TagRow {
  userId: number;
  movieId: number;
  tag: string;
  /** Case-insensitive identity of the tag within one user+movie. */
  tagKey: string;
  timestamp: number;
}

/** Movie ids that exist in the dataset's movies.csv. */
export interface MovieIds {
  has(movieId: number): boolean;
}

/** MovieIds for the per-rating check: a bitmap below 2^24 (2 MB at most), a Set above. */
export class MovieIdSet implements MovieIds {
  private static readonly BITMAP_LIMIT = 1 << 24;
  private readonly bits: Uint8Array;
  private readonly large = new Set<number>();

  constructor(ids: Iterable<number>) {
    let max = 0;
    for (const id of ids) if (id < MovieIdSet.BITMAP_LIMIT && id > max) max = id;
    this.bits = new Uint8Array((max >>> 3) + 1);
    for (const id of ids) {
      if (id >= 0 && id < MovieIdSet.BITMAP_LIMIT) this.bits[id >>> 3] |= 1 << (id & 7);
      else this.large.add(id);
    }
  }

  has(movieId: number): boolean {
    if (movieId >= 0 && movieId < MovieIdSet.BITMAP_LIMIT) {
      const byte = movieId >>> 3;
      return byte < this.bits.length && (this.bits[byte] & (1 << (movieId & 7))) !== 0;
    }
    return this.large.has(movieId);
  }
}

const MAX_INT = 2147483647;
/**
 * The highest MovieLens user id imported (every release so far stays below 400,000). Users keep their dataset id,
 * and sign-up ids start above this one (users_id_seq's MINVALUE; migration 20261208090000_disjoint_user_ids), so
 * the two never collide.
 */
export const MOVIELENS_USER_ID_MAX = 10_000_000;
const MAX_TIMESTAMP = 4102444800; // 2100-01-01T00:00:00Z
const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;
const NO_GENRES = '(no genres listed)';
/** "… (1995)", "… (2006–2007)", "… (2006-)" at the end of a title. */
const YEAR_SUFFIX = /^(.*?)\s*\((\d{4})(?:\s*[-–]\s*(?:\d{4})?)?\)$/;

const show = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

function columnCount(fields: string[], expected: number): Rejection | undefined {
  return fields.length === expected ? undefined : new Rejection(`expected ${expected} columns, got ${fields.length}`);
}

/** A MovieLens user id: parseId, and at most MOVIELENS_USER_ID_MAX. */
export function parseUserId(value: string): number | Rejection {
  const id = parseId(value, 'userId');
  if (isRejection(id) || id <= MOVIELENS_USER_ID_MAX) return id;
  return new Rejection(`userId ${id} outside the supported range 1–${MOVIELENS_USER_ID_MAX}`);
}

/** A positive 32-bit integer id, or a Rejection naming the column. */
export function parseId(value: string, column: string): number | Rejection {
  const text = value.trim();
  if (!DIGITS.test(text) || text.length > 10) return new Rejection(`invalid ${column} ${show(value)}: not a positive integer`);
  const id = Number(text);
  if (id < 1 || id > MAX_INT) return new Rejection(`invalid ${column} ${show(value)}: out of range 1..${MAX_INT}`);
  return id;
}

export function parseRating(value: string): number | Rejection {
  const text = value.trim();
  if (!DECIMAL.test(text)) return new Rejection(`invalid rating ${show(value)}: not a number`);
  const rating = Number(text);
  if (rating < 0.5 || rating > 5 || !Number.isInteger(rating * 2)) {
    return new Rejection(`invalid rating ${show(value)}: must be 0.5 to 5.0 in half steps`);
  }
  return rating;
}

export function parseTimestamp(value: string): number | Rejection {
  const text = value.trim();
  if (!DIGITS.test(text) || text.length > 12) return new Rejection(`invalid timestamp ${show(value)}: not Unix seconds`);
  const seconds = Number(text);
  if (seconds > MAX_TIMESTAMP) return new Rejection(`invalid timestamp ${show(value)}: after 2100`);
  return seconds;
}

/** Splits "Title (Year)" into its parts; see the file comment for the rules. */
export function splitTitle(value: string): { title: string; year: number | null } {
  const text = value.trim();
  const match = YEAR_SUFFIX.exec(text);
  if (match) {
    const title = match[1].trim();
    const year = Number(match[2]);
    if (title && year >= 1870 && year <= 2100) return { title, year };
  }
  return { title: text, year: null };
}

export function parseGenres(value: string): string[] {
  const genres = new Set<string>();
  for (const part of value.split('|')) {
    const genre = part.trim();
    if (genre && genre !== NO_GENRES) genres.add(genre);
  }
  return [...genres];
}

export function normaliseImdbId(value: string): string | null | Rejection {
  const text = value.trim();
  if (!text) return null;
  const match = /^(?:tt)?(\d{1,10})$/i.exec(text);
  const number = match ? Number(match[1]) : 0;
  if (!match || number < 1) return new Rejection(`invalid imdbId ${show(value)}: expected digits, optionally after "tt"`);
  return `tt${String(number).padStart(7, '0')}`;
}

function hasNul(value: string): boolean {
  return value.includes('\u0000');
}

export function parseMovieRow(fields: string[]): Parsed<MovieRow> {
  const wrong = columnCount(fields, 3);
  if (wrong) return wrong;
  const movieId = parseId(fields[0], 'movieId');
  if (isRejection(movieId)) return movieId;
  if (hasNul(fields[1]) || hasNul(fields[2])) return new Rejection('contains a NUL character');
  const { title, year } = splitTitle(fields[1]);
  if (!title) return new Rejection('empty title');
  const genres = parseGenres(fields[2]);
  return { movieId, title, year, genres };
}

export function parseLinkRow(fields: string[], movies: MovieIds): Parsed<LinkRow> {
  const wrong = columnCount(fields, 3);
  if (wrong) return wrong;
  const movieId = parseId(fields[0], 'movieId');
  if (isRejection(movieId)) return movieId;
  const imdbId = normaliseImdbId(fields[1]);
  if (isRejection(imdbId)) return imdbId;
  const tmdbId = fields[2].trim() === '' ? null : parseId(fields[2], 'tmdbId');
  if (isRejection(tmdbId)) return tmdbId;
  if (!movies.has(movieId)) return unknownMovie(movieId);
  return { movieId, imdbId, tmdbId };
}

export function parseRatingRow(fields: string[], movies: MovieIds): Parsed<RatingRow> {
  const wrong = columnCount(fields, 4);
  if (wrong) return wrong;
  const userId = parseUserId(fields[0]);
  if (isRejection(userId)) return userId;
  const movieId = parseId(fields[1], 'movieId');
  if (isRejection(movieId)) return movieId;
  const rating = parseRating(fields[2]);
  if (isRejection(rating)) return rating;
  const timestamp = parseTimestamp(fields[3]);
  if (isRejection(timestamp)) return timestamp;
  if (!movies.has(movieId)) return unknownMovie(movieId);
  return { userId, movieId, rating, timestamp };
}

export function parseTagRow(fields: string[], movies: MovieIds): Parsed<TagRow> {
  const wrong = columnCount(fields, 4);
  if (wrong) return wrong;
  const userId = parseUserId(fields[0]);
  if (isRejection(userId)) return userId;
  const movieId = parseId(fields[1], 'movieId');
  if (isRejection(movieId)) return movieId;
  const tag = fields[2].trim();
  if (!tag) return new Rejection('empty tag');
  if (hasNul(tag)) return new Rejection('contains a NUL character');
  const timestamp = parseTimestamp(fields[3]);
  if (isRejection(timestamp)) return timestamp;
  if (!movies.has(movieId)) return unknownMovie(movieId);
  return { userId, movieId, tag, tagKey: tag.toLowerCase(), timestamp };
}

function unknownMovie(movieId: number): Rejection {
  return new Rejection(`unknown movieId ${movieId}: not in movies.csv`);
}

/** Checks a header line (BOM and CR already removed) against the expected column names. */
export function headerProblem(line: string, expected: readonly string[]): string | undefined {
  const columns = line.split(',').map((column) => column.trim().replace(/^"(.*)"$/, '$1'));
  if (columns.length === expected.length && columns.every((column, i) => column === expected[i])) return undefined;
  return `expected header "${expected.join(',')}", found ${JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line)}`;
}

/** Output of scanRatingLine (reused between calls: no allocation per row). */
export interface ScannedRating {
  userId: number;
  movieId: number;
  rating: number;
  timestamp: number;
}

/**
 * Fast path for the bulk of the data: reads a canonical ratings line (`digits,digits,d[.d…],digits`,
 * no spaces or quotes) from `bytes[start, end)` into `out` and returns true when it is a valid rating by
 * the same rules as parseRatingRow (the movie id check excepted). Anything else returns false, and the
 * caller takes the general path (CSV parse, then parseRatingRow), which also explains the rejection.
 */
export function scanRatingBytes(bytes: Uint8Array, start: number, end: number, out: ScannedRating): boolean {
  return scanRatingFields(bytes, start, end, out) === end;
}

/**
 * scanRatingBytes for a line starting at `start` whose end is not known yet (one pass over the bytes,
 * no search for the LF first): returns the index of the line's LF, or `limit` for a last line without
 * one, when the line (its CR dropped) is canonical and valid; -1 otherwise (`out` is then meaningless).
 */
export function scanRatingLineAt(bytes: Uint8Array, start: number, limit: number, out: ScannedRating): number {
  const i = scanRatingFields(bytes, start, limit, out);
  if (i < 0 || i === limit) return i;
  const c = bytes[i];
  if (c === 10) return i;
  if (c === 13 && (i + 1 === limit || bytes[i + 1] === 10)) return i + 1;
  return -1;
}

/** Reads the four fields from `start`; returns where the timestamp's digits end, or -1 for anything not canonical and valid. */
function scanRatingFields(bytes: Uint8Array, start: number, end: number, out: ScannedRating): number {
  let i = start;
  let c = 0;
  let from = 0;

  let userId = 0;
  for (from = i; i < end && (c = bytes[i]) >= 48 && c <= 57; i++) userId = userId * 10 + (c - 48);
  if (i === from || i - from > 10 || i >= end || c !== 44) return -1;
  i++;

  let movieId = 0;
  for (from = i; i < end && (c = bytes[i]) >= 48 && c <= 57; i++) movieId = movieId * 10 + (c - 48);
  if (i === from || i - from > 10 || i >= end || c !== 44) return -1;
  i++;

  let rating = 0;
  for (from = i; i < end && (c = bytes[i]) >= 48 && c <= 57; i++) rating = rating * 10 + (c - 48);
  if (i === from || i - from > 2 || i >= end) return -1;
  if (c === 46) {
    i++;
    let fraction = 0;
    let scale = 1;
    for (from = i; i < end && (c = bytes[i]) >= 48 && c <= 57 && i - from < 6; i++) {
      fraction = fraction * 10 + (c - 48);
      scale *= 10;
    }
    if (i === from || i >= end) return -1;
    rating += fraction / scale;
  }
  if (c !== 44) return -1;
  i++;

  let timestamp = 0;
  for (from = i; i < end && (c = bytes[i]) >= 48 && c <= 57; i++) timestamp = timestamp * 10 + (c - 48);
  if (i === from || i - from > 12) return -1;

  if (userId < 1 || userId > MOVIELENS_USER_ID_MAX || movieId < 1 || movieId > MAX_INT) return -1;
  if (rating < 0.5 || rating > 5 || !Number.isInteger(rating * 2) || timestamp > MAX_TIMESTAMP) return -1;
  out.userId = userId;
  out.movieId = movieId;
  out.rating = rating;
  out.timestamp = timestamp;
  return i;
}

/** scanRatingBytes on a string (tests and one-off checks). */
export function scanRatingLine(line: string, out: ScannedRating): boolean {
  const bytes = Buffer.from(line, 'utf8');
  return scanRatingBytes(bytes, 0, bytes.length, out);
}
