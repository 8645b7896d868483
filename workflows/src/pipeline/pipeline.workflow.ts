import { executeChild, ParentClosePolicy, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { enrichTmdbWorkflow } from '../enrichment/enrich-tmdb.workflow';
import { enrichTmdbWorkflowId } from '../enrichment/enrichment';
import { importMovieLensWorkflow } from '../import/import-movielens.workflow';
import { importMovieLensWorkflowId } from '../import/movielens';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import { TASK_QUEUES } from '../task-queues';
import { modelVersionFromDate, retrainWorkflowId } from '../training/model-version';
import { retrainModelWorkflow } from '../training/retrain-model.workflow';
import {
  PIPELINE_STAGES,
  pipelineProgressQuery,
  type PipelineInput,
  type PipelineResult,
  type PipelineStageName,
  type PipelineStageProgress,
} from './pipeline';

/**
 * The whole data path for one dataset version: import MovieLens from the raw zone, enrich from
 * TMDB, then retrain the recommender (on the training task queue), each as a child workflow with its
 * own id and progress query.
 */
export async function pipelineWorkflow(input: PipelineInput): Promise<PipelineResult> {
  const { datasetVersion } = input;
  const stages: PipelineStageProgress[] = PIPELINE_STAGES.map((name) => ({ name, status: 'pending' }));
  const stage = (name: PipelineStageName) => stages.find((candidate) => candidate.name === name)!;
  setHandler(pipelineProgressQuery, () => ({
    datasetVersion,
    stages,
    fraction: stages.filter((s) => s.status === 'completed' || s.status === 'skipped').length / stages.length,
  }));
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.pipelineType, value: 'pipeline' },
    { key: SEARCH_ATTRIBUTES.datasetVersion, value: datasetVersion },
  ]);

  const run = async <T>(name: PipelineStageName, workflowId: string, child: () => Promise<T>, summarize: (result: T) => string) => {
    Object.assign(stage(name), { status: 'running', workflowId });
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineStage, value: name }]);
    try {
      const result = await child();
      Object.assign(stage(name), { status: 'completed', summary: summarize(result) });
      return result;
    } catch (error) {
      stage(name).status = 'failed';
      upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineStage, value: 'failed' }]);
      throw error;
    }
  };
  const childOptions = (workflowId: string) => ({ workflowId, parentClosePolicy: ParentClosePolicy.TERMINATE });

  const imported = await run(
    'import',
    importMovieLensWorkflowId(datasetVersion),
    () => executeChild(importMovieLensWorkflow, { ...childOptions(importMovieLensWorkflowId(datasetVersion)), args: [{ datasetVersion }] }),
    (result) =>
      `${result.files.ratings.loaded} ratings loaded, ${result.files.ratings.updated} updated, ${totalRejected(result)} rows quarantined`,
  );

  let enrichment: PipelineResult['enrichment'];
  if (input.skipEnrichment) stage('enrichment').status = 'skipped';
  else {
    enrichment = await run(
      'enrichment',
      enrichTmdbWorkflowId(datasetVersion),
      () => executeChild(enrichTmdbWorkflow, { ...childOptions(enrichTmdbWorkflowId(datasetVersion)), args: [{ datasetVersion }] }),
      (result) =>
        result.status === 'completed'
          ? `${result.enriched} enriched, ${result.notFound} not on TMDB, ${result.failed} failed`
          : result.status,
    );
  }

  let retrain: PipelineResult['retrain'];
  if (input.skipRetrain) stage('retrain').status = 'skipped';
  else {
    // Date.now() is deterministic in workflow code (the time of the current workflow task).
    const modelVersion = modelVersionFromDate(Date.now());
    retrain = await run(
      'retrain',
      retrainWorkflowId(modelVersion),
      () =>
        executeChild(retrainModelWorkflow, {
          ...childOptions(retrainWorkflowId(modelVersion)),
          taskQueue: input.trainingTaskQueue ?? TASK_QUEUES.training,
          args: [{ trigger: 'pipeline', modelVersion, ...input.retrain }],
        }),
      (result) => `${result.version} ${result.promoted ? 'promoted' : `not promoted: ${result.reason}`}`,
    );
  }

  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineStage, value: 'done' }]);
  return { datasetVersion, import: imported, enrichment, retrain, stages };
}

const totalRejected = (result: { files: Record<string, { rejected: number }> }) =>
  Object.values(result.files).reduce((sum, file) => sum + file.rejected, 0);
