// `npm run dataset:generate -- --out <dir> (--ratings <N> | --preset <name>) [--users U] [--movies M] [--seed S] [--rank R] [--noise σ]`:
// writes a synthetic MovieLens folder with planted taste (and planted.json, its hidden model's figures), streamed
// to disk. Plain tsx, no Nest. A bad option: one line naming it and its range, exit code 2, nothing written.
import { parseArgs } from 'node:util';
import { generateDataset, GenerateOptionError, PRESETS } from './generate';

const USAGE =
  'usage: npm run dataset:generate -- --out <dir> (--ratings <N> | --preset <' +
  Object.keys(PRESETS).join('|') +
  '>) [--users <U>] [--movies <M>] [--seed <S>] [--rank <R>] [--noise <σ>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      preset: { type: 'string' },
      ratings: { type: 'string' },
      users: { type: 'string' },
      movies: { type: 'string' },
      seed: { type: 'string' },
      rank: { type: 'string' },
      noise: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  const started = Date.now();
  let lastReport = 0;
  const result = await generateDataset({
    out: values.out ?? '',
    preset: values.preset,
    ratings: values.ratings,
    users: values.users,
    movies: values.movies,
    seed: values.seed,
    rank: values.rank,
    noise: values.noise,
    onProgress: (written) => {
      if (process.stderr.isTTY && Date.now() - lastReport > 500) {
        lastReport = Date.now();
        process.stderr.write(`\rdataset:generate: ${written.toLocaleString('en-US')} ratings written`);
      }
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const { noiseFloor } = result.manifest;
  console.log(
    `dataset:generate: ${result.out}: ${result.ratings} ratings (${mb(result.bytes.ratings)}), ${result.users} users, ${result.movies} movies, ` +
      `${result.tags} tags in ${((Date.now() - started) / 1000).toFixed(1)} s; planted rank ${result.rank}, noise ${result.noise}, ` +
      `noise floor RMSE ${noiseFloor.rmse.toFixed(4)} (planted.json)`,
  );
}

main().catch((error: unknown) => {
  const badInput = error instanceof GenerateOptionError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  const message = error instanceof Error ? error.message : String(error);
  // One line: parseArgs explains some mistakes over several.
  console.error(`dataset:generate: ${badInput ? message.replace(/\s*\n\s*/g, ' ') : message}`);
  process.exit(badInput ? 2 : 1);
});
