/**
 * Advisory lock keys shared by the processes that write the same rows (pg_advisory_xact_lock).
 * `ACTIVE_MODEL_LOCK` serialises every write of `active_model` and of which versions exist: the worker's
 * promotion and pruning and the API's manual promotion and rollback.
 */
export const ACTIVE_MODEL_LOCK = 0x52_52_41_4d; // "RRAM"
