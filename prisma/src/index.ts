export * from './client';
export { ACTIVE_MODEL_LOCK, activateModelVersion, lockActiveModel } from './active-model';
export type { TransactionStatements } from './active-model';
export { applyMigrations, defaultMigrationsDir, readMigrations } from './migrate';
export type { ApplyMigrationsOptions, ApplyMigrationsResult, Migration } from './migrate';
export { inTransaction } from './transaction';
export type { TransactionOptions } from './transaction';
