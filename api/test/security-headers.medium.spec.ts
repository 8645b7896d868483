import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { TestApi } from './support/test-api';

/** Security headers every response of the API carries, whatever it is (GraphQL, the web app, an error). */
const EXPECTED_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

/** The policy's directives by name. */
const csp = (response: Response): Record<string, string[]> =>
  Object.fromEntries(
    String(response.headers['content-security-policy'] ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );

function expectSecurityHeaders(response: Response): void {
  expect(response.headers).toMatchObject(EXPECTED_HEADERS);
  expect(response.headers).not.toHaveProperty('x-powered-by');
  expect(csp(response)).toMatchObject({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'https://image.tmdb.org'],
  });
}

describe('security headers', () => {
  let api: TestApi;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'reelrank-web-'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><title>Reelrank</title><rr-root></rr-root><script src="main-ABCDEFGH.js"></script>',
    );
    writeFileSync(join(webDir, 'main-ABCDEFGH.js'), 'console.log("app");');
    api = await TestApi.start({ WEB_DIST_DIR: webDir });
  });

  afterAll(async () => {
    await api?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const http = () => request(api.app.getHttpServer());

  it('on GraphQL responses, errors included', async () => {
    const ok = await http().post('/graphql').set('Content-Type', 'application/json').send({ query: '{ health { ok } }' });
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok);
    const invalid = await http().post('/graphql').set('Content-Type', 'application/json').send({ query: '{ nope }' });
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid);
  });

  it('on the web app: its page, its scripts, client-side routes and missing files', async () => {
    for (const path of ['/', '/main-ABCDEFGH.js', '/browse', '/no-such-file.js']) {
      const response = await http().get(path);
      expectSecurityHeaders(response);
    }
    const page = await http().get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<rr-root>');
  });

  it("GraphiQL's page (when enabled) and its files have the strict policy too", async () => {
    const withGraphiql = await TestApi.start({ GRAPHIQL: 'true' }, api.database);
    try {
      const page = await request(withGraphiql.app.getHttpServer()).get('/graphql').set('Accept', 'text/html');
      expect(page.text).toContain('<title>GraphiQL</title>');
      expectSecurityHeaders(page);
      expectSecurityHeaders(await request(withGraphiql.app.getHttpServer()).get('/graphql/graphiql/graphiql.min.js'));
      const query = await request(withGraphiql.app.getHttpServer())
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({ query: '{ health { ok } }' });
      expectSecurityHeaders(query);
    } finally {
      await withGraphiql.close();
    }
  });
});
