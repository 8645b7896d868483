import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { TestApi } from './support/test-api';

/** Debian's Chromium (`apt-get install -y chromium`), as the web e2e suite uses it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** GraphiQL in the browser, served whole by the API: it works without access to any other origin. */
describe('GraphiQL offline', () => {
  let api: TestApi;
  let origin: string;

  beforeAll(async () => {
    api = await TestApi.start({ GRAPHIQL: 'true' });
    await api.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('serves the page, and every script and style it references, from the API itself under a self-only policy', async () => {
    const server = api.app.getHttpServer();
    const page = await request(server).get('/graphql').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>GraphiQL</title>');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/unpkg|https:\/\/(?!image\.tmdb\.org)/);
    // No inline script: every <script> has a src.
    expect(page.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    const assets = [...page.text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const url = new URL(asset, `${origin}/graphql`);
      expect({ asset, origin: url.origin }).toEqual({ asset, origin });
      const response = await request(server).get(url.pathname);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      expect(response.headers['content-type']).toMatch(/^(text\/css|application\/javascript|text\/javascript)/);
      expect(response.headers['cache-control']).toContain('max-age=');
    }
    expect((await request(server).get('/graphql/graphiql/unknown.js')).status).toBe(404);
  });

  it('renders its editor and runs a query in Chromium with every other origin blocked, without CSP violations', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM });
      const context = await browser.newContext();
      const blocked: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        blocked.push(url);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.addInitScript({
        content:
          "document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));",
      });
      await page.goto(`${origin}/graphql`);
      const editor = page.locator('.graphiql-query-editor .CodeMirror');
      await editor.waitFor({ timeout: 15_000 });
      await page.evaluate("document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ __typename }')");
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.graphiql-response').getByText('"Query"').waitFor({ timeout: 15_000 });
      expect(blocked).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 60_000);
});
