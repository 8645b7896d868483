import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigratedDatabase, testBucket, type TestDatabase } from '@reelrank/testing';
import { generateDataset } from '../../src/dataset/generate';
import { uploadDataset } from '../../src/dataset/upload';
import { runMovieLensImport } from '../../src/import/run-import';
import { stagingTable, type StageCheckpoint } from '../../src/import/staging';
import { NO_ACTIVITY, type ActivityContext } from '../../src/temporal/activity-context';
import { tableChecksums, testImporter } from '../support';

/** Resuming staging from a heartbeat that lags behind the committed chunks, without Temporal. */
describe('staging resumes from heartbeat details', () => {
  const version = 'resume';
  let dir: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let reference: TestDatabase;
  let expected: Record<string, string>;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-resume-'));
    await generateDataset({ out: dir, ratings: 20_000, users: 100, movies: 500, seed: 3 });
    // 60k ratings (~1 MB, many S3 body chunks) of existing movies with many duplicate keys (so the merge
    // sorts them out) and bad rows spread through the file, so the quarantine must be resumed too.
    const movieIds = readFileSync(join(dir, 'movies.csv'), 'utf8')
      .split('\n')
      .slice(1, 41)
      .map((line) => line.split(',')[0]);
    const lines = ['userId,movieId,rating,timestamp'];
    for (let i = 0; i < 60_000; i++) {
      if (i % 4999 === 0) lines.push(`${i},${movieIds[0]},9.0,1`);
      else lines.push(`${1 + (i % 300)},${movieIds[i % 40]},${(1 + (i % 9)) / 2},${1_100_000 + (i % 5000)}`);
    }
    writeFileSync(join(dir, 'ratings.csv'), `${lines.join('\n')}\n`);
    storage = await testBucket('resume');
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dir, version });
    reference = await createMigratedDatabase('resumeref');
    const clean = testImporter(reference.url, storage.s3, storage.bucket);
    try {
      await runMovieLensImport(clean.importer, version);
      expected = { ...(await tableChecksums(clean.pool)), quarantine: await quarantine(clean.pool) };
    } finally {
      await clean.close();
    }
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await storage?.empty();
    storage?.s3.destroy();
    await reference?.drop();
    await Promise.all(databases.map((database) => database.drop()));
  });

  it.each([
    ['the staged rows still match the checkpoint', false],
    ['PostgreSQL lost the unlogged staging rows (crash): it starts over', true],
  ])('gives the undisturbed result when %s', async (_, loseStagedRows) => {
    const database = await createMigratedDatabase('resume');
    databases.push(database);
    const { importer, pool, close } = testImporter(database.url, storage.s3, storage.bucket, { chunkLines: 400 });
    try {
      const prepared = await importer.prepare({ datasetVersion: version });
      const file = (name: string) => prepared.files.find((f) => f.file === name)!;
      const stage = (name: string, context?: ActivityContext<StageCheckpoint>) =>
        importer.stage({ importId: prepared.importId, datasetVersion: version, file: file(name) }, context);
      await stage('movies');

      // First attempt: dies after its 8th committed chunk; Temporal only got the 3rd heartbeat.
      const controller = new AbortController();
      const beats: StageCheckpoint[] = [];
      const first: ActivityContext<StageCheckpoint> = {
        ...NO_ACTIVITY,
        signal: controller.signal,
        heartbeat: (checkpoint) => {
          if (!checkpoint || checkpoint.line === 0 || beats.some((beat) => beat.line === checkpoint.line)) return;
          beats.push(checkpoint);
          if (beats.length === 8) controller.abort(new Error('worker killed'));
        },
      };
      await expect(stage('ratings', first)).rejects.toThrow('worker killed');
      const { rows } = await pool.query(`SELECT lines_read FROM dataset_import_files WHERE import_id = $1 AND file = 'ratings'`, [
        prepared.importId,
      ]);
      expect(rows[0].lines_read).toBeGreaterThanOrEqual(beats[7].line); // committed further than the heartbeat we resume from
      if (loseStagedRows) await pool.query(`TRUNCATE ${stagingTable(prepared.importId, 'ratings')}`);

      const resumed = await stage('ratings', { ...NO_ACTIVITY, resumeDetails: (read) => read(beats[2]) });
      expect(resumed.resumedFromLine).toBe(loseStagedRows ? 0 : beats[2].line);
      expect(resumed).toMatchObject({ rowsRead: 60_000, rejected: 13 });
      await stage('links');
      await stage('tags');
      await importer.merge({ importId: prepared.importId });

      expect({ ...(await tableChecksums(pool)), quarantine: await quarantine(pool) }).toEqual(expected);
    } finally {
      await close();
    }
  });
});

async function quarantine(pool: import('pg').Pool): Promise<string> {
  const { rows } = await pool.query(
    `SELECT md5(string_agg(concat_ws('|', file, line_number, raw_text, reason), E'\\n' ORDER BY file, line_number)) AS md5, count(*) AS n FROM import_quarantine`,
  );
  return `${rows[0].n}:${rows[0].md5}`;
}
