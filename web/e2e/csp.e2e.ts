import { expect, test } from './support/fixtures';

/**
 * The app works under the Content-Security-Policy the API and nginx send: every page renders, styled,
 * and (as in every test, see the noCspViolations fixture) the browser reports no violation.
 */
for (const [path, heading] of [
  ['/', 'Find your next favourite film.'],
  ['/browse', 'Browse movies'],
  ['/login', 'Log in'],
  ['/signup', 'Create your account'],
] as const) {
  test(`${path} loads under the Content-Security-Policy`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // The global stylesheet applied (not blocked): it sets the body's margin to 0.
    expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
  });
}
