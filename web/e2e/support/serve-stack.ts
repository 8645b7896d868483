/**
 * `npx tsx web/e2e/support/serve-stack.ts`: starts the stack the e2e suite uses and keeps it running,
 * printing the E2E_* variables that run the suite against it (`E2E_BASE_URL=... npx playwright test`),
 * which saves the start-up while writing tests. Ctrl-C stops it.
 */
import { join } from 'node:path';
import { ARTIFACTS_DIR } from './paths';
import { startStack } from './stack';

async function main(): Promise<void> {
  const stack = await startStack({ logFile: join(ARTIFACTS_DIR, 'serve-stack.log'), waitForModel: true });
  console.log(
    `\nexport E2E_BASE_URL=${stack.baseUrl} E2E_ADMIN_EMAIL=${stack.adminEmail} E2E_ADMIN_PASSWORD=${stack.adminPassword} E2E_S3_ENDPOINT=${stack.s3.endpoint} E2E_S3_ACCESS_KEY_ID=${stack.s3.accessKeyId} E2E_S3_SECRET_ACCESS_KEY=${stack.s3.secretAccessKey}`,
  );
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('stopping...');
      void stack.stop().then(() => process.exit(0));
    });
  }
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
