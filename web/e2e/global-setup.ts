import type { FullConfig } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM } from './support/browser';
import { ARTIFACTS_DIR } from './support/paths';
import { startStack } from './support/stack';

/**
 * Starts the real stack for the whole run (see support/stack.ts) and publishes its URL and admin
 * account to the workers through E2E_* variables; the returned function is the teardown.
 *
 * E2E_BASE_URL (with E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD, and E2E_S3_ENDPOINT, E2E_S3_ACCESS_KEY_ID and E2E_S3_SECRET_ACCESS_KEY for the journeys that upload a
 * dataset) runs the suite against a stack that is already running instead, e.g. while writing tests; it is neither
 * started nor stopped then.
 */
export default async function globalSetup(_config: FullConfig): Promise<(() => Promise<void>) | void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  if (process.env['E2E_BASE_URL']) {
    for (const name of ['E2E_ADMIN_EMAIL', 'E2E_ADMIN_PASSWORD']) {
      if (!process.env[name]) throw new Error(`E2E_BASE_URL is set, so ${name} must be too`);
    }
    console.log(`e2e: using the stack at ${process.env['E2E_BASE_URL']}`);
    return;
  }
  const stack = await startStack({ logFile: join(ARTIFACTS_DIR, 'stack.log'), waitForModel: true, log: (line) => console.log(line) });
  Object.assign(process.env, {
    E2E_BASE_URL: stack.baseUrl,
    E2E_ADMIN_EMAIL: stack.adminEmail,
    E2E_ADMIN_PASSWORD: stack.adminPassword,
    E2E_S3_ENDPOINT: stack.s3.endpoint,
    E2E_S3_ACCESS_KEY_ID: stack.s3.accessKeyId,
    E2E_S3_SECRET_ACCESS_KEY: stack.s3.secretAccessKey,
  });
  return async () => {
    console.log('stack: stopping (SIGINT)...');
    const startedAt = Date.now();
    await stack.stop({ keepLogsIn: join(ARTIFACTS_DIR, 'stack-logs') });
    console.log(`stack: stopped in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  };
}
