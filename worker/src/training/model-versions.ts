/** model_versions and active_model bookkeeping of the retrain (plain SQL on a pg pool). */
import { activateModelVersion, inTransaction, lockActiveModel } from '@reelrank/prisma';
import {
  decidePromotion,
  isExplicitParams,
  isImplicitParams,
  type ActiveModelDescription,
  type DataCounts,
  type MetricsSummary,
  type ModelVersionDetails,
  type PromoteModelVersionInput,
  type PromotionBaseline,
  type PromotionOutcome,
  type PromotionRecord,
  type RatingsSinceActiveModel,
  type RetrainMetrics,
  type StageTimings,
  type StoredRetrainMetrics,
} from '@reelrank/workflows';
import type { Pool, PoolClient } from 'pg';

/** A finished (READY or REJECTED) version of that name exists: a retrain never overwrites it. */
export class ModelVersionExistsError extends Error {
  override name = 'ModelVersionExists';
}

export async function insertTrainingVersion(
  client: PoolClient | Pool,
  row: {
    version: string;
    workflowId: string;
    storagePrefix: string;
    snapshotAt: Date;
    ratingsWatermark: string;
    dataCounts: DataCounts;
    timings: StageTimings;
    metrics: Pick<RetrainMetrics, 'trigger'>;
  },
): Promise<void> {
  const { rowCount } = await client.query(
    `INSERT INTO model_versions
       (version, status, workflow_id, storage_prefix, params, metrics, data_counts, timings, snapshot_at, ratings_watermark)
     VALUES ($1, 'TRAINING', $2, $3, '{}'::jsonb, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8)
     ON CONFLICT (version) DO UPDATE SET
       status = 'TRAINING', workflow_id = EXCLUDED.workflow_id, storage_prefix = EXCLUDED.storage_prefix, params = '{}'::jsonb,
       metrics = EXCLUDED.metrics, data_counts = EXCLUDED.data_counts, timings = EXCLUDED.timings,
       snapshot_at = EXCLUDED.snapshot_at, ratings_watermark = EXCLUDED.ratings_watermark, rejection_reason = NULL, promoted_at = NULL
     WHERE model_versions.status IN ('TRAINING', 'FAILED')`,
    [
      row.version,
      row.workflowId,
      row.storagePrefix,
      JSON.stringify(row.metrics),
      JSON.stringify(row.dataCounts),
      JSON.stringify(row.timings),
      row.snapshotAt,
      row.ratingsWatermark,
    ],
  );
  if (rowCount === 0) throw new ModelVersionExistsError(`model version ${row.version} already exists and is finished`);
}

/** The status of a version, or undefined. */
export async function versionStatus(pool: Pool, version: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ status: string }>('SELECT status FROM model_versions WHERE version = $1', [version]);
  return rows[0]?.status;
}

export async function updateVersionDetails(pool: Pool, version: string, details: ModelVersionDetails): Promise<void> {
  await pool.query(
    `UPDATE model_versions SET params = $2::jsonb, metrics = $3::jsonb, data_counts = $4::jsonb, timings = $5::jsonb
     WHERE version = $1 AND status = 'TRAINING'`,
    [
      version,
      JSON.stringify(details.params),
      JSON.stringify(details.metrics),
      JSON.stringify(details.dataCounts),
      JSON.stringify(details.timings),
    ],
  );
}

export async function describeActiveModel(pool: Pool | PoolClient): Promise<ActiveModelDescription | null> {
  const { rows } = await pool.query<{
    version: string;
    params: Record<string, unknown>;
    summary: MetricsSummary | null;
    snapshot_at: Date;
    promoted_at: Date;
  }>(
    `SELECT a.version, mv.params, mv.metrics -> 'summary' AS summary, mv.snapshot_at, a.promoted_at
     FROM active_model a JOIN model_versions mv ON mv.version = a.version WHERE a.id = 1`,
  );
  const row = rows[0];
  if (!row) return null;
  const params = row.params ?? {};
  return {
    version: row.version,
    params: {
      explicit: isExplicitParams(params.explicit) ? params.explicit : undefined,
      implicit: isImplicitParams(params.implicit) ? params.implicit : undefined,
    },
    summary: isSummary(row.summary) ? row.summary : undefined,
    snapshotAt: row.snapshot_at.toISOString(),
    promotedAt: row.promoted_at.toISOString(),
  };
}

