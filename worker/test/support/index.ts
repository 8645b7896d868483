export * from './movielens';
export * from './test-worker';
export * from './training';
export * from './worker-process';
