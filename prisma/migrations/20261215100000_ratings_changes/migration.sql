-- A ratings change watermark, so that a scheduled or engagement retrain can tell exactly and cheaply whether any
-- rating changed since the active model's snapshot. Every transaction that inserts, updates, deletes (account
-- deletions cascade here) or truncates ratings records its transaction id once, in the same transaction; a model
-- version records the snapshot (pg_current_snapshot) its ratings were read under. A rating changed since then iff
-- some recorded transaction is not visible in that snapshot: only ids from the snapshot's xmin on need a look.
CREATE TABLE "ratings_changes" (
    "xact" BIGINT NOT NULL,

    CONSTRAINT "ratings_changes_pkey" PRIMARY KEY ("xact")
);

ALTER TABLE "model_versions" ADD COLUMN "ratings_watermark" TEXT;

CREATE FUNCTION record_ratings_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ratings_changes (xact) VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT (xact) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER ratings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ratings"
    FOR EACH STATEMENT EXECUTE FUNCTION record_ratings_change();
