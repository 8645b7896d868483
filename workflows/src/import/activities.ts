import type { MovieLensFile, MovieLensFileStats, MovieLensFileState, ImportMovieLensResult } from './movielens';

/** One raw file of a prepared import. Only keys and sizes travel in payloads, never data. */
export interface MovieLensImportFile {
  file: MovieLensFile;
  key: string;
  totalBytes: number;
  etag: string;
  /** The manifest's SHA-256 of the file: staging hashes the bytes it reads and refuses the file when they differ. */
  sha256: string;
}

export interface PreparedMovieLensImport {
  importId: number;
  datasetVersion: string;
  files: MovieLensImportFile[];
}

export interface StageMovieLensFileInput {
  importId: number;
  datasetVersion: string;
  file: MovieLensImportFile;
}

/** What staging one file produced (before the merge). */
export interface StagedMovieLensFile {
  file: MovieLensFile;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  staged: number;
  rejected: number;
  blankLines: number;
  /** Line the last attempt resumed after (0 when it started from the beginning). */
  resumedFromLine: number;
}

/** Per-file staging checkpoint as stored in dataset_import_files (read by the progress poller). */
export interface MovieLensFileCheckpoint {
  file: MovieLensFile;
  state: MovieLensFileState;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  staged: number;
  rejected: number;
  merged?: MovieLensFileStats;
}

export interface MovieLensImportActivities {
  /** Checks the raw objects and their headers, registers the import and creates its staging tables. */
  prepareMovieLensImport(input: { datasetVersion: string; workflowRunId?: string }): Promise<PreparedMovieLensImport>;
  /** Streams one raw file from S3 into its staging table; heartbeats a byte offset and resumes from it. */
  stageMovieLensFile(input: StageMovieLensFileInput): Promise<StagedMovieLensFile>;
  /** One transaction: staging → movies, genres, movie_genres, links, users, ratings, tags. */
  mergeMovieLensImport(input: { importId: number }): Promise<ImportMovieLensResult>;
  /** The staging checkpoints of every file, for the workflow's `progress` query. */
  readMovieLensImportProgress(input: { importId: number }): Promise<MovieLensFileCheckpoint[]>;
  /** Records a failed import (status FAILED and the error) and drops its staging tables. */
  markMovieLensImportFailed(input: { datasetVersion: string; error: string }): Promise<void>;
}
