export * from './activities';
export * from './enrich-tmdb.workflow';
