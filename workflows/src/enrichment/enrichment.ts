import { defineQuery } from '@temporalio/workflow';
import type { EnrichMovieFailure, EnrichTmdbCounters } from './activities';

/**
 * TMDB enrichment contracts shared by the API (which starts enrichments and shows their progress), the
 * pipeline (which runs one as a child) and the worker. Pure and deterministic: safe inside workflow code.
 */

export interface EnrichTmdbInput {
  datasetVersion: string;
  /** Movies per enrichMoviesFromTmdb activity; default 50, at most 500. */
  batchSize?: number;
  /** Batches per run before the workflow continues as new (keeps history small for 60k movies); default 20. */
  batchesPerRun?: number;
  /** Set by the workflow itself when it continues as new; callers leave it out. */
  continuation?: EnrichTmdbContinuation;
}

/** What one run hands the next: the cursor and the cumulative counters. */
export interface EnrichTmdbContinuation {
  afterMovieId: number;
  total: number;
  counters: EnrichTmdbCounters;
  batches: number;
  runs: number;
  recentFailures: EnrichMovieFailure[];
}

export type EnrichTmdbState = 'starting' | 'enriching' | 'done' | 'skipped' | 'failed';

export interface EnrichTmdbProgress extends EnrichTmdbCounters {
  /** Movies that needed details when the first run started. */
  total: number;
  state: EnrichTmdbState;
}

export const ENRICH_TMDB_SKIPPED_NO_CREDENTIALS = 'skipped: no TMDB credentials';

export interface EnrichTmdbResult extends EnrichTmdbCounters {
  datasetVersion: string;
  status: 'completed' | typeof ENRICH_TMDB_SKIPPED_NO_CREDENTIALS;
  total: number;
  batches: number;
  /** Runs of the continue-as-new chain, this one included. */
  runs: number;
  /** The last (up to 20) movies that failed; they have no details, so the next run retries them. */
  recentFailures: EnrichMovieFailure[];
}

/** `progress` query: counters so far (cumulative over continue-as-new) and the state. */
export const enrichTmdbProgressQuery = defineQuery<EnrichTmdbProgress>('progress');

/** One enrichment per dataset version: start it with this workflow id. */
export const enrichTmdbWorkflowId = (datasetVersion: string) => `enrich-tmdb-${datasetVersion}`;

/** PipelineStage values this workflow sets. */
export const ENRICH_TMDB_STAGES = { enriching: 'enriching', done: 'done', skipped: 'skipped', failed: 'failed' } as const;

export const ENRICH_TMDB_DEFAULTS = { batchSize: 50, maxBatchSize: 500, batchesPerRun: 20 } as const;
