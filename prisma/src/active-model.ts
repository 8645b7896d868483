/**
 * The active model: which trained version serves recommendations. `activateModelVersion` is the one writer of
 * `active_model`, used by the worker's promotion and the API's manual promotion and rollback; it and every change
 * of which versions exist (the worker's pruning) run under `ACTIVE_MODEL_LOCK` (pg_advisory_xact_lock).
 */
export const ACTIVE_MODEL_LOCK = 0x52_52_41_4d; // "RRAM"

/** A connection inside an open transaction: pg's `client.query`, or an adapter over Prisma's `$executeRawUnsafe`. */
export interface TransactionStatements {
  query(text: string, values: unknown[]): Promise<unknown>;
}

/** Holds the active-model lock until the transaction ends (re-entrant within it). */
export async function lockActiveModel(tx: TransactionStatements): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ACTIVE_MODEL_LOCK]);
}

/** Makes `version` the active model and stamps its promoted_at, under the lock, in the caller's transaction. */
export async function activateModelVersion(tx: TransactionStatements, version: string): Promise<void> {
  await lockActiveModel(tx);
  await tx.query(
    `INSERT INTO active_model (id, version, promoted_at) VALUES (1, $1, now())
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, promoted_at = EXCLUDED.promoted_at`,
    [version],
  );
  await tx.query('UPDATE model_versions SET promoted_at = now() WHERE version = $1', [version]);
}
