import { defineQuery } from '@temporalio/workflow';
import type { EnrichTmdbResult } from '../enrichment/enrichment';
import type { ImportMovieLensResult } from '../import/movielens';
import type { RetrainModelInput, RetrainModelResult } from '../training/retrain';

/** One pipeline per dataset version: start it with this workflow id. */
export const pipelineWorkflowId = (datasetVersion: string) => `pipeline-${datasetVersion}`;

export const PIPELINE_STAGES = ['import', 'enrichment', 'retrain'] as const;
export type PipelineStageName = (typeof PIPELINE_STAGES)[number];
export type PipelineStageStatus = 'pending' | 'running' | 'completed' | 'skipped' | 'failed';

export interface PipelineInput {
  datasetVersion: string;
  /** Skip TMDB enrichment (the catalog works without details). */
  skipEnrichment?: boolean;
  /** Skip retraining the recommender after the data changed. */
  skipRetrain?: boolean;
  /** Options of the retrain (grid overrides, force, ...). */
  retrain?: Partial<Omit<RetrainModelInput, 'trigger' | 'modelVersion'>>;
  /** Task queue of the retrain; defaults to TASK_QUEUES.training. */
  trainingTaskQueue?: string;
}

export interface PipelineStageProgress {
  name: PipelineStageName;
  status: PipelineStageStatus;
  /** The child workflow running this stage; query it for detailed progress. */
  workflowId?: string;
  summary?: string;
}

export interface PipelineProgress {
  datasetVersion: string;
  stages: PipelineStageProgress[];
  /** Finished stages over all stages, 0..1. */
  fraction: number;
}

export interface PipelineResult {
  datasetVersion: string;
  import: ImportMovieLensResult;
  enrichment?: EnrichTmdbResult;
  retrain?: RetrainModelResult;
  stages: PipelineStageProgress[];
}

export const pipelineProgressQuery = defineQuery<PipelineProgress>('progress');
