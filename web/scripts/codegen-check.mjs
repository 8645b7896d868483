// Regenerates the GraphQL modules into a temp folder and fails when a committed one is stale.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committedDir = 'src/app/graphql';
const dir = mkdtempSync(join(tmpdir(), 'reelrank-codegen-'));
try {
  const run = spawnSync('graphql-codegen --config codegen.ts --silent', {
    stdio: 'inherit',
    shell: true,
    env: { ...process.env, CODEGEN_OUTPUT_DIR: dir },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const files = readdirSync(dir).sort();
  const committed = readdirSync(committedDir)
    .filter((file) => file.endsWith('generated.ts'))
    .sort();
  if (JSON.stringify(files) !== JSON.stringify(committed)) {
    console.error(
      `${committedDir} has ${committed.join(', ')} but codegen writes ${files.join(', ')}: run \`npm run codegen\` and commit the result.`,
    );
    process.exit(1);
  }
  for (const file of files) {
    if (readFileSync(join(dir, file), 'utf8') !== readFileSync(join(committedDir, file), 'utf8')) {
      console.error(`${committedDir}/${file} is out of date: run \`npm run codegen\` and commit the result.`);
      process.exit(1);
    }
  }
  console.log(`${committed.map((file) => `${committedDir}/${file}`).join(' and ')} are up to date.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
