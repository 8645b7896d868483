-- CreateEnum
CREATE TYPE "model_version_status" AS ENUM ('TRAINING', 'READY', 'REJECTED', 'FAILED');

-- CreateTable
CREATE TABLE "model_versions" (
    "version" TEXT NOT NULL,
    "status" "model_version_status" NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "storage_prefix" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "metrics" JSONB NOT NULL,
    "data_counts" JSONB NOT NULL,
    "timings" JSONB NOT NULL,
    "snapshot_at" TIMESTAMPTZ(6) NOT NULL,
    "rejection_reason" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promoted_at" TIMESTAMPTZ(6),

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "active_model" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" TEXT NOT NULL,
    "promoted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "active_model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_recommendations" (
    "model_version" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "rank" SMALLINT NOT NULL,
    "movie_id" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "predicted_rating" REAL,
    "because_movie_id" INTEGER,

    CONSTRAINT "user_recommendations_pkey" PRIMARY KEY ("model_version","user_id","rank")
);

-- CreateTable
CREATE TABLE "similar_movies" (
    "model_version" TEXT NOT NULL,
    "movie_id" INTEGER NOT NULL,
    "rank" SMALLINT NOT NULL,
    "similar_movie_id" INTEGER NOT NULL,
    "score" REAL NOT NULL,

    CONSTRAINT "similar_movies_pkey" PRIMARY KEY ("model_version","movie_id","rank")
);

-- CreateIndex
CREATE INDEX "model_versions_created_at_idx" ON "model_versions"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "active_model_version_key" ON "active_model"("version");

-- AddForeignKey
ALTER TABLE "active_model" ADD CONSTRAINT "active_model_version_fkey" FOREIGN KEY ("version") REFERENCES "model_versions"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_recommendations" ADD CONSTRAINT "user_recommendations_model_version_fkey" FOREIGN KEY ("model_version") REFERENCES "model_versions"("version") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "similar_movies" ADD CONSTRAINT "similar_movies_model_version_fkey" FOREIGN KEY ("model_version") REFERENCES "model_versions"("version") ON DELETE CASCADE ON UPDATE CASCADE;

-- One active model at most: the table holds the single row id = 1 (not expressible in schema.prisma).
ALTER TABLE "active_model" ADD CONSTRAINT "active_model_single_row_check" CHECK ("id" = 1);
