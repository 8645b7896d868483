-- "Haven't seen it" marks: a user's skipped movies, left out of their recommendations and onboarding movies.

-- CreateTable
CREATE TABLE "movie_skips" (
    "user_id" INTEGER NOT NULL,
    "movie_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "movie_skips_pkey" PRIMARY KEY ("user_id","movie_id")
);

-- CreateIndex
CREATE INDEX "movie_skips_movie_id_idx" ON "movie_skips"("movie_id");

-- AddForeignKey
ALTER TABLE "movie_skips" ADD CONSTRAINT "movie_skips_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "movie_skips" ADD CONSTRAINT "movie_skips_movie_id_fkey" FOREIGN KEY ("movie_id") REFERENCES "movies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
