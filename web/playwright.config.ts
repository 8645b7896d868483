import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORTS } from './e2e/support/browser';
import { ARTIFACTS_DIR } from './e2e/support/paths';

/**
 * End-to-end tests in Debian's Chromium against the real stack: `e2e/global-setup.ts` starts
 * `deploy/local/start.ts` (PostgreSQL, Temporal, MinIO, worker, API serving the production web app)
 * on free ports in a temp DATA_DIR, seeds ml-latest-small, waits for the first model, and stops it
 * all after the run. Screenshots, traces and the HTML report go to e2e-artifacts/ (git-ignored).
 */
export default defineConfig({
  testDir: './e2e',
  // Not *.spec.ts: the Vitest unit-test builder collects those anywhere under web/.
  testMatch: '**/*.e2e.ts',
  outputDir: join(ARTIFACTS_DIR, 'test-results'),
  globalSetup: './e2e/global-setup.ts',
  // Most of the time goes into starting and seeding the stack (global setup, not counted here).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalTimeout: 40 * 60_000,
  fullyParallel: false,
  // Two workers: the journeys use their own accounts, and the machine also runs the stack.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list'], ['html', { outputFolder: join(ARTIFACTS_DIR, 'report'), open: 'never' }], ['./e2e/support/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    viewport: VIEWPORTS.desktop,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  },
});
