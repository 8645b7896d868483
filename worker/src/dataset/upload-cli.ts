// `npm run dataset:upload -- --from <dir> --version <v>`: uploads a MovieLens folder to movielens/raw/<v>/.
// Runs under tsx (no decorator metadata), so it calls uploadDataset directly: no Nest.
import { parseEnv, s3Env } from '@reelrank/config';
import { createS3Client } from '@reelrank/storage';
import { MultiBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { uploadDataset, type UploadProgress } from './upload';

const USAGE =
  'usage: npm run dataset:upload -- [--from <dir>] [--version <name>]  (--from defaults to $MOVIELENS_DIR, --version to the folder name)';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, version: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = parseEnv('dataset:upload', { ...s3Env, MOVIELENS_DIR: z.string().min(1).optional() });
  const from = values.from ?? env.MOVIELENS_DIR;
  if (!from) throw new Error(`--from is required when MOVIELENS_DIR is not set; ${USAGE}`);

  const bars = new MultiBar(
    {
      stream: process.stderr,
      format: ' {file} {phase} [{bar}] {percentage}% | {value}/{total} MB',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  const perFile = new Map<string, ReturnType<MultiBar['create']>>();
  const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
  const onProgress = ({ file, phase, bytes, totalBytes }: UploadProgress) => {
    let bar = perFile.get(file);
    const payload = { file: `${file}.csv`.padEnd(11), phase: phase.padEnd(9) };
    if (!bar) {
      bar = bars.create(mb(totalBytes), 0, payload);
      perFile.set(file, bar);
    }
    bar.update(mb(bytes), payload);
  };
  const s3 = createS3Client(env);
  try {
    const result = await uploadDataset({ s3, bucket: env.S3_BUCKET, from, version: values.version, onProgress });
    bars.stop();
    const { files } = result.manifest;
    console.log(
      `dataset:upload: s3://${env.S3_BUCKET}/movielens/raw/${result.datasetVersion}/ — uploaded ${result.uploaded.join(', ') || 'nothing'}` +
        `${result.skipped.length ? `; unchanged (same sha256): ${result.skipped.join(', ')}` : ''}; ` +
        Object.entries(files)
          .map(([file, f]) => `${file} ${f.rows} rows`)
          .join(', '),
    );
  } finally {
    bars.stop();
    s3.destroy();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message || error.name : String(error);
  console.error(`dataset:upload: ${message.replace(/\s+/g, ' ')}`);
  process.exit(1);
});
