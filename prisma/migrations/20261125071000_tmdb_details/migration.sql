-- Lists are NOT NULL (always written, [] when empty): Prisma Client types them as string[], and
-- prisma/test/schema-consistency compares list columns as required.

-- CreateEnum
CREATE TYPE "movie_details_status" AS ENUM ('ENRICHED', 'NOT_FOUND');

-- CreateTable
CREATE TABLE "movie_details" (
    "movie_id" INTEGER NOT NULL,
    "tmdb_id" INTEGER NOT NULL,
    "status" "movie_details_status" NOT NULL,
    "overview" TEXT,
    "tagline" TEXT,
    "runtime" INTEGER,
    "release_date" DATE,
    "original_language" TEXT,
    "poster_path" TEXT,
    "backdrop_path" TEXT,
    "vote_average" DOUBLE PRECISION,
    "vote_count" INTEGER,
    "popularity" DOUBLE PRECISION,
    "genres" TEXT[] NOT NULL,
    "keywords" TEXT[] NOT NULL,
    "directors" TEXT[] NOT NULL,
    "cast" JSONB,
    "fetched_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "movie_details_pkey" PRIMARY KEY ("movie_id")
);

-- CreateIndex
CREATE INDEX "movie_details_tmdb_id_idx" ON "movie_details"("tmdb_id");

-- AddForeignKey
ALTER TABLE "movie_details" ADD CONSTRAINT "movie_details_movie_id_fkey" FOREIGN KEY ("movie_id") REFERENCES "movies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
