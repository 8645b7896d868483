import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createMigratedDatabase, testBucket, type TestDatabase } from '@reelrank/testing';
import { uploadDataset } from '../../src/dataset/upload';
import { runMovieLensImport } from '../../src/import/run-import';
import { tableChecksums, testImporter } from '../support';

/** An account created by sign-up with an id in the MovieLens range (as one created before the ranges were enforced could be). */
const EARLY_ACCOUNT = 5;

const lf = (lines: string[]) => lines.map((line) => `${line}\n`).join('');

const FILES = {
  'movies.csv': lf(['movieId,title,genres', '1,Toy Story (1995),Comedy', '2147483647,Last Id (2000),Drama']),
  'links.csv': lf(['movieId,imdbId,tmdbId', '1,0114709,862']),
  'tags.csv': lf([
    'userId,movieId,tag,timestamp',
    '1,1,funny,1445714994', //                  2
    `${EARLY_ACCOUNT},1,mine,1445714994`, //    3 the sign-up account's id
    '2147483647,1,huge,1445714994', //          4 outside the range
  ]),
  'ratings.csv': lf([
    'userId,movieId,rating,timestamp',
    '1,1,4.0,964982703', //                     2
    `${EARLY_ACCOUNT},1,3.0,964982703`, //      3 the sign-up account's id
    `${EARLY_ACCOUNT},2147483647,3.5,964982703`, // 4 the sign-up account's id
    '10000000,1,4.5,964982703', //              5 the highest MovieLens user id
    '10000001,1,2.0,964982703', //              6 the lowest sign-up id
    '2147483647,2147483647,5.0,964982703', //   7 the highest int4 (a movie id is fine)
  ]),
};

describe('MovieLens user ids and sign-up ids never collide', () => {
  const version = 'user-ids';
  let dir: string;
  const databases: TestDatabase[] = [];
  let storage: Awaited<ReturnType<typeof testBucket>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-user-ids-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
    storage = await testBucket('user-ids');
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dir, version });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await storage?.empty();
    storage?.s3.destroy();
    await Promise.all(databases.map((database) => database.drop()));
  });

  async function importer() {
    const database = await createMigratedDatabase('userids');
    databases.push(database);
    return testImporter(database.url, storage.s3, storage.bucket);
  }

  const quarantine = async (pool: Pool) =>
    (
      await pool.query(
        `SELECT file, line_number, raw_text, reason FROM import_quarantine WHERE dataset_version = $1 ORDER BY file, line_number`,
        [version],
      )
    ).rows.map((row) => [row.file, row.line_number, row.raw_text, row.reason]);
  const signUp = async (pool: Pool, email: string) =>
    (await pool.query<{ id: number }>(`INSERT INTO users (email, source) VALUES ($1, 'SIGNUP') RETURNING id`, [email])).rows[0].id;

  it('quarantines dataset user ids outside 1–10000000, so sign-ups go on above the range', async () => {
    const { importer: imports, pool, close } = await importer();
    try {
      const result = await runMovieLensImport(imports, version);

      // The next sign-up takes the first id above the MovieLens range, and so does every later one.
      expect(await signUp(pool, 'new@example.com')).toBe(10_000_001);
      expect(await signUp(pool, 'next@example.com')).toBe(10_000_002);
      expect((await pool.query(`SELECT id FROM users WHERE source = 'MOVIELENS' ORDER BY id`)).rows.map((row) => row.id)).toEqual([
        1,
        EARLY_ACCOUNT,
        10_000_000,
      ]);
      expect(await quarantine(pool)).toEqual([
        ['ratings', 6, '10000001,1,2.0,964982703', 'userId 10000001 outside the supported range 1–10000000'],
        ['ratings', 7, '2147483647,2147483647,5.0,964982703', 'userId 2147483647 outside the supported range 1–10000000'],
        ['tags', 4, '2147483647,1,huge,1445714994', 'userId 2147483647 outside the supported range 1–10000000'],
      ]);
      expect(result.files.ratings).toMatchObject({ rowsRead: 6, loaded: 4, rejected: 2 });
    } finally {
      await close();
    }
  });

  it('quarantines the rows of a user id that belongs to a signed-up account instead of failing the import', async () => {
    const { importer: imports, pool, close } = await importer();
    try {
      await pool.query(`INSERT INTO users (id, email, source) VALUES ($1, 'early@example.com', 'SIGNUP')`, [EARLY_ACCOUNT]);

      const result = await runMovieLensImport(imports, version);

      expect((await pool.query('SELECT id, source FROM users ORDER BY id')).rows).toEqual([
        { id: 1, source: 'MOVIELENS' },
        { id: EARLY_ACCOUNT, source: 'SIGNUP' },
        { id: 10_000_000, source: 'MOVIELENS' },
      ]);
      expect((await pool.query('SELECT user_id, movie_id FROM ratings ORDER BY 1, 2')).rows).toEqual([
        { user_id: 1, movie_id: 1 },
        { user_id: 10_000_000, movie_id: 1 },
      ]);
      expect((await pool.query('SELECT user_id, tag FROM tags')).rows).toEqual([{ user_id: 1, tag: 'funny' }]);
      expect(await quarantine(pool)).toEqual([
        ['ratings', 3, '5,1,3.0,964982703', 'userId 5 belongs to an account created by sign-up: not imported'],
        ['ratings', 4, '5,2147483647,3.5,964982703', 'userId 5 belongs to an account created by sign-up: not imported'],
        ['ratings', 6, '10000001,1,2.0,964982703', 'userId 10000001 outside the supported range 1–10000000'],
        ['ratings', 7, '2147483647,2147483647,5.0,964982703', 'userId 2147483647 outside the supported range 1–10000000'],
        ['tags', 3, '5,1,mine,1445714994', 'userId 5 belongs to an account created by sign-up: not imported'],
        ['tags', 4, '2147483647,1,huge,1445714994', 'userId 2147483647 outside the supported range 1–10000000'],
      ]);
      expect(result.files.ratings).toMatchObject({ rowsRead: 6, loaded: 2, rejected: 4, duplicates: 0 });
      expect(result.files.tags).toMatchObject({ rowsRead: 3, loaded: 1, rejected: 2, duplicates: 0 });
      expect(result.users).toEqual({ inserted: 2 });
      expect(await signUp(pool, 'new@example.com')).toBe(10_000_001);

      // A re-import finds the same rows and changes nothing.
      const before = await tableChecksums(pool);
      const again = await runMovieLensImport(imports, version);
      expect(again.files.ratings).toMatchObject({ rowsRead: 6, loaded: 0, unchanged: 2, rejected: 4 });
      expect(await tableChecksums(pool)).toEqual(before);
    } finally {
      await close();
    }
  });

  it('keeps MovieLens users inside their range and sign-ups above it in the database as well', async () => {
    const { pool, close } = await importer();
    try {
      await expect(pool.query(`INSERT INTO users (id, source) VALUES (10000001, 'MOVIELENS')`)).rejects.toThrow(/users_movielens_id_range/);
      await expect(pool.query(`SELECT setval('users_id_seq', 10000000)`)).rejects.toThrow(/out of bounds/);
    } finally {
      await close();
    }
  });
});
