import { GetObjectCommand, HeadObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { isMissingObject, readJsonObject } from '@reelrank/storage';
import { inTransaction } from '@reelrank/prisma';
import {
  MOVIELENS_FILES,
  MOVIELENS_HEADERS,
  datasetVersionProblem,
  movieLensManifestKey,
  movieLensRawKey,
  movieLensRawPrefix,
  type ImportMovieLensResult,
  type MovieLensFile,
  type MovieLensFileCheckpoint,
  type MovieLensFileState,
  type MovieLensImportFile,
  type MovieLensManifest,
  type PreparedMovieLensImport,
  type StagedMovieLensFile,
  type StageMovieLensFileInput,
} from '@reelrank/workflows';
import { createSHA256, type IHasher } from 'hash-wasm';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isBroken, parseCsvLine, parseCsvLines, type BrokenCsvLine } from './csv-line';
import { MovieLensInputError } from './errors';
import { ByteSink } from './byte-sink';
import { NO_ACTIVITY, type ActivityContext } from '../temporal/activity-context';
import { decodeBlock, LineReader, utf8Problem, type LineBlock, type RawLineBlock } from './line-reader';
import { mergeImport } from './merge';
import {
  headerProblem,
  isRejection,
  MovieIdSet,
  scanRatingLineAt,
  type MovieIds,
  type RatingRow,
  type ScannedRating,
} from './movielens-rows';
export { MovieLensInputError } from './errors';
import {
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  createStagingTableSql,
  STAGING_FORMATS,
  stagingTable,
  writeRatingTuple,
  type StageCheckpoint,
  type StagingFormat,
} from './staging';

export interface MovieLensImporterOptions {
  pool: Pool;
  s3: S3Client;
  bucket: string;
  /** Lines (rows, rejects and blank lines) per staging transaction; a checkpoint follows each. */
  chunkLines?: number;
  /** At most this long between two checkpoints. */
  chunkMillis?: number;
  /** Longest line accepted (a file without newlines must not fill the memory). */
  maxLineBytes?: number;
  /** See MergeOptions.bulkLoadMinRows. */
  bulkLoadMinRows?: number;
  log?: (message: string) => void;
  /** After each committed staging chunk: its rows staged and rejected, and the seconds it took. */
  onChunkStaged?: (chunk: StagedChunk) => void;
}

export interface StagedChunk {
  file: MovieLensFile;
  staged: number;
  rejected: number;
  seconds: number;
}

/** Thrown by inspectObject for a missing object (reported together by prepare). */
const MISSING = Symbol('missing object');
const STAGE_LOCK = 0x4d4c5354; // "MLST": advisory lock class of staging sessions
const QUARANTINE_RAW_LIMIT = 10_000;

/**
 * The MovieLens import without Temporal or Nest: the activities (MovieLensImportActivitiesService),
 * the bench and the tests all call these methods with their dependencies passed explicitly.
 */
