import type { MovieLensFile } from '@reelrank/workflows';
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

/** How one file is validated and written to its staging table (COPY text format). */
export interface StagingFormat<Row> {
  /** Column list of the staging table, in COPY order. */
  columns: string[];
  /** SQL types of `columns`. */
  types: string[];
  /** COPY format of copyLine(). */
  copyFormat: 'text' | 'csv';
  parse(fields: string[], movies: MovieIds): Parsed<Row>;
  /** One COPY line (in copyFormat), LF-terminated. */
  copyLine(row: Row, line: number, raw: string): string;
}

/** COPY text format escaping of a text value. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string)
    : value;
}

const nullable = (value: string | number | null) => (value === null ? '\\N' : typeof value === 'number' ? String(value) : copyText(value));

const movies: StagingFormat<MovieRow> = {
  columns: ['line', 'raw', 'movie_id', 'title', 'year', 'genres'],
  copyFormat: 'text',
  types: ['integer', 'text', 'integer', 'text', 'integer', 'text'],
  parse: (fields) => parseMovieRow(fields),
  copyLine: (row, line, raw) =>
    `${line}\t${copyText(raw)}\t${row.movieId}\t${copyText(row.title)}\t${nullable(row.year)}\t${copyText(row.genres.join('|'))}\n`,
};

const links: StagingFormat<LinkRow> = {
  columns: ['line', 'raw', 'movie_id', 'imdb_id', 'tmdb_id'],
  copyFormat: 'text',
  types: ['integer', 'text', 'integer', 'text', 'integer'],
  parse: parseLinkRow,
  copyLine: (row, line, raw) => `${line}\t${copyText(raw)}\t${row.movieId}\t${nullable(row.imdbId)}\t${nullable(row.tmdbId)}\n`,
};

const tags: StagingFormat<TagRow> = {
  columns: ['line', 'raw', 'user_id', 'movie_id', 'tag', 'tag_key', 'ts'],
  copyFormat: 'text',
  types: ['integer', 'text', 'integer', 'integer', 'text', 'text', 'bigint'],
  parse: parseTagRow,
  copyLine: (row, line, raw) =>
    `${line}\t${copyText(raw)}\t${row.userId}\t${row.movieId}\t${copyText(row.tag)}\t${copyText(row.tagKey)}\t${row.timestamp}\n`,
};

// Ratings are the bulk (25M rows): no raw text (the merge rebuilds it for the rare duplicate) and CSV, so a
// canonical line that scanRatingLine accepted is staged as `<line number>,<the line itself>`.
const ratings: StagingFormat<RatingRow> = {
  columns: ['line', 'user_id', 'movie_id', 'rating', 'ts'],
  types: ['integer', 'integer', 'integer', 'real', 'bigint'],
  copyFormat: 'csv',
  parse: parseRatingRow,
  copyLine: (row, line) => `${line},${row.userId},${row.movieId},${row.rating},${row.timestamp}\n`,
};

export const STAGING_FORMATS = { movies, links, tags, ratings } as const;

const NULLABLE_COLUMNS = new Set(['year', 'imdb_id', 'tmdb_id']);

export function createStagingTableSql(importId: number, file: MovieLensFile): string {
  const format = STAGING_FORMATS[file] as StagingFormat<unknown>;
  const columns = format.columns.map((column, i) => `${column} ${format.types[i]}${NULLABLE_COLUMNS.has(column) ? '' : ' NOT NULL'}`);
  return `CREATE UNLOGGED TABLE ${stagingTable(importId, file)} (${columns.join(', ')}) WITH (autovacuum_enabled = false)`;
}
