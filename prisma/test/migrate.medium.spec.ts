import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { createTestDatabase, type TestDatabase, withClient } from '@reelrank/testing';
import { applyMigrations, readMigrations } from '../src/migrate';

const PRISMA_MIGRATE_LOCK_KEY = 72707369;

async function recordedMigrations(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
  );
  return rows.map((row) => row.migration_name);
}

async function tableExists(client: Client, table: string): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [table]);
  return rows[0].exists;
}

describe('applyMigrations', () => {
  let database: TestDatabase;
  let migrationsDir: string;

  function writeMigration(name: string, sql: string): void {
    mkdirSync(path.join(migrationsDir, name), { recursive: true });
    writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
  }

  beforeEach(async () => {
    database = await createTestDatabase();
    migrationsDir = mkdtempSync(path.join(os.tmpdir(), 'reelrank-migrations-'));
  });

  afterEach(async () => {
    rmSync(migrationsDir, { recursive: true, force: true });
    await database.drop();
  });

  it('applies prisma/migrations to an empty database and records them as prisma migrate does', async () => {
    const names = readMigrations().map((migration) => migration.name);

    expect(await applyMigrations(database.url)).toEqual({ applied: names, skipped: [] });

    const { rows } = await withClient(database.url, (client) => client.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name'));
    expect(rows).toEqual(
      names.map((name) => ({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        checksum: createHash('sha256')
          .update(readFileSync(path.join(__dirname, '../migrations', name, 'migration.sql')))
          .digest('hex'),
        finished_at: expect.any(Date),
        migration_name: name,
        logs: null,
        rolled_back_at: null,
        started_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
  });

  it('applies nothing the second time', async () => {
    const names = readMigrations().map((migration) => migration.name);
    await applyMigrations(database.url);

    expect(await applyMigrations(database.url)).toEqual({ applied: [], skipped: names });
  });

  it('rolls a failing migration back completely and does not record it', async () => {
    writeMigration('20260101000001_create_a', 'CREATE TABLE a (id integer);');
    writeMigration('20260101000002_broken', 'CREATE TABLE b (id integer);\nINSERT INTO missing_table VALUES (1);');

    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(
      'Migration 20260101000002_broken failed and was rolled back: relation "missing_table" does not exist',
    );
    await withClient(database.url, async (client) => {
      expect(await tableExists(client, 'a')).toBe(true);
      expect(await tableExists(client, 'b')).toBe(false);
      expect(await recordedMigrations(client)).toEqual(['20260101000001_create_a']);
    });

    writeMigration('20260101000002_broken', 'CREATE TABLE b (id integer);');
    expect(await applyMigrations(database.url, { migrationsDir })).toEqual({
      applied: ['20260101000002_broken'],
      skipped: ['20260101000001_create_a'],
    });
  });

  it('records a migration in the same transaction as its SQL', async () => {
    // The SQL itself succeeds but makes recording it in _prisma_migrations fail.
    writeMigration(
      '20260101000001_blocks_recording',
      'CREATE TABLE b (id integer);\nALTER TABLE "_prisma_migrations" ADD CONSTRAINT no_rows CHECK (false) NOT VALID;',
    );

    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow('no_rows');
    expect(await withClient(database.url, (client) => tableExists(client, 'b'))).toBe(false);
  });

  it('refuses to run when an applied migration was edited', async () => {
    writeMigration('20260101000001_create_a', 'CREATE TABLE a (id integer);');
    await applyMigrations(database.url, { migrationsDir });

    writeMigration('20260101000001_create_a', 'CREATE TABLE a (id bigint);');
    writeMigration('20260101000002_create_b', 'CREATE TABLE b (id integer);');

    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(
      /^Migration 20260101000001_create_a was changed after it was applied \(checksum [0-9a-f]{64} in the database, [0-9a-f]{64} on disk\)/,
    );
    expect(await withClient(database.url, (client) => tableExists(client, 'b'))).toBe(false);
  });

  it('lets exactly one of several concurrent runners apply a migration', async () => {
    writeMigration('20260101000001_slow', 'SELECT pg_sleep(0.3);\nCREATE TABLE a (id integer);');

    const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(database.url, { migrationsDir })));

    expect(results.flatMap((result) => result.applied)).toEqual(['20260101000001_slow']);
    expect(results.flatMap((result) => result.skipped)).toEqual(Array(3).fill('20260101000001_slow'));
    expect(await withClient(database.url, recordedMigrations)).toEqual(['20260101000001_slow']);
  });

  it('waits while another session (such as prisma migrate) holds the migration lock', async () => {
    writeMigration('20260101000001_create_a', 'CREATE TABLE a (id integer);');

    await withClient(database.url, async (lockHolder) => {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
      const run = applyMigrations(database.url, { migrationsDir });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await tableExists(lockHolder, 'a')).toBe(false);

      await lockHolder.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
      expect(await run).toEqual({ applied: ['20260101000001_create_a'], skipped: [] });
    });
  });

  it('reports unknown and unfinished migrations in the database', async () => {
    writeMigration('20260101000001_create_a', 'CREATE TABLE a (id integer);');
    await applyMigrations(database.url, { migrationsDir });
    rmSync(path.join(migrationsDir, '20260101000001_create_a'), { recursive: true });

    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(
      'The database has migration 20260101000001_create_a, which this build does not know',
    );

    writeMigration('20260101000001_create_a', 'CREATE TABLE a (id integer);');
    await withClient(database.url, (client) => client.query('UPDATE "_prisma_migrations" SET finished_at = NULL'));
    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(
      'Migration 20260101000001_create_a was started but never finished',
    );
  });
});
