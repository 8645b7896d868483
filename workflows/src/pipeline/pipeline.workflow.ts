import { executeChild, ParentClosePolicy, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { enrichTmdbWorkflow, enrichTmdbWorkflowId } from '../enrichment/enrich-tmdb.workflow';
import { importMovieLensWorkflow } from '../import/import-movielens.workflow';
import { importMovieLensWorkflowId } from '../import/movielens';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
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
 * TMDB, then retrain the recommender, each as a child workflow with its own id and progress query.
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
    (result) => `${result.files.ratings.loaded} ratings loaded, ${result.files.ratings.updated} updated, ${totalRejected(result)} rows quarantined`,
  );

  let enrichment: PipelineResult['enrichment'];
  if (input.skipEnrichment) stage('enrichment').status = 'skipped';
  else {
    enrichment = await run(
      'enrichment',
      enrichTmdbWorkflowId(datasetVersion),
      () => executeChild(enrichTmdbWorkflow, { ...childOptions(enrichTmdbWorkflowId(datasetVersion)), args: [{ datasetVersion }] }),
      (result) => (result.status === 'completed' ? `${result.enriched} enriched, ${result.notFound} not on TMDB, ${result.failed} failed` : result.status),
    );
  }

  // Retraining joins here once the recommender's workflow lands.
  stage('retrain').status = 'skipped';

  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineStage, value: 'done' }]);
  return { datasetVersion, import: imported, enrichment, stages };
}

const totalRejected = (result: { files: Record<string, { rejected: number }> }) =>
  Object.values(result.files).reduce((sum, file) => sum + file.rejected, 0);
