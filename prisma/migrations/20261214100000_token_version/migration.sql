-- Access tokens carry the account's token version (claim `ver`; tokens without it count as 0). Changing the
-- password increments it, which revokes every token issued before.
ALTER TABLE "users" ADD COLUMN "token_version" INTEGER NOT NULL DEFAULT 0;
