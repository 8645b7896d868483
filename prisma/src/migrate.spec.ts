import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultMigrationsDir, readMigrations } from './migrate';

describe('readMigrations', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reelrank-migrations-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function addMigration(name: string, sql: string): void {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }

  it('returns the migration folders in name order with the sha256 of migration.sql', () => {
    addMigration('20260102000000_second', 'SELECT 2;\n');
    addMigration('20260101000000_first', 'SELECT 1;\n');
    writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');

    expect(readMigrations(dir)).toEqual([
      { name: '20260101000000_first', sql: 'SELECT 1;\n', checksum: createHash('sha256').update('SELECT 1;\n').digest('hex') },
      { name: '20260102000000_second', sql: 'SELECT 2;\n', checksum: createHash('sha256').update('SELECT 2;\n').digest('hex') },
    ]);
  });

  it('rejects a migration folder without migration.sql', () => {
    mkdirSync(path.join(dir, '20260101000000_empty'));
    expect(() => readMigrations(dir)).toThrow('Migration folder 20260101000000_empty has no migration.sql');
  });
});

describe('prisma/migrations', () => {
  it('uses Prisma folder names and locks the provider to postgresql', () => {
    const names = readMigrations().map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(readFileSync(path.join(defaultMigrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
  });
});
