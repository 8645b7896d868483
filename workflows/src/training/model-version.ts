/**
 * Model version ids and the workflow ids derived from them. Pure and deterministic: safe inside
 * workflow code, and used by the API to start retrains.
 */

/** Workflow id of the retrain that produces `version`: at most one retrain of a version runs at a time. */
export const retrainWorkflowId = (version: string): string => `retrain-${version}`;

/** Workflow id of the engagement coordinator (one per namespace). */
export const RETRAIN_COORDINATOR_WORKFLOW_ID = 'retrain-coordinator';

/** Id of the nightly retrain Schedule (see ensureRetrainSchedule). */
export const RETRAIN_SCHEDULE_ID = 'retrain-nightly';

/** Value of the PipelineType search attribute of retrain workflows. */
export const RETRAIN_PIPELINE_TYPE = 'retrain';

const MODEL_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const GENERATED_VERSION = /^m(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?$/;

/**
 * The version id of a model trained from data as of `date` (UTC, second resolution), e.g.
 * `m20261125-071500`. `sequence` (2, 3, ...) disambiguates two versions started within one second.
 * Inside a workflow pass `workflowInfo().startTime` or `new Date(Date.now())` (both deterministic).
 */
export function modelVersionFromDate(date: Date | number, sequence?: number): string {
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid date ${String(date)}`);
  const pad = (n: number) => String(n).padStart(2, '0');
  const base = `m${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return sequence && sequence > 1 ? `${base}-${sequence}` : base;
}

/** The UTC time encoded in a generated version id (`m20261125-071500` → 2026-11-25T07:15:00Z), or undefined. */
export function modelVersionDate(version: string): Date | undefined {
  const match = GENERATED_VERSION.exec(version);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

/** Why `version` cannot name a model (it becomes part of S3 keys and workflow ids), or undefined when it can. */
export function modelVersionProblem(version: string): string | undefined {
  if (typeof version === 'string' && MODEL_VERSION.test(version) && !version.includes('..')) return undefined;
  return `model version ${JSON.stringify(version)} must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit`;
}

/** Object-storage prefix of a model version (the same as ModelStore's `modelPrefix`). */
export const modelStoragePrefix = (version: string): string => `models/${version}/`;

/** Where the retrain keeps the ratings snapshot it trained on. */
export const modelSnapshotKey = (version: string): string => `${modelStoragePrefix(version)}snapshot/ratings.bin`;

/** Prefix of the per-configuration tuning results (resume markers) of a version. */
export const modelTuningPrefix = (version: string): string => `${modelStoragePrefix(version)}tuning/`;