export class MovieLensImporter {
  private readonly chunkLines: number;
  private readonly chunkMillis: number;
  private readonly maxLineBytes: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: MovieLensImporterOptions) {
    this.chunkLines = options.chunkLines ?? 100_000;
    this.chunkMillis = options.chunkMillis ?? 1000;
    this.maxLineBytes = options.maxLineBytes ?? 1024 * 1024;
    this.log = options.log ?? (() => undefined);
  }

  private get pool(): Pool {
    return this.options.pool;
  }

  /** Validating stage: checks the four objects and their headers, (re)registers the import, creates staging tables. */
  async prepare(
    input: { datasetVersion: string; workflowRunId?: string },
    context: ActivityContext = NO_ACTIVITY,
  ): Promise<PreparedMovieLensImport> {
    const { datasetVersion } = input;
    const problem = datasetVersionProblem(datasetVersion);
    if (problem) throw new MovieLensInputError(problem);
    const manifest = await this.readManifest(datasetVersion);
    const inspected = await Promise.allSettled(
      MOVIELENS_FILES.map((file) => this.inspectObject(datasetVersion, file, manifest, context.signal)),
    );
    const missing = MOVIELENS_FILES.filter(
      (_, i) => inspected[i].status === 'rejected' && (inspected[i] as PromiseRejectedResult).reason === MISSING,
    );
    if (missing.length) {
      throw new MovieLensInputError(
        `s3://${this.options.bucket}/${movieLensRawPrefix(datasetVersion)} has no ${missing.map((file) => `${file}.csv`).join(', ')}: ` +
          `upload the dataset first (npm run dataset:upload -- --from <dir> --version ${datasetVersion})`,
      );
    }
    const files = inspected.map((result) => {
      if (result.status === 'rejected') throw result.reason;
      return result.value;
    });
    context.heartbeat();
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO dataset_imports (dataset_version, status, workflow_run_id) VALUES ($1, 'RUNNING', $2)
         ON CONFLICT (dataset_version) DO UPDATE
           SET status = 'RUNNING', workflow_run_id = excluded.workflow_run_id, started_at = now(), finished_at = NULL, error = NULL, stats = NULL
         RETURNING id`,
        [datasetVersion, input.workflowRunId ?? null],
      );
      const importId = rows[0].id;
      // A new run of a version starts over: its quarantine and checkpoints describe the latest run only.
      await client.query('DELETE FROM import_quarantine WHERE dataset_version = $1', [datasetVersion]);
      await client.query('DELETE FROM dataset_import_files WHERE import_id = $1', [importId]);
      for (const file of files) {
        await client.query(
          `INSERT INTO dataset_import_files (import_id, file, object_key, etag, sha256, total_bytes) VALUES ($1, $2, $3, $4, $5, $6)`,
          [importId, file.file, file.key, file.etag, file.sha256, file.totalBytes],
        );
        await client.query(`DROP TABLE IF EXISTS ${stagingTable(importId, file.file)}`);
        await client.query(createStagingTableSql(importId, file.file));
      }
      this.log(`prepared import ${importId} of ${datasetVersion}`);
      return { importId, datasetVersion, files };
    });
  }

  /**
   * Loading stages: streams one object into its staging table, committing and heartbeating a checkpoint per
   * chunk; a retry resumes from the last checkpoint heartbeated by an earlier attempt.
   */
  async stage(input: StageMovieLensFileInput, context: ActivityContext<StageCheckpoint> = NO_ACTIVITY): Promise<StagedMovieLensFile> {
    const { importId, datasetVersion, file } = input;
    const client = await this.pool.connect();
    client.on('error', this.onConnectionLost);
    let healthy = false;
    try {
      await tuneSession(client);
      // One attempt at a time per file: a zombie attempt (timed out but still running) holds this until it dies.
      await client.query('SELECT pg_advisory_lock($1, $2)', [STAGE_LOCK, stageLockKey(importId, file.file)]);
      const done = await this.stagedFigures(client, importId, file);
      if (done) {
        healthy = true;
        return done;
      }
      const movieIds = file.file === 'movies' ? undefined : await this.stagedMovieIds(client, input, context);
      const hinted = context.resumeDetails((details) => (isCheckpoint(details, file) ? details : undefined));
      let checkpoint = await this.resume(client, input, hinted);
      if (checkpoint.byteOffset < file.totalBytes) {
        let previous = { checkpoint, at: performance.now() };
        const onCommitted = (committed: StageCheckpoint) => {
          const at = performance.now();
          this.options.onChunkStaged?.({
            file: file.file,
            staged: committed.staged - previous.checkpoint.staged,
            rejected: committed.rejected - previous.checkpoint.rejected,
            seconds: (at - previous.at) / 1000,
          });
          previous = { checkpoint: committed, at };
          context.heartbeat(committed);
        };
        checkpoint = await this.stream(client, input, checkpoint, movieIds, onCommitted, context.signal);
      }
      if (checkpoint.byteOffset !== file.totalBytes) {
        throw new Error(`${file.key}: read ${checkpoint.byteOffset} of ${file.totalBytes} bytes`);
      }
      await client.query(`UPDATE dataset_import_files SET state = 'staged', updated_at = now() WHERE import_id = $1 AND file = $2`, [
        importId,
        file.file,
      ]);
      healthy = true;
      this.log(`staged ${datasetVersion}/${file.file}: ${checkpoint.staged} rows, ${checkpoint.rejected} rejected`);
      return stagedFile(file, checkpoint);
    } finally {
      if (healthy) {
        await client.query('SELECT pg_advisory_unlock_all()').catch(() => (healthy = false));
      }
      // On failure the connection is closed: PostgreSQL rolls back an open chunk and frees the lock.
      client.off('error', this.onConnectionLost);
      client.release(healthy ? undefined : true);
    }
  }

  /**
   * Merging stage: one transaction from staging into the final tables. Staged files whose rows a PostgreSQL
   * crash emptied since (UNLOGGED tables) are staged again first.
   */
  async merge(input: { importId: number }, context: ActivityContext = NO_ACTIVITY): Promise<ImportMovieLensResult> {
    for (const lost of await this.lostStagedFiles(input.importId)) {
      this.log(`the staged rows of ${lost.file.file}.csv of import ${input.importId} are gone (PostgreSQL crash): staging it again`);
      await this.stage(lost, keepAlive(context));
    }
    const client = await this.pool.connect();
    client.on('error', this.onConnectionLost);
    let healthy = false;
    const cancel = () =>
      void this.pool
        .query('SELECT pg_cancel_backend($1)', [(client as PoolClient & { processID: number }).processID])
        .catch(() => undefined);
    context.signal.addEventListener('abort', cancel);
    try {
      await tuneSession(client);
      // A second connection streams staged rows into the merge's COPY (see loadInto in merge.ts).
      const result = await mergeImport(client, input.importId, {
        log: this.log,
        openReader: () => this.pool.connect(),
        bulkLoadMinRows: this.options.bulkLoadMinRows,
      });
      healthy = true;
      return result;
    } finally {
      context.signal.removeEventListener('abort', cancel);
      client.off('error', this.onConnectionLost);
      client.release(healthy ? undefined : true);
    }
  }

  async progress(input: { importId: number }): Promise<MovieLensFileCheckpoint[]> {
    const { rows } = await this.pool.query(
      `SELECT file, state, rows_read, bytes_read, total_bytes, rows_staged, rows_rejected, stats
       FROM dataset_import_files WHERE import_id = $1 ORDER BY file`,
      [input.importId],
    );
    return rows.map((row) => ({
      file: row.file as MovieLensFile,
      state: row.state as MovieLensFileState,
      rowsRead: row.rows_read,
      bytesRead: Number(row.bytes_read),
      totalBytes: Number(row.total_bytes),
      staged: row.rows_staged,
      rejected: row.rows_rejected,
      ...(row.stats ? { merged: row.stats } : {}),
    }));
  }

  async markFailed(input: { datasetVersion: string; error: string }): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        `UPDATE dataset_imports SET status = 'FAILED', error = $2, finished_at = now()
         WHERE dataset_version = $1 AND status = 'RUNNING' RETURNING id`,
        [input.datasetVersion, input.error.slice(0, 4000)],
      );
      for (const { id } of rows) {
        await client.query(
          `UPDATE dataset_import_files SET state = 'failed', updated_at = now() WHERE import_id = $1 AND state <> 'merged'`,
          [id],
        );
        for (const file of MOVIELENS_FILES) await client.query(`DROP TABLE IF EXISTS ${stagingTable(id, file)}`);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------

  /** The version's manifest (`npm run dataset:upload` writes it after the files): the checksums the import verifies. */
  private async readManifest(datasetVersion: string): Promise<MovieLensManifest | undefined> {
    const { s3, bucket } = this.options;
    const key = movieLensManifestKey(datasetVersion);
    let manifest: MovieLensManifest | undefined;
    try {
      manifest = await readJsonObject<MovieLensManifest>(s3, bucket, key);
    } catch (error) {
      if (error instanceof SyntaxError) throw new MovieLensInputError(`s3://${bucket}/${key} is not JSON: upload the dataset again`);
      throw error;
    }
    if (manifest && MOVIELENS_FILES.some((file) => !/^[0-9a-f]{64}$/.test(String(manifest.files?.[file]?.sha256)))) {
      throw new MovieLensInputError(`s3://${bucket}/${key} has no SHA-256 for every file: upload the dataset again`);
    }
    return manifest;
  }

  private async inspectObject(
    datasetVersion: string,
    file: MovieLensFile,
    manifest: MovieLensManifest | undefined,
    signal?: AbortSignal,
  ): Promise<MovieLensImportFile> {
    const key = movieLensRawKey(datasetVersion, file);
    const { s3, bucket } = this.options;
    let head;
    try {
      head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    } catch (error) {
      if (isMissingObject(error)) throw MISSING;
      throw error;
    }
    const totalBytes = head.ContentLength ?? 0;
    if (totalBytes === 0) throw new MovieLensInputError(`s3://${bucket}/${key} is empty`);
    // Checked after the objects are known to exist, so a version that was never uploaded is reported as missing files.
    if (!manifest) {
      throw new MovieLensInputError(
        `s3://${bucket}/${movieLensManifestKey(datasetVersion)} is missing, so the files cannot be verified: ` +
          `upload the dataset with npm run dataset:upload -- --from <dir> --version ${datasetVersion}`,
      );
    }
    const expected = manifest.files[file];
    if (expected.bytes !== totalBytes) {
      throw new MovieLensInputError(
        `${changedSinceUpload(datasetVersion, file)}: ${totalBytes} bytes, expected ${expected.bytes}${UPLOAD_AGAIN}`,
      );
    }
    const etag = head.ETag ?? '';
    const object = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${Math.min(totalBytes, 65536) - 1}`, IfMatch: etag || undefined }),
      { abortSignal: signal },
    );
    const reader = new LineReader();
    let block: LineBlock | undefined;
    for await (const chunk of object.Body as Readable) block ??= reader.push(chunk as Buffer);
    block ??= reader.end();
    const header = block?.lines[0] ?? '';
    const problem = headerProblem(header, MOVIELENS_HEADERS[file]);
    if (problem) throw new MovieLensInputError(`s3://${bucket}/${key}: ${problem}`);
    return { file, key, totalBytes, etag, sha256: expected.sha256 };
  }

  /**
   * The movie ids of the staged movies.csv, which links, tags and ratings are checked against. If a PostgreSQL
   * crash emptied its staging table since, movies.csv is staged again first (whichever file finds out first
   * does it, under the movies lock; the others wait for it): an empty table would make every valid row's movie
   * unknown. The ids are read under a shared hold of the movies lock, so never while movies.csv is being staged.
   */
  private async stagedMovieIds(
    client: PoolClient,
    input: StageMovieLensFileInput,
    context: ActivityContext<StageCheckpoint>,
  ): Promise<MovieIds> {
    const { importId } = input;
    const moviesLock = [STAGE_LOCK, stageLockKey(importId, 'movies')];
    for (;;) {
      await client.query('SELECT pg_advisory_lock_shared($1, $2)', moviesLock);
      try {
        const { rows: state } = await client.query(`SELECT state FROM dataset_import_files WHERE import_id = $1 AND file = 'movies'`, [
          importId,
        ]);
        if (state[0]?.state !== 'staged')
          throw new Error(`movies.csv of import ${importId} is not staged yet (state ${state[0]?.state ?? 'missing'})`);
        const lost = await this.lostStagedFiles(importId, client, 'movies');
        if (!lost.length) {
          const { rows } = await client.query<{ movie_id: number }>(`SELECT DISTINCT movie_id FROM ${stagingTable(importId, 'movies')}`);
          return new MovieIdSet(rows.map((row) => row.movie_id));
        }
        this.log(
          `the staged rows of movies.csv of import ${importId} are gone (PostgreSQL crash): staging it again before ${input.file.file}.csv`,
        );
      } finally {
        await client.query('SELECT pg_advisory_unlock_shared($1, $2)', moviesLock);
      }
      await this.stage(
        { importId, datasetVersion: input.datasetVersion, file: await this.importFile(client, importId, 'movies') },
        keepAlive(context),
      );
    }
  }

  /**
   * Staged files (state `staged`) whose staging table no longer holds the rows their checkpoint counted: a
   * PostgreSQL crash (kill -9, the OOM killer) resets UNLOGGED tables to empty during recovery, while the
   * checkpoints, in logged tables, survive. Each comes as the input that stages it again.
   */
  private async lostStagedFiles(
    importId: number,
    db: Pool | PoolClient = this.pool,
    only?: MovieLensFile,
  ): Promise<StageMovieLensFileInput[]> {
    const { rows } = await db.query<{ file: MovieLensFile; rows_staged: number; dataset_version: string }>(
      `SELECT f.file, f.rows_staged, i.dataset_version FROM dataset_import_files f JOIN dataset_imports i ON i.id = f.import_id
       WHERE f.import_id = $1 AND f.state = 'staged' AND ($2::text IS NULL OR f.file = $2)`,
      [importId, only ?? null],
    );
    const lost: StageMovieLensFileInput[] = [];
    for (const file of MOVIELENS_FILES) {
      const row = rows.find((r) => r.file === file);
      if (!row) continue;
      const { rows: counted } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${stagingTable(importId, file)}`);
      if (counted[0].n !== row.rows_staged)
        lost.push({ importId, datasetVersion: row.dataset_version, file: await this.importFile(db, importId, file) });
    }
    return lost;
  }

  /** The object a file of an import is staged from, as prepare registered it. */
  private async importFile(db: Pool | PoolClient, importId: number, file: MovieLensFile): Promise<MovieLensImportFile> {
    const { rows } = await db.query<{ object_key: string; etag: string; sha256: string | null; total_bytes: string }>(
      'SELECT object_key, etag, sha256, total_bytes FROM dataset_import_files WHERE import_id = $1 AND file = $2',
      [importId, file],
    );
    if (!rows[0]) throw new MovieLensInputError(`import ${importId} has no ${file} file: was it prepared?`);
    if (!rows[0].sha256) throw new MovieLensInputError(`import ${importId} was prepared without checksums: start the import again`);
    return { file, key: rows[0].object_key, etag: rows[0].etag, sha256: rows[0].sha256, totalBytes: Number(rows[0].total_bytes) };
  }

  /**
   * The figures of a file this import already staged, when its staging table still holds every staged row
   * (a retry whose earlier attempt finished, or a second file that found movies.csv lost just after another
   * one staged it again); undefined otherwise.
   */
  private async stagedFigures(client: PoolClient, importId: number, file: MovieLensImportFile): Promise<StagedMovieLensFile | undefined> {
    const { rows } = await client.query<{ state: string; checkpoint: StageCheckpoint | null }>(
      'SELECT state, checkpoint FROM dataset_import_files WHERE import_id = $1 AND file = $2',
      [importId, file.file],
    );
    const checkpoint = rows[0]?.checkpoint;
    if (rows[0]?.state !== 'staged' || !checkpoint || checkpoint.etag !== file.etag) return undefined;
    if ((await this.lostStagedFiles(importId, client, file.file)).length) return undefined;
    return stagedFile(file, checkpoint);
  }

  /** A connection lost mid-statement fails that statement; without a listener, its 'error' event would also end the process. */
  private readonly onConnectionLost = (error: Error) => this.log(`database connection lost: ${error.message}`);

  /**
   * Makes the staging table agree with the checkpoint this attempt resumes from (the last heartbeat of
   * a previous attempt): rows and rejects staged after it are deleted. Without a usable checkpoint, or if
   * rows up to it are missing (a PostgreSQL crash empties UNLOGGED tables and may lose the last
   * asynchronously committed chunks), the file starts over.
   */
  private async resume(client: PoolClient, input: StageMovieLensFileInput, hinted: StageCheckpoint | undefined): Promise<StageCheckpoint> {
    const { importId, datasetVersion, file } = input;
    const table = stagingTable(importId, file.file);
    const fresh: StageCheckpoint = {
      v: 2,
      file: file.file,
      etag: file.etag,
      byteOffset: 0,
      line: 0,
      rowsRead: 0,
      staged: 0,
      rejected: 0,
      blankLines: 0,
      sorted: true,
      lastKey: null,
      resumedFromLine: 0,
      sha256State: null,
    };
    const checkpoint = await inTransaction(client, async () => {
      const { rows } = await client.query(`SELECT state FROM dataset_import_files WHERE import_id = $1 AND file = $2 FOR UPDATE`, [
        importId,
        file.file,
      ]);
      if (!rows[0]) throw new MovieLensInputError(`import ${importId} has no ${file.file} file: was it prepared?`);
      let resumed = fresh;
      if (hinted && hinted.line > 0) {
        // Both counts must match the checkpoint: a PostgreSQL crash empties the UNLOGGED staging table and may
        // lose the last chunk commits (synchronous_commit is off for them), quarantined rows included.
        await client.query(`DELETE FROM ${table} WHERE line > $1`, [hinted.line]);
        const { rows: counted } = await client.query<{ staged: number; rejected: number }>(
          `SELECT (SELECT count(*) FROM ${table})::int AS staged,
                  (SELECT count(*) FROM import_quarantine WHERE dataset_version = $1 AND file = $2 AND line_number <= $3)::int AS rejected`,
          [datasetVersion, file.file, hinted.line],
        );
        const { staged, rejected } = counted[0];
        if (staged === hinted.staged && rejected === hinted.rejected) resumed = { ...hinted, resumedFromLine: hinted.line };
        else
          this.log(
            `staging of ${file.file} lost rows (${staged} staged and ${rejected} quarantined instead of ${hinted.staged} and ${hinted.rejected}): starting over`,
          );
      }
      if (resumed === fresh) await client.query(`TRUNCATE ${table}`);
      await client.query(`DELETE FROM import_quarantine WHERE dataset_version = $1 AND file = $2 AND line_number > $3`, [
        datasetVersion,
        file.file,
        resumed.line,
      ]);
      await this.saveCheckpoint(client, importId, file.file, resumed, resumed.line > 0);
      return resumed;
    });
    if (checkpoint.line > 0) this.log(`staging of ${file.file} resumes after line ${checkpoint.line} (byte ${checkpoint.byteOffset})`);
    return checkpoint;
  }

  /** Writes the checkpoint columns; `resumed` (true/false) also marks the start of an attempt. */
  private async saveCheckpoint(
    client: PoolClient,
    importId: number,
    file: MovieLensFile,
    checkpoint: StageCheckpoint,
    resumed?: boolean,
  ): Promise<void> {
    const attempt = resumed === undefined ? '' : `, state = 'staging', resume_count = resume_count + ${resumed ? 1 : 0}`;
    await client.query(
      `UPDATE dataset_import_files
       SET bytes_read = $3, lines_read = $4, rows_read = $5, rows_staged = $6, rows_rejected = $7, checkpoint = $8, updated_at = now()${attempt}
       WHERE import_id = $1 AND file = $2`,
      [importId, file, checkpoint.byteOffset, checkpoint.line, checkpoint.rowsRead, checkpoint.staged, checkpoint.rejected, checkpoint],
    );
  }

  /**
   * Reads the object from `start.byteOffset` and stages it chunk by chunk. Each chunk is one transaction
   * (COPY of its rows, its rejects into the quarantine, the new checkpoint); the next chunk is parsed while
   * the previous one commits, and reading pauses (S3 backpressure) while two chunks are pending.
   *
   * Chunks commit with synchronous_commit off: the worker does not wait for the WAL flush of each chunk.
   * A worker crash loses nothing committed (PostgreSQL did not crash). Only a PostgreSQL crash can lose
   * the last chunk commits, and its recovery also empties the UNLOGGED staging table, so resume() finds
   * fewer staged rows (or, if none were staged yet, fewer quarantined rows) than the checkpoint and starts
   * the file over. The final `staged` state commits synchronously, which also flushes every chunk before it.
   */
  private async stream(
    client: PoolClient,
    input: StageMovieLensFileInput,
    start: StageCheckpoint,
    movieIds: MovieIds | undefined,
    onCommitted: (checkpoint: StageCheckpoint) => void,
    signal?: AbortSignal,
  ): Promise<StageCheckpoint> {
    const { importId, datasetVersion, file } = input;
    const format = STAGING_FORMATS[file.file] as StagingFormat<unknown>;
    const binary = format.copyFormat === 'binary';
    const table = stagingTable(importId, file.file);
    const copySql = `COPY ${table} (${format.columns.join(', ')}) FROM STDIN WITH (FORMAT ${format.copyFormat})`;
    const ratings = file.file === 'ratings';
    const scanned: ScannedRating = { userId: 0, movieId: 0, rating: 0, timestamp: 0 };
    const ids = movieIds ?? { has: () => true };
    // Hot-loop functions held locally (module bindings can be getters, depending on the compiler).
    const scanLine = scanRatingLineAt;
    const writeTuple = writeRatingTuple;

    const state: StageCheckpoint = { ...start, lastKey: start.lastKey ? [...start.lastKey] : null };
    // Payload buffers are reused (at most three exist: one being sent, one waiting, one filling), so a big
    // file does not allocate megabytes per chunk.
    const spareSinks: ByteSink[] = [];
    const newChunk = (): Chunk => {
      const sink = spareSinks.pop() ?? new ByteSink();
      sink.clear();
      if (binary) sink.copy(COPY_BINARY_HEADER, 0, COPY_BINARY_HEADER.length);
      return { sink, rows: 0, rejects: [], lines: 0 };
    };
    let chunk = newChunk();
    let chunkStarted = Date.now();
    let committed = start;
    let dispatchedOffset = start.byteOffset;
    let inflight: Promise<void> | undefined;
    const hasher = await resumeSha256(start);
    let hashedTo = start.byteOffset;

    const write = async (ready: Chunk, checkpoint: StageCheckpoint) => {
      await inTransaction(
        client,
        async () => {
          if (ready.rows) {
            if (binary) ready.sink.copy(COPY_BINARY_TRAILER, 0, COPY_BINARY_TRAILER.length);
            const payload = ready.sink.bytes();
            await pipeline(
              async function* () {
                yield payload;
              },
              client.query(copyFrom(copySql)),
            );
          }
          spareSinks.push(ready.sink);
          if (ready.rejects.length) {
            const { rejects } = ready;
            await client.query(
              `INSERT INTO import_quarantine (dataset_version, file, line_number, raw_text, reason)
           SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[])`,
              [datasetVersion, file.file, rejects.map((r) => r.line), rejects.map((r) => r.raw), rejects.map((r) => r.reason)],
            );
          }
          await this.saveCheckpoint(client, importId, file.file, checkpoint);
        },
        { settings: { synchronous_commit: 'off' } },
      );
      committed = checkpoint;
      onCommitted(checkpoint);
    };

    const commit = async () => {
      const ready = chunk;
      const checkpoint: StageCheckpoint = {
        ...state,
        lastKey: state.lastKey ? [...state.lastKey] : null,
        sha256State: Buffer.from(hasher.save()).toString('base64'),
      };
      chunk = newChunk();
      chunkStarted = Date.now();
      dispatchedOffset = checkpoint.byteOffset;
      if (inflight) await inflight;
      inflight = write(ready, checkpoint);
      inflight.catch(() => undefined); // surfaced by the next await
    };

    /** Ratings: are the staged (userId, movieId) keys strictly increasing so far? */
    const trackOrder = (userId: number, movieId: number) => {
      if (!state.sorted) return;
      const last = state.lastKey;
      if (last && (userId < last[0] || (userId === last[0] && movieId <= last[1]))) state.sorted = false;
      else if (last) {
        last[0] = userId;
        last[1] = movieId;
      } else state.lastKey = [userId, movieId];
    };

    /**
     * Any line: header check, blank lines, CSV parse (unless given; a BrokenCsvLine also stands for a line that
     * is not UTF-8), validation, quarantine or staging.
     */
    const general = (line: string, lineNumber: number, fields?: string[] | BrokenCsvLine) => {
      if (lineNumber === 1) {
        const problem = headerProblem(line, MOVIELENS_HEADERS[file.file]);
        if (problem) throw new MovieLensInputError(`${file.key}: ${problem}`);
        return;
      }
      if (line.length === 0 || line.trim().length === 0) {
        state.blankLines++;
        return;
      }
      state.rowsRead++;
      fields ??= parseCsvLine(line);
      const row = isBroken(fields) ? fields.error : format.parse(fields, ids);
      if (typeof row === 'string' || isRejection(row)) {
        state.rejected++;
        chunk.rejects.push({ line: lineNumber, raw: sanitize(line), reason: typeof row === 'string' ? row : row.reason });
        return;
      }
      if (ratings) trackOrder((row as RatingRow).userId, (row as RatingRow).movieId);
      state.staged++;
      chunk.rows++;
      format.write(chunk.sink, row, lineNumber, line);
    };

    /**
     * Ratings: the bulk of the data. One pass over the bytes, nothing allocated per line, the key order
     * tracked in locals (trackOrder's state is synchronised around the rare general-path line).
     */
    const consumeRatings = (bytes: Buffer, firstLine: number) => {
      const sink = chunk.sink;
      const end = bytes.length;
      let sorted = state.sorted;
      let lastUser = state.lastKey ? state.lastKey[0] : 0; // ids are positive: (0, 0) precedes every key
      let lastMovie = state.lastKey ? state.lastKey[1] : 0;
      let tracked = false;
      let staged = 0;
      let lineNumber = firstLine;
      for (let position = 0; position < end; lineNumber++) {
        // Fast path (nearly every rating): a canonical valid line, written as a binary tuple.
        let lf = lineNumber > 1 ? scanLine(bytes, position, end, scanned) : -1;
        if (lf >= 0 && ids.has(scanned.movieId)) {
          const { userId, movieId } = scanned;
          if (sorted) {
            if (userId < lastUser || (userId === lastUser && movieId <= lastMovie)) sorted = false;
            else {
              lastUser = userId;
              lastMovie = movieId;
              tracked = true;
            }
          }
          staged++;
          writeTuple(sink, lineNumber, userId, movieId, scanned.rating, scanned.timestamp);
        } else {
          if (lf < 0) {
            lf = bytes.indexOf(LF, position);
            if (lf === -1) lf = end;
          }
          const stop = lf > position && bytes[lf - 1] === CR ? lf - 1 : lf;
          state.sorted = sorted;
          if (tracked) state.lastKey = [lastUser, lastMovie];
          const problem = utf8Problem(bytes, position, stop);
          general(bytes.toString('utf8', position, stop), lineNumber, problem ? { error: problem } : undefined);
          sorted = state.sorted;
          lastUser = state.lastKey ? state.lastKey[0] : 0;
          lastMovie = state.lastKey ? state.lastKey[1] : 0;
          tracked = false;
        }
        position = lf + 1;
      }
      state.sorted = sorted;
      if (tracked) state.lastKey = [lastUser, lastMovie];
      state.rowsRead += staged;
      state.staged += staged;
      chunk.rows += staged;
    };

    /** Hashes the block's bytes (and a skipped BOM); at the end of the file, before its last commit, compares with the manifest. */
    const hash = (block: RawLineBlock) => {
      const blockStart = block.endOffset - block.bytes.length;
      if (blockStart === UTF8_BOM.length && hashedTo === 0) hasher.update(UTF8_BOM);
      else if (blockStart !== hashedTo) throw new Error(`${file.key}: bytes ${hashedTo} to ${blockStart} were not hashed`);
      hasher.update(block.bytes);
      hashedTo = block.endOffset;
      if (hashedTo !== file.totalBytes) return;
      const saved = hasher.save();
      const actual = hasher.digest('hex');
      hasher.load(saved);
      if (actual !== file.sha256) {
        throw new MovieLensInputError(
          `${changedSinceUpload(datasetVersion, file.file)}: sha256 ${actual}, expected ${file.sha256}${UPLOAD_AGAIN}`,
        );
      }
    };

    const consume = async (block: RawLineBlock) => {
      const { bytes, firstLine } = block;
      hash(block);
      if (ratings) consumeRatings(bytes, firstLine);
      else {
        const { lines, invalid } = decodeBlock(block);
        const parsed = parseCsvLines(lines);
        for (let i = 0; i < lines.length; i++) {
          const problem = invalid?.get(i);
          general(lines[i], firstLine + i, problem ? { error: problem } : parsed[i]);
        }
      }
      chunk.lines += block.lineCount;
      state.line = firstLine + block.lineCount - 1;
      state.byteOffset = block.endOffset;
      if (chunk.lines >= this.chunkLines || Date.now() - chunkStarted >= this.chunkMillis) await commit();
    };

    const body = await this.openObject(file, start.byteOffset, signal);
    const reader = new LineReader(start.byteOffset, start.line + 1);
    try {
      for await (const piece of body) {
        if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('staging cancelled');
        const blocks = reader.pushRawBlocks(piece as Buffer);
        for (const block of blocks) await consume(block);
        if (!blocks.length && reader.pendingBytes > this.maxLineBytes) {
          throw new MovieLensInputError(`${file.key}: line ${state.line + 1} is longer than ${this.maxLineBytes} bytes`);
        }
      }
      const tail = reader.endRaw();
      if (tail) await consume(tail);
      if (state.byteOffset !== dispatchedOffset) await commit();
      await inflight;
    } catch (error) {
      body.destroy();
      await inflight?.catch(() => undefined);
      throw error;
    }
    return committed;
  }

  private async openObject(file: MovieLensImportFile, offset: number, signal?: AbortSignal): Promise<Readable> {
    const { s3, bucket } = this.options;
    try {
      const object = await s3.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: file.key,
          Range: offset > 0 ? `bytes=${offset}-` : undefined,
          IfMatch: file.etag || undefined,
        }),
        { abortSignal: signal },
      );
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) {
        throw new MovieLensInputError(
          `s3://${bucket}/${file.key} changed during the import (ETag is no longer ${file.etag}): start the import again`,
        );
      }
      if (isMissingObject(error)) throw new MovieLensInputError(`s3://${bucket}/${file.key} was deleted during the import`);
      throw error;
    }
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UPLOAD_AGAIN = ' (upload it again with npm run dataset:upload)';

