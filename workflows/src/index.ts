export * from './activities';
export * from './search-attributes';
export * from './task-queues';
export * from './workflows';
export * from './import';
export * from './enrichment';
export * from './pipeline/pipeline';
export * from './training';
