import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { inTransaction } from './transaction';

/** prisma/migrations, shipped with this package (resolves from src/ and dist/ alike). */
export const defaultMigrationsDir = path.resolve(__dirname, '..', 'migrations');

/** The advisory lock key `prisma migrate` uses, so this runner and Prisma's CLI also exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own bookkeeping table, created exactly as `prisma migrate` creates it. */
const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
  )`;

export interface Migration {
  /** Folder name, e.g. `20261125063000_init`; folders are applied in name order. */
  name: string;
  sql: string;
  /** sha256 (hex) of migration.sql, as Prisma records it. */
  checksum: string;
}

export interface ApplyMigrationsOptions {
  log?: (message: string) => void;
  migrationsDir?: string;
}

export interface ApplyMigrationsResult {
  applied: string[];
  skipped: string[];
}

interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

export function readMigrations(migrationsDir: string = defaultMigrationsDir): Migration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`Migration folder ${name} has no migration.sql`);
      const content = readFileSync(file);
      return { name, sql: content.toString('utf8'), checksum: createHash('sha256').update(content).digest('hex') };
    });
}

/**
 * Applies the pending migrations in order, each in its own transaction, and records them in
 * `_prisma_migrations` the way `prisma migrate deploy` does. Safe to run concurrently and repeatedly.
 */
export async function applyMigrations(
  databaseUrl: string,
  { log = () => {}, migrationsDir = defaultMigrationsDir }: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const migrations = readMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Session-level lock: released when the connection closes, even if we crash.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<RecordedMigration>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row]));
    checkHistory(migrations, recorded);

    const result: ApplyMigrationsResult = { applied: [], skipped: [] };
    for (const migration of migrations) {
      if (recorded.has(migration.name)) {
        result.skipped.push(migration.name);
        continue;
      }
      const startedAt = Date.now();
      await applyInTransaction(client, migration);
      log(`applied ${migration.name} (${Date.now() - startedAt} ms)`);
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.end();
  }
}

/** Refuses to migrate a database whose history does not match the migrations on disk. */
function checkHistory(migrations: Migration[], recorded: Map<string, RecordedMigration>): void {
  const known = new Set(migrations.map((migration) => migration.name));
  for (const row of recorded.values()) {
    if (row.finished_at === null) {
      throw new Error(
        `Migration ${row.migration_name} was started but never finished (a failed \`prisma migrate deploy\`?). ` +
          'Repair the database, then mark it with `prisma migrate resolve`.',
      );
    }
    if (!known.has(row.migration_name)) {
      throw new Error(
        `The database has migration ${row.migration_name}, which this build does not know: is the build older than the database?`,
      );
    }
  }
  for (const migration of migrations) {
    const row = recorded.get(migration.name);
    if (row && row.checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied ` +
          `(checksum ${row.checksum} in the database, ${migration.checksum} on disk). ` +
          'Restore it and put the change in a new migration.',
      );
    }
  }
}

async function applyInTransaction(client: Client, migration: Migration): Promise<void> {
  try {
    await inTransaction(client, async () => {
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
    });
  } catch (error) {
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
