import { resolve } from 'node:path';

export const WEB_DIR = resolve(__dirname, '..', '..');
/** Screenshots, traces, reports and stack logs of e2e runs (git-ignored). */
export const ARTIFACTS_DIR = resolve(WEB_DIR, 'e2e-artifacts');
export const SCREENSHOTS_DIR = resolve(ARTIFACTS_DIR, 'screenshots');
