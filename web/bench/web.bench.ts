/**
 * `npm run bench:web`: builds the production web app, starts the local stack (the API serving that
 * build, the catalog seeded with ml-latest-small, as the e2e suite does) and measures in headless
 * Chromium:
 *
 * - initial JavaScript: the sum of the gzip sizes (zlib level 6, what a compressing server sends)
 *   of every script loaded on the first, cold navigation of `/` at 1366x900 until the network is
 *   idle: the entry bundles and modulepreloads plus the lazy chunks the home page needs at once.
 *   Budget: 150 kB.
 * - Largest Contentful Paint of `/`: median of cold loads (fresh browser context each, after one
 *   warm-up load of the server), on desktop (1366x900) and phone (360x780, 2x, touch), with no
 *   network or CPU throttling. Budget: 1.5 s for each.
 *
 * Prints both figures with their budgets and a final JSON line; exits with 1 when over a budget.
 * BENCH_URL measures a stack that is already running (it must serve web/dist) instead of starting one;
 * BENCH_RUNS sets the number of measured loads per viewport (default 5).
 */
import { chromium, type Browser, type BrowserContextOptions } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORTS } from '../e2e/support/browser';
import { ARTIFACTS_DIR } from '../e2e/support/paths';
import { repoRoot, startStack, type RunningStack } from '../e2e/support/stack';

const JS_BUDGET_KB = 150;
const LCP_BUDGET_MS = 1500;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

