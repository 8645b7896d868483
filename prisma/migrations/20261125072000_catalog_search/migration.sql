-- Catalog search and per-movie rating aggregates for the GraphQL API.
--
-- 1. pg_trgm (a trusted extension shipped with PostgreSQL) and GIN trigram indexes on movies.title and
--    tags.tag: the API searches with `query <% column` (word_similarity above
--    pg_trgm.word_similarity_threshold, default 0.6), which these indexes serve. schema.prisma declares
--    them as `@@index([title(ops: raw("gin_trgm_ops"))], type: Gin, map: "movies_title_trgm_idx")`, so the
--    schema-consistency test compares them like any other index.
-- 2. movie_rating_stats: rating count and sum per movie. The API keeps a movie's row exact in the same
--    transaction as every rating write (locking the row first, so concurrent writes serialize per movie).
-- 3. refresh_movie_rating_stats(): rebuilds every row from `ratings`. Bulk loads that bypass the API
--    (the MovieLens import) must call it after merging ratings:
--        SELECT refresh_movie_rating_stats();
--    It locks movie_rating_stats in EXCLUSIVE mode until the calling transaction ends (reads go on; the
--    API's rating writes wait), so no concurrent write is lost. Returns the number of rated movies.

-- Hand-written: Prisma models the extension only with the postgresqlExtensions preview feature.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "movie_rating_stats" (
    "movie_id" INTEGER NOT NULL,
    "rating_count" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "movie_rating_stats_pkey" PRIMARY KEY ("movie_id")
);

-- CreateIndex
CREATE INDEX "movies_title_trgm_idx" ON "movies" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "tags_tag_trgm_idx" ON "tags" USING GIN ("tag" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "movie_rating_stats" ADD CONSTRAINT "movie_rating_stats_movie_id_fkey" FOREIGN KEY ("movie_id") REFERENCES "movies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: Prisma does not model functions.
CREATE OR REPLACE FUNCTION refresh_movie_rating_stats() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  rated integer;
BEGIN
  LOCK TABLE movie_rating_stats IN EXCLUSIVE MODE;
  -- Each statement below takes a fresh snapshot after the lock, so it sees every committed rating.
  DELETE FROM movie_rating_stats s WHERE NOT EXISTS (SELECT 1 FROM ratings r WHERE r.movie_id = s.movie_id);
  INSERT INTO movie_rating_stats AS s (movie_id, rating_count, rating_sum, updated_at)
  SELECT movie_id, count(*)::integer, sum(rating::double precision), now()
  FROM ratings
  GROUP BY movie_id
  ON CONFLICT (movie_id) DO UPDATE
    SET rating_count = excluded.rating_count, rating_sum = excluded.rating_sum, updated_at = excluded.updated_at
    WHERE (s.rating_count, s.rating_sum) IS DISTINCT FROM (excluded.rating_count, excluded.rating_sum);
  SELECT count(*)::integer INTO rated FROM movie_rating_stats;
  RETURN rated;
END;
$$;

COMMENT ON FUNCTION refresh_movie_rating_stats() IS
  'Rebuilds movie_rating_stats from ratings; call after bulk rating loads. Locks movie_rating_stats (EXCLUSIVE) until commit.';
