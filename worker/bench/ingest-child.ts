// Child process of ingest.bench.ts: imports one uploaded dataset version with the activities' code
// (MovieLensImporter) and prints one JSON line with its timings and its own peak RSS.
import { createS3Client } from '@reelrank/storage';
import { Pool } from 'pg';
import { MovieLensImporter } from '../src/import/movielens-importer';

export interface ChildReport {
  datasetVersion: string;
  ratingsStaged: number;
  prepareMs: number;
  /** movies, links and tags, one after the other. */
  stageOtherMs: number;
  stageRatingsMs: number;
  mergeMs: number;
  /** Steps the merge logs as "<step> in <n> ms". */
  mergeSteps: Record<string, number>;
  ratingsLoaded: number;
  maxRssMb: number;
}

async function main(): Promise<void> {
  const env = process.env;
  const datasetVersion = env.BENCH_VERSION!;
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
  const s3 = createS3Client({
    S3_ENDPOINT: env.S3_ENDPOINT,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID!,
    S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY!,
    S3_FORCE_PATH_STYLE: true,
  });
  const mergeSteps: Record<string, number> = {};
  const importer = new MovieLensImporter({
    pool,
    s3,
    bucket: env.S3_BUCKET!,
    log: (message) => {
      const step = /^(?:merge \d+: )?(.+?) in (\d+) ms$/.exec(message);
      if (step) mergeSteps[step[1]] = Number(step[2]);
    },
  });
  let started = performance.now();
  const prepared = await importer.prepare({ datasetVersion });
  const prepareMs = performance.now() - started;
  const file = (name: string) => prepared.files.find((f) => f.file === name)!;
  const stage = (name: string) => importer.stage({ importId: prepared.importId, datasetVersion, file: file(name) });

  started = performance.now();
  await stage('movies');
  await stage('links');
  await stage('tags');
  const stageOtherMs = performance.now() - started;

  started = performance.now();
  const ratings = await stage('ratings');
  const stageRatingsMs = performance.now() - started;

  started = performance.now();
  const result = await importer.merge({ importId: prepared.importId });
  const mergeMs = performance.now() - started;

  await pool.end();
  s3.destroy();
  const report: ChildReport = {
    datasetVersion,
    ratingsStaged: ratings.staged,
    prepareMs: Math.round(prepareMs),
    stageOtherMs: Math.round(stageOtherMs),
    stageRatingsMs: Math.round(stageRatingsMs),
    mergeMs: Math.round(mergeMs),
    mergeSteps,
    ratingsLoaded: result.files.ratings.loaded,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
