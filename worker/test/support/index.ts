export * from './movielens';
export * from './test-worker';
export * from './training';
