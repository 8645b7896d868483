// `npm run dataset:generate -- --out <dir> --ratings <N> [--users U --movies M --seed S]`:
// writes a synthetic MovieLens-shaped folder of any size (streamed to disk). Plain tsx, no Nest.
import { parseArgs } from 'node:util';
import { generateDataset } from './generate';

const USAGE = 'usage: npm run dataset:generate -- --out <dir> --ratings <N> [--users <U>] [--movies <M>] [--seed <S>]';

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`--${name} must be a positive integer (got ${JSON.stringify(value)}); ${USAGE}`);
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      ratings: { type: 'string' },
      users: { type: 'string' },
      movies: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  if (!values.out || !values.ratings) throw new Error(`--out and --ratings are required; ${USAGE}`);
  const started = Date.now();
  const total = count('ratings', values.ratings)!;
  let lastReport = 0;
  const result = await generateDataset({
    out: values.out,
    ratings: total,
    users: count('users', values.users),
    movies: count('movies', values.movies),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    onProgress: (written) => {
      if (process.stderr.isTTY && Date.now() - lastReport > 500) {
        lastReport = Date.now();
        process.stderr.write(`\rdataset:generate: ${Math.round((written / total) * 100)}% of ${total} ratings`);
      }
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(
    `dataset:generate: ${result.out}: ${result.ratings} ratings (${mb(result.bytes.ratings)}), ${result.users} users, ${result.movies} movies, ` +
      `${result.tags} tags in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(`dataset:generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