function isSummary(value: unknown): value is MetricsSummary {
  const v = value as Record<string, unknown> | null;
  return !!v && typeof v.explicitRmse === 'number' && typeof v.implicitNdcgAtK === 'number';
}

/**
 * One transaction under the active-model lock: compare with the active model (the workflow's re-evaluated
 * baseline, or the stored figures of a model promoted in the meantime), then READY + promoted_at + upsert of
 * active_model, or REJECTED with the reason. A version already READY or REJECTED returns its recorded outcome.
 */
export async function promoteVersion(pool: Pool, input: PromoteModelVersionInput): Promise<PromotionOutcome> {
  return inTransaction(pool, async (client) => {
    await lockActiveModel(client);
    const { rows } = await client.query<{
      status: string;
      workflow_id: string;
      rejection_reason: string | null;
      metrics: StoredRetrainMetrics | null;
    }>('SELECT status, workflow_id, rejection_reason, metrics FROM model_versions WHERE version = $1 FOR UPDATE', [input.version]);
    const row = rows[0];
    if (!row) throw new Error(`model version ${input.version} does not exist`);
    const active = await describeActiveModel(client);
    if (row.status === 'READY' || row.status === 'REJECTED') {
      // An earlier attempt committed; answer as it did.
      const recorded = row.metrics?.promotion;
      return {
        version: input.version,
        status: row.status,
        promoted: row.status === 'READY',
        reason: recorded?.reason ?? row.rejection_reason ?? '',
        previousActiveVersion: recorded?.previousActiveVersion ?? null,
        activeVersion: active?.version ?? null,
        comparedWith: recorded?.comparedWith ?? null,
        decision: recorded?.decision ?? { promote: row.status === 'READY', forced: false, reason: row.rejection_reason ?? '' },
      };
    }
    if (row.status !== 'TRAINING' || row.workflow_id !== input.workflowId) {
      throw new Error(`model version ${input.version} is ${row.status} (workflow ${row.workflow_id}), not TRAINING by ${input.workflowId}`);
    }
    let comparedWith: PromotionBaseline | null = null;
    if (active && active.version === input.expectedActiveVersion) comparedWith = input.baseline;
    else if (active?.summary) {
      comparedWith = {
        version: active.version,
        explicitRmse: active.summary.explicitRmse,
        implicitNdcgAtK: active.summary.implicitNdcgAtK,
        newUserLikedPrecisionAtK: active.summary.newUserLikedPrecisionAtK ?? null,
        source: 'stored',
      };
    }
    const decision = decidePromotion({
      candidate: input.candidate,
      baseline: comparedWith,
      force: input.force,
      tolerance: input.tolerance,
    });
    let reason = decision.reason;
    if (active && !comparedWith) reason = `active model ${active.version} has no comparable metrics`;
    if (active && active.version !== input.expectedActiveVersion) reason += ` (${active.version} was promoted during this retrain)`;
    const promotion: PromotionRecord = {
      reason,
      decision,
      comparedWith,
      previousActiveVersion: active?.version ?? null,
      force: input.force,
      tolerance: input.tolerance,
    };
    const status = decision.promote ? 'READY' : 'REJECTED';
    await client.query(
      `UPDATE model_versions SET status = $2::model_version_status, rejection_reason = $3,
         metrics = metrics || jsonb_build_object('promotion', $4::jsonb), timings = timings || $5::jsonb
       WHERE version = $1`,
      [input.version, status, decision.promote ? null : reason, JSON.stringify(promotion), JSON.stringify(input.timings)],
    );
    if (decision.promote) await activateModelVersion(client, input.version);
    return {
      version: input.version,
      status,
      promoted: decision.promote,
      reason,
      previousActiveVersion: active?.version ?? null,
      activeVersion: decision.promote ? input.version : (active?.version ?? null),
      comparedWith,
      decision,
    };
  });
}

