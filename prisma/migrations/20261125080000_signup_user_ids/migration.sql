-- MovieLens users keep their own ids (1..~300k in every MovieLens release); accounts created by
-- sign-up or the admin bootstrap take ids from 10,000,001 on, so an import never collides with them.
SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST(10000000, (SELECT COALESCE(MAX("id"), 0) FROM "users")));
