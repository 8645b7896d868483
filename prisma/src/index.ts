export * from './client';
export { applyMigrations, defaultMigrationsDir, readMigrations } from './migrate';
export type { ApplyMigrationsOptions, ApplyMigrationsResult, Migration } from './migrate';
