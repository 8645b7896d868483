import type { Page } from '@playwright/test';
import { rateMovie } from './support/api';
import { env, expect, settle, test } from './support/fixtures';

/**
 * Accessibility: axe on every page (no serious or critical violations, WCAG 2.1 A/AA and best
 * practices), and every interactive control of the main pages reachable with Tab.
 */

interface PageCheck {
  name: string;
  path: string;
  /** Waits for what makes the page complete (data loaded), so axe sees the real content. */
  ready: (page: Page) => Promise<void>;
}

const h1 = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

const signedOutPages: PageCheck[] = [
  { name: 'home (signed out)', path: '/', ready: h1('Find your next favourite film.') },
  { name: 'browse', path: '/browse', ready: async (page) => void (await expect(page.getByTestId('result-count')).toHaveText(/movies/)) },
  { name: 'movie', path: '/movie/1', ready: h1(/^Toy Story/) },
  { name: 'login', path: '/login', ready: h1('Log in') },
  { name: 'signup', path: '/signup', ready: h1('Create your account') },
  { name: 'not found', path: '/no/such/page', ready: async (page) => void (await expect(page.getByRole('heading', { level: 1 })).toBeVisible()) },
];

const signedInPages: PageCheck[] = [
  { name: 'home (signed in)', path: '/', ready: async (page) => void (await expect(page.getByRole('region', { name: 'Top picks for you' }).getByRole('listitem').first()).toBeVisible()) },
  { name: 'browse (signed in)', path: '/browse', ready: async (page) => void (await expect(page.getByRole('slider').first()).toBeVisible()) },
  { name: 'movie (signed in)', path: '/movie/1', ready: async (page) => void (await expect(page.getByRole('slider', { name: /^Your rating of Toy Story/ })).toBeVisible()) },
  { name: 'onboarding', path: '/onboarding', ready: async (page) => void (await expect(page.getByTestId('onboarding-movie').first()).toBeVisible()) },
  { name: 'ratings', path: '/ratings', ready: async (page) => void (await expect(page.getByTestId('rated-movie').first()).toBeVisible()) },
];

const adminPages: PageCheck[] = [
  { name: 'admin pipelines', path: '/admin/pipelines', ready: h1(/Pipelines/i) },
  { name: 'admin models', path: '/admin/models', ready: h1(/Models/i) },
];

/** A few ratings, so that My ratings and the picks have something to show. */
async function rateSome(token: string): Promise<void> {
  for (const [movieId, rating] of [[1, 4.5], [260, 5], [296, 4], [318, 4.5], [356, 3.5], [2571, 5]] as const) {
    await rateMovie(env().baseUrl, token, movieId, rating);
  }
}

test.describe('axe, signed out', () => {
  for (const check of signedOutPages) {
    test(`axe: ${check.name}`, async ({ page, checkA11y }) => {
      await page.goto(check.path);
      await check.ready(page);
      await checkA11y(check.name);
    });
  }
});

test.describe('axe, signed in', () => {
  test.use({ signedIn: 'user' });
  for (const check of signedInPages) {
    test(`axe: ${check.name}`, async ({ page, session, checkA11y }) => {
      await rateSome(session!.accessToken);
      await page.goto(check.path);
      await check.ready(page);
      await checkA11y(check.name);
    });
  }

  test('axe: dark theme (movie and browse)', async ({ page, session, checkA11y }) => {
    await rateSome(session!.accessToken);
    await page.goto('/movie/1');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
    await h1(/^Toy Story/)(page);
    await checkA11y('movie (dark)');
    await page.goto('/browse');
    await expect(page.getByRole('slider').first()).toBeVisible();
    await checkA11y('browse (dark)');
  });
});

test.describe('axe, admin', () => {
  test.use({ signedIn: 'admin' });
  for (const check of adminPages) {
    test(`axe: ${check.name}`, async ({ page, checkA11y }) => {
      await page.goto(check.path);
      await check.ready(page);
      await checkA11y(check.name);
    });
  }
});

/**
 * Tabs through the page and checks that every visible control in the tab order (tabIndex >= 0,
 * not disabled) received focus. Composite widgets with a roving tabindex (the genre chips) count
 * as one stop, as the ARIA patterns intend; their items are reached with the arrow keys. Lists
 * that grow while tabbing (infinite scroll) make the walk longer, so it goes on until every
 * control was reached or `maxPresses`.
 */
async function expectAllReachableByTab(page: Page, what: string, maxPresses = 800): Promise<void> {
  await settle(page);
  const total = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, [tabindex], [contenteditable="true"]';
    let n = 0;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const disabled = (element as HTMLButtonElement).disabled || element.getAttribute('aria-disabled') === 'true';
      if (element.tabIndex < 0 || disabled || !element.checkVisibility({ visibilityProperty: true })) continue;
      if (element.closest('[inert]')) continue;
      element.dataset['tabTarget'] = String(n++);
    }
    const reached = new Set<string>();
    (window as unknown as { tabReached: Set<string> }).tabReached = reached;
    document.addEventListener('focusin', (event) => {
      const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-tab-target]');
      if (target) reached.add(target.dataset['tabTarget']!);
    });
    // Start from the top of the document.
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return n;
  });
  expect(total, `${what}: interactive controls found`).toBeGreaterThan(3);
  const reachedCount = () => page.evaluate(() => (window as unknown as { tabReached: Set<string> }).tabReached.size);
  for (let pressed = 0; pressed < maxPresses; pressed += 10) {
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
    if ((await reachedCount()) >= total) break;
  }
  const missed = await page.evaluate(() => {
    const reached = (window as unknown as { tabReached: Set<string> }).tabReached;
    return Array.from(document.querySelectorAll<HTMLElement>('[data-tab-target]'))
      .filter((element) => !reached.has(element.dataset['tabTarget']!))
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`);
  });
  expect(missed, `${what}: controls never reached with Tab`).toEqual([]);
}

test.describe('keyboard, signed out', () => {
  for (const check of signedOutPages.filter((c) => c.name !== 'not found')) {
    test(`keyboard: every control of ${check.name} is reachable with Tab`, async ({ page }) => {
      await page.goto(check.path);
      await check.ready(page);
      await expectAllReachableByTab(page, check.name);
    });
  }
});

test.describe('keyboard, signed in', () => {
  test.use({ signedIn: 'user' });
  // Browse signed in only adds a rating control per card: home (signed in) covers those, and the
  // infinite scroll makes that walk long.
  for (const check of signedInPages.filter((c) => c.name !== 'browse (signed in)')) {
    test(`keyboard: every control of ${check.name} is reachable with Tab`, async ({ page, session }) => {
      await rateSome(session!.accessToken);
      await page.goto(check.path);
      await check.ready(page);
      await expectAllReachableByTab(page, check.name);
    });
  }
});