const PROFILES: Record<'desktop' | 'phone', BrowserContextOptions> = {
  desktop: { viewport: VIEWPORTS.desktop },
  phone: { viewport: VIEWPORTS.phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

interface Script {
  url: string;
  raw: number;
  gzip: number;
  initial: boolean;
}

const kB = (bytes: number) => bytes / 1000;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

function buildWeb(): Promise<number> {
  const startedAt = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [require.resolve('@angular/cli/bin/ng.js', { paths: [repoRoot] }), 'build', '--configuration', 'production'],
      {
        cwd: resolve(repoRoot, 'web'),
        env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done((Date.now() - startedAt) / 1000) : fail(new Error(`ng build failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

/** Scripts of the first cold navigation of `/`; `initial` marks those index.html asks for. */
async function initialScripts(browser: Browser, baseUrl: string): Promise<Script[]> {
  const context = await browser.newContext(PROFILES.desktop);
  const page = await context.newPage();
  const pending: Promise<Script | null>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response
        .body()
        .then((body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 6 }).length, initial: false }))
        .catch(() => null),
    );
  });
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
  const fromIndex = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[rel="modulepreload"]')].map(
      (el) => new URL(el instanceof HTMLScriptElement ? el.src : el.href, location.href).href,
    ),
  );
  await context.close();
  const scripts = (await Promise.all(pending)).filter((script): script is Script => script !== null);
  return scripts.map((script) => ({ ...script, initial: fromIndex.includes(script.url) }));
}

interface Lcp {
  ms: number;
  element: string;
}

async function largestContentfulPaint(browser: Browser, baseUrl: string, profile: BrowserContextOptions): Promise<Lcp> {
  const context = await browser.newContext(profile);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
  const lcp = await page.evaluate(
    () =>
      new Promise<{ ms: number; element: string }>((done) => {
        let last: (PerformanceEntry & { element?: Element | null; size?: number }) | undefined;
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          last = entries[entries.length - 1] as typeof last;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        // Entries are buffered: give the observer a moment to deliver them, then report the latest.
        setTimeout(() => {
          const element = last?.element;
          const text = element?.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40);
          done({
            ms: last?.startTime ?? Number.NaN,
            element: element
              ? `${element.tagName.toLowerCase()}${element.className ? '.' + String(element.className).split(' ')[0] : ''}${text ? ` "${text}"` : ''}`
              : '(none)',
          });
        }, 300);
      }),
  );
  await context.close();
  return lcp;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(): Promise<void> {
  console.log('bench:web: building the production web app...');
  const buildSeconds = await buildWeb();
  console.log(`bench:web: built in ${fmt(buildSeconds)} s`);

  let stack: RunningStack | undefined;
  let baseUrl = process.env['BENCH_URL']?.replace(/\/$/, '');
  if (!baseUrl) {
    stack = await startStack({
      logFile: join(ARTIFACTS_DIR, 'bench-stack.log'),
      waitForModel: true,
      log: (line) => console.log(`bench:web: ${line}`),
    });
    baseUrl = stack.baseUrl;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const scripts = await initialScripts(browser, baseUrl);
    if (!scripts.length) throw new Error(`No scripts loaded from ${baseUrl}/: is the web app served there?`);
    const sum = (list: Script[], key: 'raw' | 'gzip') => kB(list.reduce((total, script) => total + script[key], 0));
    const entry = scripts.filter((script) => script.initial);
    const jsGzip = sum(scripts, 'gzip');

    console.log(`\nInitial JavaScript of / (first cold navigation, 1366x900, until network idle): ${scripts.length} scripts`);
    for (const script of [...scripts].sort((a, b) => b.gzip - a.gzip)) {
      console.log(
        `  ${new URL(script.url).pathname.padEnd(28)} ${fmt(kB(script.raw)).padStart(7)} kB raw ${fmt(kB(script.gzip)).padStart(6)} kB gzip${script.initial ? '  (index.html)' : ''}`,
      );
    }
    console.log(
      `  index.html's bundles and preloads: ${fmt(sum(entry, 'raw'))} kB raw, ${fmt(sum(entry, 'gzip'))} kB gzip; lazy chunks of the home page: ${fmt(sum(scripts, 'gzip') - sum(entry, 'gzip'))} kB gzip`,
    );

    // One load to warm the server (first queries, file cache) before measuring.
    await largestContentfulPaint(browser, baseUrl, PROFILES.desktop);
    const lcp: Record<string, { median: number; max: number; element: string }> = {};
    for (const [name, profile] of Object.entries(PROFILES)) {
      const runs: Lcp[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await largestContentfulPaint(browser, baseUrl, profile));
      const values = runs.map((run) => run.ms);
      if (values.some((value) => Number.isNaN(value))) throw new Error(`No largest-contentful-paint entry on ${name}`);
      lcp[name] = { median: median(values), max: Math.max(...values), element: runs[runs.length - 1].element };
    }

    const jsOk = jsGzip <= JS_BUDGET_KB;
    const lcpOk = Object.values(lcp).every((result) => result.median <= LCP_BUDGET_MS);
    console.log('');
    console.log(`Initial JavaScript (gzip): ${fmt(jsGzip)} kB (budget ≤ ${JS_BUDGET_KB} kB) ${jsOk ? 'OK' : 'OVER BUDGET'}`);
    for (const [name, result] of Object.entries(lcp)) {
      console.log(
        `Largest Contentful Paint, ${name}: ${Math.round(result.median)} ms median of ${RUNS}, max ${Math.round(result.max)} ms (budget ≤ ${LCP_BUDGET_MS} ms) ${result.median <= LCP_BUDGET_MS ? 'OK' : 'OVER BUDGET'}; element ${result.element}`,
      );
    }
    console.log(
      JSON.stringify({
        bench: 'web',
        initialJsGzipKb: Number(fmt(jsGzip)),
        initialJsRawKb: Number(fmt(sum(scripts, 'raw'))),
        entryJsGzipKb: Number(fmt(sum(entry, 'gzip'))),
        scripts: scripts.length,
        jsBudgetKb: JS_BUDGET_KB,
        lcpDesktopMs: Math.round(lcp['desktop'].median),
        lcpPhoneMs: Math.round(lcp['phone'].median),
        lcpBudgetMs: LCP_BUDGET_MS,
        runs: RUNS,
        buildSeconds: Number(fmt(buildSeconds)),
        withinBudget: jsOk && lcpOk,
      }),
    );
    process.exitCode = jsOk && lcpOk ? 0 : 1;
  } finally {
    await browser.close();
    if (stack) await stack.stop();
  }
}

main().catch((error: Error) => {
  console.error(`bench:web failed: ${error.message}`);
  process.exit(1);
});
