import type { Page } from '@playwright/test';
import { rateMovie } from './support/api';
import { VIEWPORTS } from './support/browser';
import { env, expect, test } from './support/fixtures';
import { expectAllReachableByTab } from './support/keyboard';

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
  {
    name: 'not found',
    path: '/no/such/page',
    ready: async (page) => void (await expect(page.getByRole('heading', { level: 1 })).toBeVisible()),
  },
];

const signedInPages: PageCheck[] = [
  {
    name: 'home (signed in)',
    path: '/',
    ready: async (page) =>
      void (await expect(page.getByRole('region', { name: 'Top picks for you' }).getByRole('listitem').first()).toBeVisible()),
  },
  {
    name: 'browse (signed in)',
    path: '/browse',
    ready: async (page) => void (await expect(page.getByRole('slider').first()).toBeVisible()),
  },
  {
    name: 'movie (signed in)',
    path: '/movie/1',
    ready: async (page) => void (await expect(page.getByRole('slider', { name: /^Your rating of Toy Story$/ })).toBeVisible()),
  },
  {
    name: 'onboarding',
    path: '/onboarding',
    ready: async (page) => void (await expect(page.getByTestId('onboarding-movie').first()).toBeVisible()),
  },
  { name: 'ratings', path: '/ratings', ready: async (page) => void (await expect(page.getByTestId('rated-movie').first()).toBeVisible()) },
];

const adminPages: PageCheck[] = [
  { name: 'admin', path: '/admin', ready: h1('Admin') },
  {
    name: 'admin pipelines',
    path: '/admin/pipelines',
    ready: async (page) => void (await expect(page.getByTestId('pipeline-run').first()).toBeVisible()),
  },
  {
    name: 'admin models',
    path: '/admin/models',
    ready: async (page) => void (await expect(page.getByTestId('model-version').first()).toBeVisible()),
  },
  {
    name: 'admin model',
    path: '/admin/models',
    ready: async (page) => {
      await page.getByTestId('active-model').getByRole('link').click();
      await h1(/^Model m\d{8}-\d{6}$/)(page);
    },
  },
];

/** A few ratings, so that My ratings and the picks have something to show. */
async function rateSome(token: string): Promise<void> {
  for (const [movieId, rating] of [
    [1, 4.5],
    [260, 5],
    [296, 4],
    [318, 4.5],
    [356, 3.5],
    [2571, 5],
  ] as const) {
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

test.describe('axe, phone (360x780)', () => {
  test.use({ signedIn: 'user', viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true });
  for (const check of signedInPages.filter((c) =>
    ['home (signed in)', 'browse (signed in)', 'movie (signed in)', 'onboarding'].includes(c.name),
  )) {
    test(`axe: ${check.name}, phone`, async ({ page, session, checkA11y }) => {
      await rateSome(session!.accessToken);
      await page.goto(check.path);
      await check.ready(page);
      await checkA11y(`${check.name}, phone`);
    });
  }
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

test.describe('keyboard, signed out', () => {
  for (const check of signedOutPages.filter((c) => c.name !== 'not found')) {
    test(`keyboard: every control of ${check.name} is reachable with Tab`, async ({ page }) => {
      await page.goto(check.path);
      await check.ready(page);
      await expectAllReachableByTab(page, check.name);
    });
  }
});

test.describe('keyboard, admin', () => {
  test.use({ signedIn: 'admin' });
  for (const check of adminPages) {
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
