-- CreateEnum
CREATE TYPE "dataset_import_status" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "dataset_imports" (
    "id" SERIAL NOT NULL,
    "dataset_version" TEXT NOT NULL,
    "status" "dataset_import_status" NOT NULL,
    "workflow_run_id" TEXT,
    "stats" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "dataset_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_import_files" (
    "import_id" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "object_key" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "total_bytes" BIGINT NOT NULL,
    "bytes_read" BIGINT NOT NULL DEFAULT 0,
    "lines_read" INTEGER NOT NULL DEFAULT 0,
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "rows_staged" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "checkpoint" JSONB,
    "resume_count" INTEGER NOT NULL DEFAULT 0,
    "stats" JSONB,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_import_files_pkey" PRIMARY KEY ("import_id","file")
);

-- CreateTable
CREATE TABLE "import_quarantine" (
    "id" BIGSERIAL NOT NULL,
    "dataset_version" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "line_number" INTEGER NOT NULL,
    "raw_text" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_quarantine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dataset_imports_dataset_version_key" ON "dataset_imports"("dataset_version");

-- CreateIndex
CREATE INDEX "import_quarantine_dataset_version_file_line_number_idx" ON "import_quarantine"("dataset_version", "file", "line_number");

-- AddForeignKey
ALTER TABLE "dataset_import_files" ADD CONSTRAINT "dataset_import_files_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "dataset_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_quarantine" ADD CONSTRAINT "import_quarantine_dataset_version_fkey" FOREIGN KEY ("dataset_version") REFERENCES "dataset_imports"("dataset_version") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: per-import UNLOGGED staging tables (worker/src/import/staging.ts) live in their own schema,
-- outside the Prisma-managed one, and are created and dropped by the import activities.
CREATE SCHEMA IF NOT EXISTS "import_staging";