const changedSinceUpload = (datasetVersion: string, file: MovieLensFile) =>
  `${file}.csv of dataset version ${datasetVersion} changed since upload`;

/** The SHA-256 of the bytes before the checkpoint, ready for the bytes after it. */
async function resumeSha256(checkpoint: StageCheckpoint): Promise<IHasher> {
  const hasher = await createSHA256();
  if (checkpoint.sha256State) hasher.load(Buffer.from(checkpoint.sha256State, 'base64'));
  else if (checkpoint.byteOffset > 0) throw new Error(`the checkpoint at byte ${checkpoint.byteOffset} has no SHA-256 state`);
  return hasher;
}

interface Reject {
  line: number;
  raw: string;
  reason: string;
}

/** One staging transaction's worth of lines: COPY payload (`rows` rows) and rejected rows. */
interface Chunk {
  sink: ByteSink;
  rows: number;
  rejects: Reject[];
  lines: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Quarantine text: PostgreSQL text cannot hold NUL, and a runaway line is cut. */
function sanitize(raw: string): string {
  const text = raw.length > QUARANTINE_RAW_LIMIT ? `${raw.slice(0, QUARANTINE_RAW_LIMIT)}…` : raw;
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

/** Advisory lock key (class STAGE_LOCK) of the staging of one file of an import. */
const stageLockKey = (importId: number, file: MovieLensFile) => importId * 4 + MOVIELENS_FILES.indexOf(file);

/**
 * The context for staging another file inside an activity (movies.csv again, from the ratings' or the merge's
 * activity): same cancellation, heartbeats that keep the activity alive without replacing its own details.
 */
function keepAlive(context: ActivityContext<never>): ActivityContext<StageCheckpoint> {
  return { ...NO_ACTIVITY, attempt: context.attempt, signal: context.signal, heartbeat: () => context.heartbeat() };
}

/** Heartbeat details of a previous attempt on the same object (same file and ETag), or not usable. */
function isCheckpoint(details: unknown, file: MovieLensImportFile): details is StageCheckpoint {
  const candidate = details as StageCheckpoint | undefined;
  return (
    !!candidate &&
    candidate.v === 2 &&
    (candidate.byteOffset === 0 || typeof candidate.sha256State === 'string') &&
    candidate.file === file.file &&
    candidate.etag === file.etag &&
    Number.isInteger(candidate.byteOffset) &&
    candidate.byteOffset <= file.totalBytes &&
    Number.isInteger(candidate.line)
  );
}

/**
 * Lets PostgreSQL notice a vanished client (a killed worker) during a long statement, so the
 * transaction aborts and its locks go at once (PostgreSQL 14+; ignored where not allowed).
 */
async function tuneSession(client: PoolClient): Promise<void> {
  await client.query(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
}

/** What staging `file` up to `checkpoint` yielded. */
const stagedFile = (file: MovieLensImportFile, checkpoint: StageCheckpoint): StagedMovieLensFile => ({
  file: file.file,
  rowsRead: checkpoint.rowsRead,
  bytesRead: checkpoint.byteOffset,
  totalBytes: file.totalBytes,
  staged: checkpoint.staged,
  rejected: checkpoint.rejected,
  blankLines: checkpoint.blankLines,
  resumedFromLine: checkpoint.resumedFromLine,
});
