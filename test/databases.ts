import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations } from '../prisma/src/migrate';
import { testEnv } from './test-stack';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the shared test PostgreSQL; drop it in afterAll. */
export async function createMigratedDatabase(prefix = 'test'): Promise<TestDatabase> {
  const adminUrl = testEnv('TEST_POSTGRES_URL');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
