import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DMMF } from '@prisma/client/runtime/client';

export const schemaPath = path.resolve(__dirname, '../../schema.prisma');
const dmmfGenerator = path.join(__dirname, 'dmmf-generator.cjs');

/**
 * Parses a Prisma schema with Prisma's own engine: runs `prisma generate` on a copy of it, with only
 * an extra generator (dmmf-generator.cjs) that receives the DMMF and writes its datamodel to JSON.
 */
export function loadDatamodel(schemaFile: string = schemaPath): DMMF.Datamodel {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'reelrank-dmmf-'));
  try {
    const output = path.join(workDir, 'datamodel.json');
    copyFileSync(schemaFile, path.join(workDir, 'schema.prisma'));
    writeFileSync(
      path.join(workDir, 'dmmf.prisma'),
      `generator dmmf {\n  provider = ${JSON.stringify(`node "${dmmfGenerator}"`)}\n  output   = ${JSON.stringify(output)}\n}\n`,
    );
    execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--schema', workDir, '--generator', 'dmmf'], {
      cwd: workDir,
      // The offline CLI only checks that a schema engine binary exists; `generate` never runs it.
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true' },
      stdio: 'pipe',
    });
    return JSON.parse(readFileSync(output, 'utf8')) as DMMF.Datamodel;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
