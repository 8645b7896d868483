-- User ids come from two disjoint ranges, so MovieLens ids and sign-up ids never collide:
--   1 .. 10,000,000              MovieLens users (source MOVIELENS), who keep their dataset id; the import
--                                quarantines a userId above this (worker/src/import/README.md, "User ids");
--   10,000,001 .. 2,147,483,647  accounts created by sign-up or the admin bootstrap, from users_id_seq.
-- Until now the import moved the sequence past the largest MovieLens id: one row with userId 2147483647
-- exhausted it, and every later sign-up failed.

-- MovieLens users an import created above their range: the import now quarantines their rows (a re-import
-- lists them). They go, with their ratings, tags and skips (ON DELETE CASCADE); they have no credentials.
DELETE FROM "users" WHERE "source" = 'MOVIELENS' AND "id" > 10000000;

ALTER TABLE "users" ADD CONSTRAINT "users_movielens_id_range" CHECK ("source" <> 'MOVIELENS' OR "id" <= 10000000);

-- Sign-ups go on after the last account above the MovieLens range (10,000,001 when there is none), and the
-- sequence can no longer be set into the MovieLens range.
SELECT setval('users_id_seq', GREATEST(10000001, (SELECT MAX("id")::bigint + 1 FROM "users" WHERE "id" > 10000000)), false);
ALTER SEQUENCE "users_id_seq" MINVALUE 10000001 START WITH 10000001;
