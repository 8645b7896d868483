-- Emails are compared in Unicode NFC (and lower-cased, as before), so "jürgen" typed precomposed or
-- decomposed is one account. Rewrite stored addresses that are not NFC, unless their NFC form is taken
-- (two accounts already differ only by normalisation): those keep their address, unchanged, for an
-- operator to merge or rename; sign-in with the NFC form reaches the other account.
UPDATE "users" u
SET "email" = normalize(u."email", NFC)
FROM (
    SELECT DISTINCT ON (normalize("email", NFC)) "id"
    FROM "users"
    WHERE "email" IS NOT NULL AND "email" IS NOT NFC NORMALIZED
    ORDER BY normalize("email", NFC), "id"
) first_of_each
WHERE u."id" = first_of_each."id"
  AND NOT EXISTS (SELECT 1 FROM "users" o WHERE o."email" = normalize(u."email", NFC));

-- The confusable skeleton of each email (Unicode TR39), which only the API computes: it fills the rows
-- of existing accounts at startup (EmailSkeletonBackfill).
ALTER TABLE "users" ADD COLUMN "email_skeleton" TEXT;

-- CreateIndex
CREATE INDEX "users_email_skeleton_idx" ON "users"("email_skeleton");
