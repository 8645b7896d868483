-- The planner's cost of pg_trgm's match operators (`query <% column` and its commutator `column %> query`,
-- which the catalog search uses).
--
-- pg_trgm declares their C functions with the default COST 1, so the planner prices a sequential scan that
-- computes word_similarity() for every row like one comparing integers. On a table of a few thousand tags
-- (ml-latest-small has 3,683) it then chose that scan, about 15 ms per search, over the GIN trigram index
-- tags_tag_trgm_idx, about 0.2 ms. Computing a word similarity costs a few microseconds, some hundred times
-- a plain comparison: COST 100 makes the index win wherever it is selective, on small and large tables.
--
-- Hand-written: Prisma does not model functions. The functions belong to the extension; where the
-- migrating role may not alter them (a managed PostgreSQL where a superuser installed pg_trgm), the costs
-- stay as they are and the migration only reports it (likewise if they are not on the search path).
DO $$
BEGIN
  ALTER FUNCTION word_similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
  RAISE NOTICE 'pg_trgm match operator costs left unchanged: %', SQLERRM;
END;
$$;
