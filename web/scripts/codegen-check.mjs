// Regenerates the GraphQL types into a temp file and fails when the committed file is stale.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/app/graphql/generated.ts';
const dir = mkdtempSync(join(tmpdir(), 'reelrank-codegen-'));
const fresh = join(dir, 'generated.ts');
try {
  const run = spawnSync('graphql-codegen --config codegen.ts --silent', {
    stdio: 'inherit',
    shell: true,
    env: { ...process.env, CODEGEN_OUTPUT: fresh },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} is out of date: run \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${committed} is up to date.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
