export * from './buckets';
export * from './databases';
export * from './datasets';
export * from './test-config';
export * from './test-stack';
export * from './tmdb-stub';
export * from './wait-for';
