import type { DMMF } from '@prisma/client/runtime/client';
import { createTestDatabase, type TestDatabase, withClient } from '@reelrank/testing';
import { applyMigrations } from '../src/migrate';
import { loadDatamodel } from './support/datamodel';
import { describeDatabase, describeDatamodel } from './support/schema-description';

// schema.prisma (parsed by Prisma itself) and prisma/migrations (applied by our runner) must describe the same database.
describe('schema.prisma and the migrations', () => {
  let database: TestDatabase;
  let datamodel: DMMF.Datamodel;

  beforeAll(async () => {
    datamodel = loadDatamodel();
    database = await createTestDatabase();
    await applyMigrations(database.url);
  }, 60_000);

  afterAll(() => database?.drop());

  it('create exactly the tables, columns, keys, indexes and enums of the schema', async () => {
    const actual = await withClient(database.url, describeDatabase);
    expect(actual).toEqual(describeDatamodel(datamodel));
  });

  // What the first test would see if the database drifted from the migrations.
  it('notice a table or column the schema lacks, and a missing index', async () => {
    const drift = await withClient(database.url, async (client) => {
      const before = await describeDatabase(client);
      await client.query('BEGIN');
      try {
        await client.query('ALTER TABLE movies ADD COLUMN runtime_minutes integer');
        await client.query('CREATE TABLE watch_history (id integer)');
        await client.query('DROP INDEX ratings_rated_at_idx');
        const after = await describeDatabase(client);
        return {
          added: after.filter((line) => !before.includes(line)),
          removed: before.filter((line) => !after.includes(line)),
        };
      } finally {
        await client.query('ROLLBACK');
      }
    });
    expect(drift).toEqual({
      added: ['column movies.runtime_minutes integer NULL', 'column watch_history.id integer NULL', 'table watch_history'],
      removed: ['index ratings_rated_at_idx ON ratings USING btree (rated_at)'],
    });
  });
});
