// TMDB enrichment contracts. The workflow is exported through ../workflows, the activity interface through ../activities.
export * from './activities';
export * from './enrichment';
