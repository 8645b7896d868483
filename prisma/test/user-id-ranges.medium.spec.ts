import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase, withClient } from '@reelrank/testing';
import { applyMigrations, defaultMigrationsDir, readMigrations } from '../src/migrate';

const MIGRATION = '20261208090000_disjoint_user_ids';

/** A database an import with userId 2147483647 left behind: the users id sequence at its end. */
describe(`migration ${MIGRATION}`, () => {
  let database: TestDatabase;
  let before: string;

  beforeAll(async () => {
    database = await createTestDatabase('userranges');
    before = mkdtempSync(path.join(os.tmpdir(), 'reelrank-migrations-'));
    for (const { name } of readMigrations().filter((migration) => migration.name < MIGRATION))
      cpSync(path.join(defaultMigrationsDir, name), path.join(before, name), { recursive: true });
    await applyMigrations(database.url, { migrationsDir: before });
  });

  afterAll(async () => {
    rmSync(before, { recursive: true, force: true });
    await database?.drop();
  });

  it('removes MovieLens users above their range and gives sign-ups ids again, after the last one', async () => {
    await withClient(database.url, async (client) => {
      await client.query(`INSERT INTO movies (id, title) VALUES (1, 'Toy Story')`);
      await client.query(`INSERT INTO users (email, source) VALUES ('first@example.com', 'SIGNUP')`); // 10,000,001
      await client.query(`INSERT INTO users (id, source) VALUES (1, 'MOVIELENS'), (2147483647, 'MOVIELENS')`);
      await client.query(`INSERT INTO ratings (user_id, movie_id, rating) VALUES (1, 1, 4), (2147483647, 1, 5)`);
      await client.query(`SELECT setval('users_id_seq', 2147483647)`); // what the import did
      await expect(client.query(`INSERT INTO users (email, source) VALUES ('second@example.com', 'SIGNUP')`)).rejects.toThrow(
        /reached maximum value/,
      );
    });

    // This migration first, then any later ones.
    expect((await applyMigrations(database.url)).applied[0]).toBe(MIGRATION);

    await withClient(database.url, async (client) => {
      expect((await client.query('SELECT id, source FROM users ORDER BY id')).rows).toEqual([
        { id: 1, source: 'MOVIELENS' },
        { id: 10_000_001, source: 'SIGNUP' },
      ]);
      expect((await client.query('SELECT user_id FROM ratings')).rows).toEqual([{ user_id: 1 }]);
      const signUp = await client.query(`INSERT INTO users (email, source) VALUES ('second@example.com', 'SIGNUP') RETURNING id`);
      expect(signUp.rows).toEqual([{ id: 10_000_002 }]);
      await expect(client.query(`INSERT INTO users (id, source) VALUES (10000003, 'MOVIELENS')`)).rejects.toThrow(
        /users_movielens_id_range/,
      );
    });
  });
});
