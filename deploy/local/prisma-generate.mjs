// Root postinstall: generates the Prisma client of @reelrank/prisma into prisma/src/generated/prisma.
// Works offline. `prisma generate` insists that a schema engine binary exists (and downloads one if
// not) but never runs it, so when none was downloaded we point PRISMA_SCHEMA_ENGINE_BINARY at `true`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const prismaDir = path.join(repoRoot, 'prisma');
const require = createRequire(path.join(repoRoot, 'package.json'));

function fail(message) {
  console.error(`prisma-generate: FAILED: ${message}`);
  process.exit(1);
}

/** Where the Prisma CLI looks for a downloaded schema engine. */
function schemaEngineDownloaded() {
  const dirs = [path.dirname(require.resolve('@prisma/engines/package.json')), path.dirname(require.resolve('prisma/package.json'))];
  return dirs.some((dir) => readdirSync(dir).some((name) => name.startsWith('schema-engine-')));
}

let prismaCli;
try {
  prismaCli = require.resolve('prisma/build/index.js');
} catch {
  fail('the prisma CLI is not installed (root devDependency "prisma")');
}

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !schemaEngineDownloaded()) {
  const harmless = ['/bin/true', '/usr/bin/true'].find((file) => existsSync(file));
  if (harmless) env.PRISMA_SCHEMA_ENGINE_BINARY = harmless;
}

const result = spawnSync(process.execPath, [prismaCli, 'generate', '--config', path.join(prismaDir, 'prisma.config.ts')], {
  cwd: prismaDir,
  env,
  encoding: 'utf8',
});
if (result.error) fail(result.error.message);
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  fail(`prisma generate exited with ${result.status ?? result.signal} (output above)`);
}
console.log('prisma-generate: Prisma Client generated in prisma/src/generated/prisma');