/** FAILED with the error, only while TRAINING by this workflow (never a finished version, never another run's). */
export async function markVersionFailed(pool: Pool, input: { version: string; workflowId: string; error: string }): Promise<void> {
  await pool.query(
    `UPDATE model_versions SET status = 'FAILED', rejection_reason = left($3, 2000), timings = timings || jsonb_build_object('failedAt', now())
     WHERE version = $1 AND workflow_id = $2 AND status = 'TRAINING'`,
    [input.version, input.workflowId, input.error],
  );
}

/**
 * Deletes the versions outside the newest `keep` (by creation) and outside the newest `keep` READY ones (the
 * rollback candidates): never the active one, never one still TRAINING. Their recommendations go with them
 * (ON DELETE CASCADE). Returns the pruned versions (the caller deletes their objects).
 */
export async function pruneVersions(pool: Pool, keep: number): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    await lockActiveModel(client);
    const { rows } = await client.query<{ version: string }>(
      `WITH ranked AS (
         SELECT version, status,
                row_number() OVER (ORDER BY created_at DESC, version DESC) AS n,
                row_number() OVER (PARTITION BY status = 'READY' ORDER BY created_at DESC, version DESC) AS n_same
         FROM model_versions)
       DELETE FROM model_versions mv USING ranked r
       WHERE mv.version = r.version AND r.n > $1 AND NOT (r.status = 'READY' AND r.n_same <= $1) AND r.status <> 'TRAINING'
         AND NOT EXISTS (SELECT 1 FROM active_model a WHERE a.version = mv.version)
       RETURNING mv.version`,
      [keep],
    );
    return rows.map((r) => r.version).sort();
  });
}

/**
 * Whether a rating changed since the active model's snapshot: some transaction recorded in ratings_changes (by the
 * ratings_changed trigger, in the changing transaction) is not visible in the snapshot's watermark. Transactions
 * older than the watermark's xmin were all visible to it, so only the index range from there on is read.
 */
export async function checkRatingsSince(pool: Pool): Promise<RatingsSinceActiveModel> {
  const { rows } = await pool.query<{ version: string; snapshot_at: Date; watermark: string | null; changed: boolean | null }>(
    `SELECT a.version, mv.snapshot_at, mv.ratings_watermark AS watermark,
            EXISTS (SELECT 1 FROM ratings_changes c
                    WHERE c.xact >= pg_snapshot_xmin(mv.ratings_watermark::pg_snapshot)::text::bigint
                      AND NOT pg_visible_in_snapshot(c.xact::text::xid8, mv.ratings_watermark::pg_snapshot)) AS changed
     FROM active_model a JOIN model_versions mv ON mv.version = a.version WHERE a.id = 1`,
  );
  const active = rows[0];
  if (!active) return { changed: true, reason: 'no active model' };
  if (active.watermark === null) return { changed: true, reason: 'the active model has no ratings watermark' };
  if (active.changed) return { changed: true, reason: 'ratings changed' };
  return { changed: false, activeVersion: active.version, snapshotAt: active.snapshot_at.toISOString() };
}

/** Ratings newer than the latest (non-failed) model version's snapshot; all ratings when there is none. */
export async function countRatingsSinceLatestModel(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(
    `SELECT count(*) AS count FROM ratings
     WHERE rated_at > COALESCE((SELECT max(snapshot_at) FROM model_versions WHERE status <> 'FAILED'), '-infinity'::timestamptz)`,
  );
  return Number(rows[0].count);
}
