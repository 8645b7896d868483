-- Catalog pages read in index order instead of sorting (and joining) the whole catalog.
--
-- 1. movie_rating_stats holds a row for every movie: a statement trigger on movies creates the rows of new
--    movies (zeros), and refresh_movie_rating_stats() now rebuilds the row of every movie (zeros for a movie
--    without ratings) instead of deleting the rows of unrated movies. The catalog joins the stats row instead
--    of LEFT JOINing it, so the sort keys are plain columns.
-- 2. bayesian_rating, the RATING sort key, is stored: movie_bayesian_rating(rating_sum, rating_count), the
--    damped mean (sum + 3.5 × 10) / (count + 10) of api/src/movies/rating-prior.ts (RATING_PRIOR), computed
--    in double precision exactly as the API computed it before, so cursors stay valid. Every writer sets it
--    with rating_count and rating_sum: the API's rating writes and refresh_movie_rating_stats().
-- 3. Indexes on the sort keys with the id as tie-breaker: POPULARITY (rating_count DESC, movie_id),
--    RATING (bayesian_rating DESC, movie_id), TITLE (title, id) and YEAR (year DESC, id).

-- AlterTable
ALTER TABLE "movie_rating_stats" ADD COLUMN     "bayesian_rating" DOUBLE PRECISION NOT NULL DEFAULT 3.5;

-- Hand-written: Prisma does not model functions or triggers.
CREATE FUNCTION movie_bayesian_rating(rating_sum double precision, rating_count integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (rating_sum + 35) / (rating_count + 10) $$;

COMMENT ON FUNCTION movie_bayesian_rating(double precision, integer) IS
  'Damped mean of a movie''s ratings: 10 prior ratings of 3.5 stars (RATING_PRIOR in api/src/movies/rating-prior.ts); the RATING order.';

CREATE FUNCTION create_movie_rating_stats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO movie_rating_stats (movie_id) SELECT id FROM new_movies ON CONFLICT (movie_id) DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER movies_create_rating_stats
AFTER INSERT ON movies REFERENCING NEW TABLE AS new_movies
FOR EACH STATEMENT EXECUTE FUNCTION create_movie_rating_stats();

CREATE OR REPLACE FUNCTION refresh_movie_rating_stats() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  rated integer;
BEGIN
  LOCK TABLE movie_rating_stats IN EXCLUSIVE MODE;
  -- Takes a fresh snapshot after the lock, so it sees every committed rating.
  INSERT INTO movie_rating_stats AS s (movie_id, rating_count, rating_sum, bayesian_rating, updated_at)
  SELECT m.id, coalesce(r.rating_count, 0), coalesce(r.rating_sum, 0),
         movie_bayesian_rating(coalesce(r.rating_sum, 0), coalesce(r.rating_count, 0)), now()
  FROM movies m
  LEFT JOIN (
    SELECT movie_id, count(*)::integer AS rating_count, sum(rating::double precision) AS rating_sum FROM ratings GROUP BY movie_id
  ) r ON r.movie_id = m.id
  ON CONFLICT (movie_id) DO UPDATE
    SET rating_count = excluded.rating_count, rating_sum = excluded.rating_sum,
        bayesian_rating = excluded.bayesian_rating, updated_at = excluded.updated_at
    WHERE (s.rating_count, s.rating_sum, s.bayesian_rating)
      IS DISTINCT FROM (excluded.rating_count, excluded.rating_sum, excluded.bayesian_rating);
  SELECT count(*)::integer INTO rated FROM movie_rating_stats WHERE rating_count > 0;
  RETURN rated;
END;
$$;

COMMENT ON FUNCTION refresh_movie_rating_stats() IS
  'Rebuilds movie_rating_stats from ratings for every movie; call after bulk rating loads. Locks movie_rating_stats (EXCLUSIVE) until commit. Returns the number of rated movies.';

-- The stats of every movie, as refresh_movie_rating_stats() keeps them.
SELECT refresh_movie_rating_stats();

-- CreateIndex
CREATE INDEX "movies_title_id_idx" ON "movies"("title", "id");

-- CreateIndex
CREATE INDEX "movies_year_id_idx" ON "movies"("year" DESC, "id");

-- CreateIndex
CREATE INDEX "movie_rating_stats_rating_count_movie_id_idx" ON "movie_rating_stats"("rating_count" DESC, "movie_id");

-- CreateIndex
CREATE INDEX "movie_rating_stats_bayesian_rating_movie_id_idx" ON "movie_rating_stats"("bayesian_rating" DESC, "movie_id");
