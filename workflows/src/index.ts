// Contracts shared with the API, the worker and the tools; the workflow functions are in ./workflows (the worker's bundle entry).
export * from './activities';
export * from './runs';
export * from './search-attributes';
export * from './task-queues';
export * from './import';
export * from './enrichment';
export * from './pipeline/pipeline';
export * from './training';
