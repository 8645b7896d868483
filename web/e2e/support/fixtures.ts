import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { logIn, signUp, uniqueEmail, type Session } from './api';
import { VIEWPORTS } from './browser';
import { SCREENSHOTS_DIR } from './paths';

/** localStorage key of the web app's session (web/src/app/auth/auth-service.ts). */
export const SESSION_STORAGE_KEY = 'reelrank.session';
export const PASSWORD = 'correct-horse-battery';

export interface Env {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
}

export function env(): Env {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the suite through playwright.config.ts (its global setup starts the stack)`);
    return value;
  };
  return { baseUrl: read('E2E_BASE_URL'), adminEmail: read('E2E_ADMIN_EMAIL'), adminPassword: read('E2E_ADMIN_PASSWORD') };
}

interface Fixtures {
  /** Start the test signed in: a fresh account made through the API, or the admin. */
  signedIn: 'user' | 'admin' | false;
  /** The session the test starts with (null when signed out). */
  session: Session | null;
  /**
   * Saves `<name>-phone.png` and `<name>-desktop.png` (360x780 and 1366x900) and attaches them;
   * with `show`, that element is scrolled into view first.
   */
  snap: (name: string, show?: Locator) => Promise<void>;
  /** Fails on serious or critical axe violations of the page as it is now. */
  checkA11y: (what: string) => Promise<void>;
  /** Automatic: fails the test on any Content-Security-Policy violation the browser reports. */
  noCspViolations: void;
}

export const test = base.extend<Fixtures>({
  signedIn: [false, { option: true }],
  noCspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      });
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  // Workers inherit E2E_BASE_URL from the global setup; the config is read before it runs.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(env().baseUrl),
  session: async ({ signedIn }, use) => {
    const { baseUrl, adminEmail, adminPassword } = env();
    if (signedIn === 'admin') await use(await logIn(baseUrl, adminEmail, adminPassword));
    else if (signedIn === 'user') await use(await signUp(baseUrl, uniqueEmail('user'), PASSWORD, 'E2E Viewer'));
    else await use(null);
  },
  storageState: async ({ session, baseURL }, use) => {
    await use({
      cookies: [],
      origins: session ? [{ origin: baseURL!, localStorage: [{ name: SESSION_STORAGE_KEY, value: JSON.stringify(session) }] }] : [],
    });
  },
  snap: async ({ page }, use, testInfo) => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await use(async (name, show) => {
      const original = page.viewportSize();
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await settle(page);
        if (show) await show.scrollIntoViewIfNeeded();
        const path = join(SCREENSHOTS_DIR, `${name}-${size}.png`);
        await page.screenshot({ path, animations: 'disabled' });
        await testInfo.attach(`${name}-${size}`, { path, contentType: 'image/png' });
      }
      if (original) await page.setViewportSize(original);
    });
  },
  checkA11y: async ({ page }, use, testInfo) => {
    await use(async (what) => {
      await settle(page);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      await testInfo.attach(`axe-${what}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
      const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const summary = blocking.map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')})`,
      );
      expect(summary, `serious or critical axe violations on ${what}`).toEqual([]);
    });
  },
});

export { expect };

/** Waits until fonts are loaded, no skeleton is showing and the layout has had a frame to settle. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}
