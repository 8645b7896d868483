/** Entry point the worker bundles: every workflow the worker registers. */
export * from './system-check.workflow';
export * from './import/import-movielens.workflow';
export { enrichTmdbWorkflow } from './enrichment/enrich-tmdb.workflow';
export { pipelineWorkflow } from './pipeline/pipeline.workflow';
export { retrainModelWorkflow } from './training/retrain-model.workflow';
export { retrainCoordinatorWorkflow } from './training/retrain-coordinator.workflow';
