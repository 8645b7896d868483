import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { graphql } from './api';
import { repoRoot } from './stack';

/** A MovieLens folder made of `files` (name → content) in a temporary directory. */
export function writeDataset(files: Record<'movies' | 'links' | 'tags' | 'ratings', string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'reelrank-e2e-dataset-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), content);
  return dir;
}

/** `npm run dataset:upload -- --from <dir> --version <version>` against the stack's MinIO (E2E_S3_* of the global setup). */
export async function uploadDataset(dir: string, version: string): Promise<void> {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: the global setup's stack sets it; set it too when E2E_BASE_URL names a running stack`);
    return value;
  };
  const s3 = {
    S3_ENDPOINT: read('E2E_S3_ENDPOINT'),
    S3_ACCESS_KEY_ID: read('E2E_S3_ACCESS_KEY_ID'),
    S3_SECRET_ACCESS_KEY: read('E2E_S3_SECRET_ACCESS_KEY'),
  };
  await promisify(execFile)(
    process.execPath,
    [require.resolve('tsx/cli', { paths: [repoRoot] }), 'worker/src/dataset/upload-cli.ts', '--from', dir, '--version', version],
    { cwd: repoRoot, env: { ...process.env, ...s3 } },
  );
}

/** Starts the import of `version` through the API and waits until it has closed; returns its status. */
export async function importDataset(baseUrl: string, token: string, version: string): Promise<string> {
  const { startImport } = await graphql<{ startImport: { workflowId: string } }>(
    baseUrl,
    'mutation StartImport($version: String!) { startImport(datasetVersion: $version) { workflowId } }',
    { version },
    token,
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { pipelineRun } = await graphql<{ pipelineRun: { status: string } }>(
      baseUrl,
      'query RunStatus($id: String!) { pipelineRun(workflowId: $id) { status } }',
      { id: startImport.workflowId },
      token,
    );
    if (pipelineRun.status !== 'RUNNING') return pipelineRun.status;
    if (Date.now() > deadline) throw new Error(`${startImport.workflowId} still runs after 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
