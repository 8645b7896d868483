import type { MovieLensFile } from '@reelrank/workflows';
import type { ByteSink } from './byte-sink';
import {
  parseLinkRow,
  parseMovieRow,
  parseRatingRow,
  parseTagRow,
  type LinkRow,
  type MovieIds,
  type MovieRow,
  type Parsed,
  type RatingRow,
  type TagRow,
} from './movielens-rows';

/**
 * Staging tables: one UNLOGGED table per import and file in the `import_staging` schema (created by
 * the migration, tables created by prepare and dropped by the merge). They have no indexes or
 * constraints, so COPY into them runs at full speed; every row keeps its line number, which is how a
 * resumed load drops the rows staged after the checkpoint it resumes from.
 */
export const STAGING_SCHEMA = 'import_staging';

export function stagingTable(importId: number, file: MovieLensFile): string {
  if (!Number.isInteger(importId) || importId < 1) throw new Error(`invalid import id ${importId}`);
  return `"${STAGING_SCHEMA}"."movielens_${importId}_${file}"`;
}

/**
 * What a staging attempt heartbeats after each committed chunk, and what a retry resumes from.
 * Everything up to `line` (ending at byte `byteOffset`) is committed in the staging table and the quarantine.
 */
export interface StageCheckpoint {
  /** 2: with sha256State (checkpoints of version 1 could not verify the file: their attempt starts over). */
  v: 2;
  file: MovieLensFile;
  etag: string;
  byteOffset: number;
  line: number;
  rowsRead: number;
  staged: number;
  rejected: number;
  blankLines: number;
  /** Ratings only: whether the staged (userId, movieId) keys are strictly increasing, so none repeats. */
  sorted: boolean;
  lastKey: [number, number] | null;
  resumedFromLine: number;
  /** SHA-256 state (hash-wasm `save()`, base64) of bytes 0 to byteOffset; null before the first byte. */
  sha256State: string | null;
}

/** How one file is validated and written to its staging table. */
export interface StagingFormat<Row> {
  /** Column list of the staging table, in COPY order. */
  columns: string[];
  /** SQL types of `columns`. */
  types: string[];
  /** COPY format of write(). A binary payload starts with COPY_BINARY_HEADER and ends with COPY_BINARY_TRAILER. */
  copyFormat: 'text' | 'binary';
  parse(fields: string[], movies: MovieIds): Parsed<Row>;
  /** Appends one row to a COPY payload (in copyFormat). */
  write(sink: ByteSink, row: Row, line: number, raw: string): void;
}

/** COPY text format escaping of a text value. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string)
    : value;
}

const nullable = (value: string | number | null) => (value === null ? '\\N' : typeof value === 'number' ? String(value) : copyText(value));

/** A text-format staging file: write() appends copyLine(). */
type TextFormat<Row> = StagingFormat<Row> & {
  copyFormat: 'text';
  /** One COPY text line, LF-terminated. */
  copyLine(row: Row, line: number, raw: string): string;
};

function textFormat<Row>(format: Omit<TextFormat<Row>, 'write' | 'copyFormat'>): TextFormat<Row> {
  return { ...format, copyFormat: 'text', write: (sink, row, line, raw) => sink.text(format.copyLine(row, line, raw)) };
}

const movies = textFormat<MovieRow>({
  columns: ['line', 'raw', 'movie_id', 'title', 'year', 'genres'],
  types: ['integer', 'text', 'integer', 'text', 'integer', 'text'],
  parse: (fields) => parseMovieRow(fields),
  copyLine: (row, line, raw) =>
    `${line}\t${copyText(raw)}\t${row.movieId}\t${copyText(row.title)}\t${nullable(row.year)}\t${copyText(row.genres.join('|'))}\n`,
});

const links = textFormat<LinkRow>({
  columns: ['line', 'raw', 'movie_id', 'imdb_id', 'tmdb_id'],
  types: ['integer', 'text', 'integer', 'text', 'integer'],
  parse: parseLinkRow,
  copyLine: (row, line, raw) => `${line}\t${copyText(raw)}\t${row.movieId}\t${nullable(row.imdbId)}\t${nullable(row.tmdbId)}\n`,
});

const tags = textFormat<TagRow>({
  columns: ['line', 'raw', 'user_id', 'movie_id', 'tag', 'tag_key', 'ts'],
  types: ['integer', 'text', 'integer', 'integer', 'text', 'text', 'bigint'],
  parse: parseTagRow,
  copyLine: (row, line, raw) =>
    `${line}\t${copyText(raw)}\t${row.userId}\t${row.movieId}\t${copyText(row.tag)}\t${copyText(row.tagKey)}\t${row.timestamp}\n`,
});

