export * from './client';
export { ACTIVE_MODEL_LOCK } from './locks';
export { applyMigrations, defaultMigrationsDir, readMigrations } from './migrate';
export type { ApplyMigrationsOptions, ApplyMigrationsResult, Migration } from './migrate';
export { inTransaction } from './transaction';
export type { TransactionOptions } from './transaction';
