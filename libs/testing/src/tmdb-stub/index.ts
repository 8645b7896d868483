export * from './movies-metadata';
export * from './python-literal';
export * from './tmdb-stub';
