import { defineQuery } from '@temporalio/workflow';

/**
 * MovieLens import contracts shared by the API (which starts imports and shows their progress),
 * the worker (which runs the activities) and the CLIs (which upload raw files).
 * Pure and deterministic: safe inside workflow code.
 */

/** The four CSV files of a MovieLens release, in the order they are loaded (movies first: the others reference them). */
export const MOVIELENS_FILES = ['movies', 'links', 'tags', 'ratings'] as const;
export type MovieLensFile = (typeof MOVIELENS_FILES)[number];

/** The exact header line each file must start with (after an optional BOM). */
export const MOVIELENS_HEADERS: Record<MovieLensFile, readonly string[]> = {
  movies: ['movieId', 'title', 'genres'],
  links: ['movieId', 'imdbId', 'tmdbId'],
  tags: ['userId', 'movieId', 'tag', 'timestamp'],
  ratings: ['userId', 'movieId', 'rating', 'timestamp'],
};

const DATASET_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Why `version` cannot name a dataset (it becomes part of S3 keys and workflow ids), or undefined when it can. */
export function datasetVersionProblem(version: string): string | undefined {
  if (DATASET_VERSION.test(version) && !version.includes('..')) return undefined;
  return `dataset version ${JSON.stringify(version)} must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit`;
}

/** The raw zone: a folder per dataset version. */
export const MOVIELENS_RAW_ZONE = 'movielens/raw/';

/** Prefix of a dataset version's raw zone: `movielens/raw/<datasetVersion>/`. */
export const movieLensRawPrefix = (datasetVersion: string): string => `${MOVIELENS_RAW_ZONE}${datasetVersion}/`;

/** `movielens/raw/<datasetVersion>/<file>.csv` */
export const movieLensRawKey = (datasetVersion: string, file: MovieLensFile): string => `${movieLensRawPrefix(datasetVersion)}${file}.csv`;

/** `movielens/raw/<datasetVersion>/manifest.json`, written by `npm run dataset:upload`. */
export const movieLensManifestKey = (datasetVersion: string): string => `${movieLensRawPrefix(datasetVersion)}manifest.json`;

/** One file of a dataset version's manifest, as `npm run dataset:upload` measured it. */
export interface MovieLensManifestFile {
  key: string;
  bytes: number;
  /** Hex SHA-256 of the object: the import refuses an object whose bytes no longer hash to it. */
  sha256: string;
  /** Lines after the header (blank lines included). */
  rows: number;
}

/** `movielens/raw/<datasetVersion>/manifest.json`, written by `npm run dataset:upload` after the files. */
export interface MovieLensManifest {
  dataset: 'movielens';
  datasetVersion: string;
  uploadedAt: string;
  files: Record<MovieLensFile, MovieLensManifestFile>;
}

/** Workflow id of the import of one dataset version: at most one import of a version runs at a time. */
export const importMovieLensWorkflowId = (datasetVersion: string): string => `import-movielens-${datasetVersion}`;

/** Value of the PipelineType search attribute of import workflows. */
export const IMPORT_PIPELINE_TYPE = 'import';

/** Values of the PipelineStage search attribute (and `progress().stage`), in order. */
export type MovieLensImportStage = 'validating' | 'loading-movies' | 'loading-ratings' | 'merging' | 'done' | 'failed';

export interface ImportMovieLensInput {
  datasetVersion: string;
}

/** pending → staging → staged → merged (or failed). */
export type MovieLensFileState = 'pending' | 'staging' | 'staged' | 'merged' | 'failed';

/** Live progress of one file, as the `progress` query reports it. */
export interface MovieLensFileProgress {
  /** Data rows parsed so far (header and blank lines excluded). */
  rowsRead: number;
  /** Byte offset in the object up to which rows are committed to staging. */
  bytesRead: number;
  totalBytes: number;
  /** Valid rows written to the staging table so far. */
  staged: number;
  /** Rows inserted into the final table (known once merged). */
  loaded: number;
  /** Existing rows whose values changed (known once merged). */
  updated: number;
  /** Rows sent to import_quarantine: invalid rows while staging, plus superseded duplicates once merged. */
  rejected: number;
  state: MovieLensFileState;
}

export interface MovieLensImportProgress {
  datasetVersion: string;
  stage: MovieLensImportStage;
  /** dataset_imports.id, once the import is prepared. */
  importId?: number;
  files: Record<MovieLensFile, MovieLensFileProgress>;
}

/** `progress` query of importMovieLensWorkflow. */
export const movieLensImportProgressQuery = defineQuery<MovieLensImportProgress>('progress');

/** Final per-file figures. rowsRead = loaded + updated + unchanged + rejected. */
export interface MovieLensFileStats {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  blankLines: number;
  /** Inserted into the final table. */
  loaded: number;
  /** Existing rows whose values changed. */
  updated: number;
  /** Existing rows already equal to the file's. */
  unchanged: number;
  /** Quarantined rows (validation failures and superseded duplicates). */
  rejected: number;
  /** Of `rejected`: duplicates superseded by another row of the same key. */
  duplicates: number;
}

export interface ImportMovieLensResult {
  datasetVersion: string;
  importId: number;
  files: Record<MovieLensFile, MovieLensFileStats>;
  genres: { inserted: number; total: number };
  movieGenres: { inserted: number; deleted: number };
  users: { inserted: number };
}