/** Start of a COPY binary payload: signature, flags (no OIDs), no header extension. */
export const COPY_BINARY_HEADER = Buffer.from('5047434f50590aff0d0a00' + '00000000' + '00000000', 'hex');
/** End of a COPY binary payload (a tuple with field count -1). */
export const COPY_BINARY_TRAILER = Buffer.from('ffff', 'hex');

/** Big-endian float4 bits of k / 2 (k = 0..10): every valid rating. */
const HALF_STEP_FLOAT4: number[] = (() => {
  const view = new DataView(new ArrayBuffer(4));
  return Array.from({ length: 11 }, (_, k) => {
    view.setFloat32(0, k / 2);
    return view.getUint32(0);
  });
})();

/** Bytes of one ratings tuple in COPY binary format. */
export const RATING_TUPLE_BYTES = 46;

/**
 * Appends one staged rating as a COPY binary tuple: (line int4, user_id int4, movie_id int4, rating float4,
 * ts int8). The values are validated (positive int4 ids, rating 0.5..5.0 in half steps, 0 <= ts <= 2100,
 * which fits in 32 bits), so the bytes are written directly: no text for PostgreSQL to parse.
 */
export function writeRatingTuple(sink: ByteSink, line: number, userId: number, movieId: number, rating: number, ts: number): void {
  const b = sink.reserve(RATING_TUPLE_BYTES);
  const at = sink.length;
  const bits = HALF_STEP_FLOAT4[rating * 2];
  b[at] = 0;
  b[at + 1] = 5; // fields
  b[at + 2] = 0;
  b[at + 3] = 0;
  b[at + 4] = 0;
  b[at + 5] = 4;
  b[at + 6] = line >>> 24;
  b[at + 7] = line >>> 16;
  b[at + 8] = line >>> 8;
  b[at + 9] = line;
  b[at + 10] = 0;
  b[at + 11] = 0;
  b[at + 12] = 0;
  b[at + 13] = 4;
  b[at + 14] = userId >>> 24;
  b[at + 15] = userId >>> 16;
  b[at + 16] = userId >>> 8;
  b[at + 17] = userId;
  b[at + 18] = 0;
  b[at + 19] = 0;
  b[at + 20] = 0;
  b[at + 21] = 4;
  b[at + 22] = movieId >>> 24;
  b[at + 23] = movieId >>> 16;
  b[at + 24] = movieId >>> 8;
  b[at + 25] = movieId;
  b[at + 26] = 0;
  b[at + 27] = 0;
  b[at + 28] = 0;
  b[at + 29] = 4;
  b[at + 30] = bits >>> 24;
  b[at + 31] = bits >>> 16;
  b[at + 32] = bits >>> 8;
  b[at + 33] = bits;
  b[at + 34] = 0;
  b[at + 35] = 0;
  b[at + 36] = 0;
  b[at + 37] = 8;
  b[at + 38] = 0; // ts < 2^32: high word 0
  b[at + 39] = 0;
  b[at + 40] = 0;
  b[at + 41] = 0;
  b[at + 42] = ts >>> 24;
  b[at + 43] = ts >>> 16;
  b[at + 44] = ts >>> 8;
  b[at + 45] = ts;
  sink.length = at + RATING_TUPLE_BYTES;
}

// Ratings are the bulk (25M rows): no raw text (the merge rebuilds it for the rare duplicate) and COPY
// binary, so PostgreSQL copies fixed-size values instead of parsing text (a quarter less of its CPU).
const ratings: StagingFormat<RatingRow> = {
  columns: ['line', 'user_id', 'movie_id', 'rating', 'ts'],
  types: ['integer', 'integer', 'integer', 'real', 'bigint'],
  copyFormat: 'binary',
  parse: parseRatingRow,
  write: (sink, row, line) => writeRatingTuple(sink, line, row.userId, row.movieId, row.rating, row.timestamp),
};

export const STAGING_FORMATS = { movies, links, tags, ratings } as const;

const NULLABLE_COLUMNS = new Set(['year', 'imdb_id', 'tmdb_id']);

export function createStagingTableSql(importId: number, file: MovieLensFile): string {
  const format = STAGING_FORMATS[file] as StagingFormat<unknown>;
  const columns = format.columns.map((column, i) => `${column} ${format.types[i]}${NULLABLE_COLUMNS.has(column) ? '' : ' NOT NULL'}`);
  return `CREATE UNLOGGED TABLE ${stagingTable(importId, file)} (${columns.join(', ')}) WITH (autovacuum_enabled = false)`;
}
