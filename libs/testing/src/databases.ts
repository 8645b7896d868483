import { applyMigrations } from '@reelrank/prisma';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testEnv } from './test-stack';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the shared test PostgreSQL; drop it in afterAll. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const adminUrl = testEnv('TEST_POSTGRES_URL');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => void (await withClient(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`))),
  };
}

/** A fresh, migrated database on the shared test PostgreSQL; drop it in afterAll. */
export async function createMigratedDatabase(prefix = 'test'): Promise<TestDatabase> {
  const database = await createTestDatabase(prefix);
  await applyMigrations(database.url);
  return database;
}

/** Runs `work` with a connected client and closes the client afterwards. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
