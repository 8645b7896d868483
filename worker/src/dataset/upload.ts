import { HeadObjectCommand, DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isMissingObject, readJsonObject, writeJsonObject } from '@reelrank/storage';
import {
  datasetVersionProblem,
  MOVIELENS_FILES,
  MOVIELENS_HEADERS,
  movieLensManifestKey,
  movieLensRawKey,
  type MovieLensFile,
  type MovieLensManifest,
  type MovieLensManifestFile,
} from '@reelrank/workflows';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { LineReader } from '../import/line-reader';
import { headerProblem } from '../import/movielens-rows';

/** A folder that is not a MovieLens dataset, or a bad version: the message is one line. */
export class DatasetUploadError extends Error {
  override name = 'DatasetUploadError';
}

export type UploadPhase = 'hashing' | 'uploading' | 'skipped' | 'uploaded';

export interface UploadProgress {
  file: MovieLensFile;
  phase: UploadPhase;
  /** Bytes hashed or uploaded so far in this phase. */
  bytes: number;
  totalBytes: number;
}

export interface UploadDatasetOptions {
  s3: S3Client;
  bucket: string;
  /** Folder holding movies.csv, links.csv, tags.csv and ratings.csv. */
  from: string;
  /** Dataset version; defaults to the folder name. */
  version?: string;
  onProgress?: (progress: UploadProgress) => void;
  /** Multipart part size (default 16 MiB) and parts in flight (default 4): memory is about their product. */
  partSize?: number;
  queueSize?: number;
}

export interface UploadDatasetResult {
  datasetVersion: string;
  manifest: MovieLensManifest;
  uploaded: MovieLensFile[];
  skipped: MovieLensFile[];
}

/** sha256 of the object, stored as user metadata `x-amz-meta-sha256`. */
const SHA256_METADATA = 'sha256';

/**
 * Uploads a MovieLens folder to the raw zone `movielens/raw/<version>/` as a streamed multipart upload
 * (never the whole file in memory). Each file is hashed first, so a file already uploaded with the same
 * sha256 is skipped; the upload hashes the bytes it sends again and fails if the file changed meanwhile.
 * Refuses a folder that misses a file or has a wrong header before uploading anything.
 */
export async function uploadDataset(options: UploadDatasetOptions): Promise<UploadDatasetResult> {
  const { s3, bucket, onProgress = () => undefined } = options;
  const from = resolve(options.from);
  const datasetVersion = options.version ?? basename(from);
  const problem = datasetVersionProblem(datasetVersion);
  if (problem) throw new DatasetUploadError(`${problem} (pass --version)`);
  if (!existsSync(from) || !statSync(from).isDirectory()) throw new DatasetUploadError(`${from} is not a folder`);

  const paths = Object.fromEntries(MOVIELENS_FILES.map((file) => [file, join(from, `${file}.csv`)])) as Record<MovieLensFile, string>;
  const missing = MOVIELENS_FILES.filter((file) => !existsSync(paths[file]));
  if (missing.length) {
    throw new DatasetUploadError(
      `${from} is missing ${missing.map((file) => `${file}.csv`).join(', ')} (a MovieLens folder has movies.csv, links.csv, tags.csv and ratings.csv)`,
    );
  }
  for (const file of MOVIELENS_FILES) {
    const wrong = headerProblem(await firstLine(paths[file]), MOVIELENS_HEADERS[file]);
    if (wrong) throw new DatasetUploadError(`${paths[file]}: ${wrong}`);
  }

  const files = {} as Record<MovieLensFile, MovieLensManifestFile>;
  const uploaded: MovieLensFile[] = [];
  const skipped: MovieLensFile[] = [];
  for (const file of MOVIELENS_FILES) {
    const path = paths[file];
    const key = movieLensRawKey(datasetVersion, file);
    const totalBytes = statSync(path).size;
    const { sha256, lines } = await hashFile(path, (bytes) => onProgress({ file, phase: 'hashing', bytes, totalBytes }));
    files[file] = { key, bytes: totalBytes, sha256, rows: Math.max(0, lines - 1) };

    const existing = await headObject(s3, bucket, key);
    if (existing && existing.size === totalBytes && existing.sha256 === sha256) {
      skipped.push(file);
      onProgress({ file, phase: 'skipped', bytes: totalBytes, totalBytes });
      continue;
    }
    const hasher = createHash('sha256');
    const body = createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hasher.update(chunk);
          callback(null, chunk);
        },
      }),
    );
    const upload = new Upload({
      client: s3,
      params: {
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'text/csv',
        Metadata: { [SHA256_METADATA]: sha256, rows: String(files[file].rows) },
      },
      partSize: options.partSize ?? 16 * 1024 * 1024,
      queueSize: options.queueSize ?? 4,
      leavePartsOnError: false,
    });
    upload.on('httpUploadProgress', (progress) => onProgress({ file, phase: 'uploading', bytes: progress.loaded ?? 0, totalBytes }));
    await upload.done();
    const streamed = hasher.digest('hex');
    if (streamed !== sha256) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
      throw new DatasetUploadError(`${path} changed while it was uploaded (sha256 ${sha256} before, ${streamed} during): upload it again`);
    }
    uploaded.push(file);
    onProgress({ file, phase: 'uploaded', bytes: totalBytes, totalBytes });
  }

  const manifestKey = movieLensManifestKey(datasetVersion);
  const previous = await readManifest(s3, bucket, manifestKey);
  const unchanged =
    previous &&
    MOVIELENS_FILES.every(
      (file) => previous.files?.[file]?.sha256 === files[file].sha256 && previous.files[file].bytes === files[file].bytes,
    );
  const manifest: MovieLensManifest = unchanged
    ? previous
    : { dataset: 'movielens', datasetVersion, uploadedAt: new Date().toISOString(), files };
  if (!unchanged) await writeJsonObject(s3, bucket, manifestKey, manifest, { pretty: true });
  return { datasetVersion, manifest, uploaded, skipped };
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const reader = new LineReader();
    const block = reader.push(buffer.subarray(0, bytesRead)) ?? reader.end();
    return block?.lines[0] ?? '';
  } finally {
    await handle.close();
  }
}

/** sha256 and number of lines (LF count, plus a last line without LF) in one streaming pass. */
async function hashFile(path: string, onBytes: (bytes: number) => void): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  let last = 0x0a;
  let reported = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) newlines++;
    last = chunk[chunk.length - 1];
    bytes += chunk.length;
    if (bytes - reported >= 8 * 1024 * 1024) {
      onBytes(bytes);
      reported = bytes;
    }
  }
  onBytes(bytes);
  return { sha256: hash.digest('hex'), lines: newlines + (bytes > 0 && last !== 0x0a ? 1 : 0) };
}

async function headObject(s3: S3Client, bucket: string, key: string): Promise<{ size: number; sha256?: string } | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? -1, sha256: head.Metadata?.[SHA256_METADATA] };
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}

/** The version's manifest; undefined when there is none or it is not JSON (then it is written again). */
async function readManifest(s3: S3Client, bucket: string, key: string): Promise<MovieLensManifest | undefined> {
  try {
    return await readJsonObject<MovieLensManifest>(s3, bucket, key);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
