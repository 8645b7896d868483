import type { S3Client } from '@aws-sdk/client-s3';
import { downloadFile, DownloadError } from '@reelrank/stack';
import {
  importMovieLensWorkflowId,
  movieLensImportProgressQuery,
  PIPELINE_RUNS,
  runStartOptions,
  type RunWorkflow,
  type TaskQueues,
} from '@reelrank/workflows';
import type { Client } from '@temporalio/client';
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';
import { openPromise } from 'yauzl';
import { uploadDataset } from '../../worker/src/dataset/upload';
import { repoRoot } from './local-config';

export const SEED_DATASET = 'ml-latest-small';
const GROUPLENS_URL = 'https://files.grouplens.org/datasets/movielens/ml-latest-small.zip';
const MOVIELENS_FILES = ['movies.csv', 'links.csv', 'tags.csv', 'ratings.csv', 'README.txt'];

export interface SeedOptions {
  databaseUrl: string;
  s3: S3Client;
  bucket: string;
  temporal: Client;
  taskQueues: TaskQueues;
  dataDir: string;
  /** A local MovieLens folder (MOVIELENS_DIR); otherwise ../shared, otherwise the GroupLens download. */
  movieLensDir?: string;
  log: (line: string) => void;
}

/**
 * On an empty catalog: uploads ml-latest-small to the raw zone and runs the pipeline, waiting for the
 * import so the product has a catalog when `npm start` says it is running. Later starts do nothing.
 */
export async function seedCatalogIfEmpty(options: SeedOptions): Promise<void> {
  if (!(await catalogIsEmpty(options.databaseUrl))) return;
  const from = options.movieLensDir ?? (await localOrDownloadedMovieLens({ dataDir: options.dataDir, log: options.log }));
  options.log(`seed: uploading ${from} to s3://${options.bucket}/movielens/raw/${SEED_DATASET}/`);
  await uploadDataset({ s3: options.s3, bucket: options.bucket, from, version: SEED_DATASET });

  const start = runStartOptions('pipeline', options.taskQueues, {
    datasetVersion: SEED_DATASET,
    trainingTaskQueue: options.taskQueues.training,
  });
  const { workflowId } = start;
  const pipelineRun = await options.temporal.workflow.start<RunWorkflow<'pipeline'>>(PIPELINE_RUNS.pipeline.workflowType, start);
  options.log(`seed: started ${workflowId}; waiting for the import...`);
  const importRun = options.temporal.workflow.getHandle(importMovieLensWorkflowId(SEED_DATASET));
  for (;;) {
    const description = await importRun.describe().catch(() => undefined);
    if (description && description.status.name !== 'RUNNING') {
      if (description.status.name !== 'COMPLETED')
        throw new Error(`the import ${description.status.name.toLowerCase()}: see ${workflowId} in the Temporal UI`);
      break;
    }
    const progress = description && (await importRun.query(movieLensImportProgressQuery).catch(() => undefined));
    if (progress) options.log(`seed: import ${progress.stage}, ${progress.files.ratings.rowsRead.toLocaleString('en')} ratings read`);
    await sleep(2000);
  }
  const { movies, ratings } = await catalogCounts(options.databaseUrl);
  options.log(
    `seed: catalog ready with ${movies.toLocaleString('en')} movies and ${ratings.toLocaleString('en')} ratings (${pipelineRun.workflowId} goes on in the background)`,
  );
}

export interface MovieLensSource {
  dataDir: string;
  log: (line: string) => void;
  /** The folder shared by the repository copies on this machine. */
  sharedDir?: string;
  url?: string;
}

/**
 * The ml-latest-small folder: the shared one, else one downloaded earlier into DATA_DIR, else the GroupLens
 * download (extracted into DATA_DIR). A failed download throws one line naming its cause and MOVIELENS_DIR.
 */
export async function localOrDownloadedMovieLens({
  dataDir,
  log,
  sharedDir = resolve(repoRoot, '..', 'shared', 'datasets', SEED_DATASET),
  url = GROUPLENS_URL,
}: MovieLensSource): Promise<string> {
  if (existsSync(join(sharedDir, 'ratings.csv'))) return sharedDir;
  const target = join(dataDir, 'datasets', SEED_DATASET);
  if (existsSync(join(target, 'ratings.csv'))) return target;
  log(`seed: downloading ${url}`);
  const zipFile = join(dataDir, 'downloads', `${SEED_DATASET}.zip`);
  mkdirSync(dirname(zipFile), { recursive: true, mode: 0o700 });
  try {
    await downloadFile(url, zipFile, { label: 'seed', log });
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    throw new Error(
      `Could not download ${SEED_DATASET} from ${url} (${error.reason}): set MOVIELENS_DIR to a folder holding ratings.csv and movies.csv, or SKIP_SEED=true`,
    );
  }
  await extractMovieLens(zipFile, target, url);
  return target;
}

/** Extracts the MovieLens files of the GroupLens zip into `target` (written aside, then renamed). */
async function extractMovieLens(zipFile: string, target: string, url: string): Promise<void> {
  const staging = `${target}.partial`;
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const zip = await openPromise(zipFile, { lazyEntries: true });
  await new Promise<void>((resolveAll, reject) => {
    zip.on('error', reject);
    zip.on('end', resolveAll);
    zip.on('entry', (entry) => {
      const name = entry.fileName.split('/').pop() ?? '';
      if (!MOVIELENS_FILES.includes(name)) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        pipeline(stream, createWriteStream(join(staging, name), { mode: 0o600 })).then(() => zip.readEntry(), reject);
      });
    });
    zip.readEntry();
  });
  writeFileSync(join(staging, '.source'), `${url}\n`, { mode: 0o600 });
  renameSync(staging, target);
}

async function catalogIsEmpty(databaseUrl: string): Promise<boolean> {
  return (await catalogCounts(databaseUrl)).movies === 0;
}

async function catalogCounts(databaseUrl: string): Promise<{ movies: number; ratings: number }> {
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select (select count(*) from movies)::int as movies, (select count(*) from ratings)::int as ratings',
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
