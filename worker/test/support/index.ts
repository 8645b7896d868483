export * from './movielens';
export * from './test-worker';
