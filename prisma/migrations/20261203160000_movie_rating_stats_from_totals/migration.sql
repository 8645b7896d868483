-- refresh_movie_rating_stats() split in two: set_movie_rating_stats(ids, counts, sums) writes the stats of
-- every movie from per-movie rating totals (zeros for a movie without any), and refresh passes it the totals
-- aggregated from `ratings`. The MovieLens import, after loading an empty ratings table, passes the totals
-- it added up while streaming the rows (worker/src/import/rating-tally.ts) instead of reading them again.

-- Hand-written: Prisma does not model functions.
CREATE FUNCTION set_movie_rating_stats(movie_ids integer[], rating_counts integer[], rating_sums double precision[])
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  rated integer;
BEGIN
  LOCK TABLE movie_rating_stats IN EXCLUSIVE MODE;
  INSERT INTO movie_rating_stats AS s (movie_id, rating_count, rating_sum, bayesian_rating, updated_at)
  SELECT m.id, coalesce(r.rating_count, 0), coalesce(r.rating_sum, 0),
         movie_bayesian_rating(coalesce(r.rating_sum, 0), coalesce(r.rating_count, 0)), now()
  FROM movies m
  LEFT JOIN unnest(movie_ids, rating_counts, rating_sums) AS r(movie_id, rating_count, rating_sum) ON r.movie_id = m.id
  ON CONFLICT (movie_id) DO UPDATE
    SET rating_count = excluded.rating_count, rating_sum = excluded.rating_sum,
        bayesian_rating = excluded.bayesian_rating, updated_at = excluded.updated_at
    WHERE (s.rating_count, s.rating_sum, s.bayesian_rating)
      IS DISTINCT FROM (excluded.rating_count, excluded.rating_sum, excluded.bayesian_rating);
  SELECT count(*)::integer INTO rated FROM movie_rating_stats WHERE rating_count > 0;
  RETURN rated;
END;
$$;

COMMENT ON FUNCTION set_movie_rating_stats(integer[], integer[], double precision[]) IS
  'Sets movie_rating_stats of every movie from its rating count and sum (movies absent from the arrays: zeros). Locks movie_rating_stats (EXCLUSIVE) until commit. Returns the number of rated movies.';

CREATE OR REPLACE FUNCTION refresh_movie_rating_stats() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  movie_ids integer[];
  rating_counts integer[];
  rating_sums double precision[];
BEGIN
  LOCK TABLE movie_rating_stats IN EXCLUSIVE MODE;
  -- Takes a fresh snapshot after the lock, so it sees every committed rating.
  SELECT coalesce(array_agg(movie_id), '{}'), coalesce(array_agg(rating_count), '{}'), coalesce(array_agg(rating_sum), '{}')
  INTO movie_ids, rating_counts, rating_sums
  FROM (SELECT movie_id, count(*)::integer AS rating_count, sum(rating::double precision) AS rating_sum FROM ratings GROUP BY movie_id) r;
  RETURN set_movie_rating_stats(movie_ids, rating_counts, rating_sums);
END;
$$;
