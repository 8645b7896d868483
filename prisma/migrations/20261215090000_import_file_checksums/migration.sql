-- The manifest's SHA-256 of each file of an import, which staging verifies the object's bytes against
-- (NULL for imports prepared before checksums were verified).
ALTER TABLE "dataset_import_files" ADD COLUMN "sha256" TEXT;
