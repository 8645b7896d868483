import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { MOVIELENS_FILES, type ImportMovieLensResult } from '@reelrank/workflows';
import { createMigratedDatabase, ML_LATEST_SMALL, testBucket, type TestDatabase, withClient } from '@reelrank/testing';
import { uploadDataset } from '../../src/dataset/upload';
import { runMovieLensImport } from '../../src/import/run-import';
import { describeDatabase } from '../../../prisma/test/support/schema-description';
import { tableChecksums, testImporter } from '../support';

/** Tables a first import loads in bulk (keys, indexes and foreign keys built after the rows) from enough rows. */
const BULK_TABLES = ['movies', 'movie_rating_stats', 'movie_genres', 'links', 'ratings', 'tags'];

/**
 * A first import builds the indexes and foreign keys of each empty table after loading it; this runs every
 * one of those bulk loads on ml-latest-small (plus a duplicate of each kind, so the ratings are unsorted)
 * and compares with the same import done row by row.
 */
describe('MovieLens first import in bulk', () => {
  const version = 'bulk-load';
  let dir: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let bulk: TestDatabase;
  let rowByRow: TestDatabase;
  let imported: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-bulk-'));
    for (const file of MOVIELENS_FILES) copyFileSync(join(ML_LATEST_SMALL, `${file}.csv`), join(dir, `${file}.csv`));
    appendFileSync(join(dir, 'movies.csv'), '1,Toy Story (1995),Animation|Comedy\n');
    appendFileSync(join(dir, 'links.csv'), '1,0114709,863\n');
    appendFileSync(join(dir, 'tags.csv'), '2,60756,FUNNY,1445714990\n'); // line 2 has "funny" at 1445714994
    appendFileSync(join(dir, 'ratings.csv'), '1,1,2.5,964982704\n'); // later than line 2 (4.0 at 964982703)
    storage = await testBucket('bulk');
    [bulk, rowByRow] = await Promise.all([createMigratedDatabase('bulk'), createMigratedDatabase('rowbyrow')]);
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dir, version });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await storage?.empty();
    storage?.s3.destroy();
    await bulk?.drop();
    await rowByRow?.drop();
  });

  async function importInto(database: TestDatabase, bulkLoadMinRows: number) {
    const logged: string[] = [];
    const { importer, pool, close } = testImporter(database.url, storage.s3, storage.bucket, {
      bulkLoadMinRows,
      log: (message) => logged.push(message),
    });
    try {
      const result = await runMovieLensImport(importer, version);
      const bulkLoaded = BULK_TABLES.filter((table) => logged.some((line) => line.startsWith(`${table} bulk load:`)));
      return { result, bulkLoaded, checksums: await tableChecksums(pool), quarantine: await quarantined(pool) };
    } finally {
      await close();
    }
  }

  it('ends with the tables, quarantine, result and schema of the row-by-row import', async () => {
    const [fast, slow] = await Promise.all([importInto(bulk, 1), importInto(rowByRow, Number.MAX_SAFE_INTEGER)]);
    expect(fast.bulkLoaded).toEqual(BULK_TABLES);
    expect(slow.bulkLoaded).toEqual([]);

    expect(fast.checksums).toEqual(slow.checksums);
    imported = fast.checksums;
    expect(fast.quarantine).toEqual(slow.quarantine);
    expect(fast.quarantine).toEqual([
      ['links', 2, 'duplicate movieId 1: superseded by line 9744'],
      ['movies', 2, 'duplicate movieId 1: superseded by line 9744'],
      ['ratings', 2, 'duplicate rating of movieId 1 by userId 1: superseded by line 100838 (latest timestamp wins)'],
      ['tags', 2, 'duplicate tag of movieId 60756 by userId 2 (case-insensitive): superseded by line 3685 (earliest wins)'],
    ]);
    expect(withoutId(fast.result)).toEqual(withoutId(slow.result));
    expect(fast.result.files.ratings).toMatchObject({ loaded: 100_836, duplicates: 1 });

    expect(await withClient(bulk.url, describeDatabase)).toEqual(await withClient(rowByRow.url, describeDatabase));
    // The bulk-loaded values match the files: the kept duplicates and the rating stats of movie 1.
    await withClient(bulk.url, async (client) => {
      const { rows } = await client.query(`SELECT
          (SELECT tmdb_id FROM links WHERE movie_id = 1) AS tmdb_id,
          (SELECT rating FROM ratings WHERE user_id = 1 AND movie_id = 1) AS rating,
          (SELECT array_agg(g.name ORDER BY g.name) FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id WHERE mg.movie_id = 1) AS genres,
          (SELECT row(rating_count, rating_sum)::text FROM movie_rating_stats WHERE movie_id = 1) AS stats`);
      expect(rows[0]).toEqual({ tmdb_id: 863, rating: 2.5, genres: ['Animation', 'Comedy'], stats: '(215,841.5)' });
    });
  }, 120_000);

  it('re-runs on the bulk-loaded tables without changing them', async () => {
    const again = await importInto(bulk, 1);
    expect(again.bulkLoaded).toEqual([]); // the tables have rows: upserts
    expect(again.checksums).toEqual(imported);
    for (const file of MOVIELENS_FILES) expect(again.result.files[file]).toMatchObject({ loaded: 0, updated: 0 });
  }, 120_000);
});

async function quarantined(pool: Pool): Promise<[string, number, string][]> {
  const { rows } = await pool.query(`SELECT file, line_number, reason FROM import_quarantine ORDER BY file, line_number`);
  return rows.map((row) => [row.file, row.line_number, row.reason]);
}

function withoutId({ importId: _, ...result }: ImportMovieLensResult) {
  return result;
}
