import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '@reelrank/prisma';
import { canQuery, getFreePort, startPostgres, type PostgresOptions, type RunningPostgres } from '@reelrank/stack';
import { createMigratedDatabase, testBucket, type TestDatabase, waitFor, withClient } from '@reelrank/testing';
import type { ImportMovieLensResult, MovieLensFile } from '@reelrank/workflows';
import { generateDataset } from '../../src/dataset/generate';
import { uploadDataset } from '../../src/dataset/upload';
import { runMovieLensImport } from '../../src/import/run-import';
import type { StageCheckpoint } from '../../src/import/staging';
import { NO_ACTIVITY, type ActivityContext } from '../../src/temporal/activity-context';
import { tableChecksums, testImporter } from '../support';

const RATINGS = 300_000;
/** The kill comes once staging committed this many ratings lines (and links and tags are staged). */
const KILL_AFTER_LINE = 100_000;

/**
 * PostgreSQL (a server of this test's own) is SIGKILLed, with every backend, while ratings stage; it restarts
 * and runs crash recovery, which empties the UNLOGGED staging tables: movies, links and tags were staged, ratings
 * partly. Activities are retried as Temporal would (heartbeat details handed to the next attempt, input errors
 * not retried). The import must end exactly as an undisturbed one, with no valid row quarantined.
 */
describe('MovieLens import survives a PostgreSQL crash mid-staging', () => {
  const version = 'pg-crash';
  let dir: string;
  let postgresOptions: PostgresOptions;
  let postgres: RunningPostgres;
  let url: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let reference: TestDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-pg-crash-'));
    postgresOptions = {
      port: await getFreePort(),
      dataDir: join(dir, 'postgres'),
      logFile: join(dir, 'postgres.log'),
      user: 'reelrank',
      password: 'crash-test',
    };
    postgres = await startPostgres(postgresOptions);
    await withClient(postgres.adminUrl, (client) => client.query('CREATE DATABASE crash'));
    url = postgres.urlFor('crash');
    await applyMigrations(url);
    storage = await testBucket('pg-crash');
    await generateDataset({ out: join(dir, 'data'), ratings: RATINGS, users: 2000, movies: 3000, seed: 11 });
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: join(dir, 'data'), version });
    reference = await createMigratedDatabase('pgcrashref');
  }, 120_000);

  afterAll(async () => {
    await postgres?.stop();
    await storage?.empty();
    storage?.s3.destroy();
    await reference?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('detects the lost staging, stages again and ends with exactly the undisturbed tables', async () => {
    const undisturbed = testImporter(reference.url, storage.s3, storage.bucket);
    let expected: ImportMovieLensResult;
    let expectedTables: Record<string, string>;
    try {
      expected = await runMovieLensImport(undisturbed.importer, version);
      expectedTables = await tableChecksums(undisturbed.pool);
    } finally {
      await undisturbed.close();
    }
    expect(expected.files.ratings).toMatchObject({ rowsRead: RATINGS, loaded: RATINGS, rejected: 0 });

    const logs: string[] = [];
    const { importer, pool, close } = testImporter(url, storage.s3, storage.bucket, { chunkLines: 5000, log: (line) => logs.push(line) });
    pool.on('error', () => undefined); // idle connections die with the server
    const staged = new Set<MovieLensFile>();
    const failures: string[] = [];
    let crash: Promise<void> | undefined;

    /** An activity with Temporal's retries: the next attempt gets the last heartbeat; input errors are final. */
    const activity = async <T>(name: string, work: (context: ActivityContext<StageCheckpoint>) => Promise<T>): Promise<T> => {
      let details: StageCheckpoint | undefined;
      for (let attempt = 1; ; attempt++) {
        const context: ActivityContext<StageCheckpoint> = {
          ...NO_ACTIVITY,
          attempt,
          resumeDetails: (read) => (details === undefined ? undefined : read(details)),
          heartbeat: (checkpoint) => {
            if (checkpoint === undefined) return;
            details = checkpoint;
            if (checkpoint.file === 'ratings' && checkpoint.line >= KILL_AFTER_LINE && staged.has('links') && staged.has('tags'))
              crash ??= killPostgres();
          },
        };
        try {
          return await work(context);
        } catch (error) {
          failures.push(`${name} attempt ${attempt}: ${(error as Error).message}`);
          if ((error as Error).name === 'MovieLensInputError' || attempt === 5) throw error;
          await crash;
          await waitFor(() => canQuery(url), 60_000);
        }
      }
    };

    try {
      const prepared = await activity('prepare', () => importer.prepare({ datasetVersion: version }));
      const stage = (file: MovieLensFile) =>
        activity(file, async (context) => {
          const input = { importId: prepared.importId, datasetVersion: version, file: prepared.files.find((f) => f.file === file)! };
          const result = await importer.stage(input, context);
          staged.add(file);
          return result;
        });
      await stage('movies');
      const [, , ratings] = await Promise.all([stage('links'), stage('tags'), stage('ratings')]);
      expect(ratings).toMatchObject({ rowsRead: RATINGS, staged: RATINGS, rejected: 0 }); // none taken for an unknown movie
      const result = await activity('merge', () => importer.merge({ importId: prepared.importId }));

      expect(crash).toBeDefined();
      expect(failures).toEqual([expect.stringMatching(/^ratings attempt 1: /)]);
      // Staged again: movies before the ratings' retry, links and tags (staged before the crash) before the merge.
      expect(logs.filter((line) => line.includes('gone (PostgreSQL crash)')).sort()).toEqual([
        expect.stringMatching(/^the staged rows of links\.csv of import \d+ are gone/),
        expect.stringMatching(/^the staged rows of movies\.csv of import \d+ are gone .*before ratings\.csv$/),
        expect.stringMatching(/^the staged rows of tags\.csv of import \d+ are gone/),
      ]);
      expect(result.files).toEqual(expected.files);
      expect(await tableChecksums(pool)).toEqual(expectedTables);
      const { rows } = await pool.query(`SELECT file, count(*)::int AS n FROM import_quarantine GROUP BY file ORDER BY file`);
      expect(rows).toEqual([]); // the generated files have no bad rows: nothing quarantined
    } finally {
      await close();
    }
  }, 240_000);

  /** kill -9 of the postmaster and all its processes, then a restart on the same data directory (crash recovery). */
  async function killPostgres(): Promise<void> {
    const pid = postgres.process.child.pid!;
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((candidate) => processStat(candidate)?.parent === pid);
    for (const target of [pid, ...children]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await postgres.process.waitForExit();
    await waitFor(async () => children.every((child) => (processStat(child)?.state ?? 'Z') === 'Z'), 10_000);
    postgres = await startPostgres(postgresOptions);
  }
});

/** State and parent pid of a process (from /proc/<pid>/stat), or undefined once it is gone. */
function processStat(pid: number): { state: string; parent: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, parent: Number(parent) };
  } catch {
    return undefined;
  }
}
