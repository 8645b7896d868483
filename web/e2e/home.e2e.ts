import { expect, test } from './support/fixtures';

/** The home page for a visitor: hero, catalog shelves, system status, and the ways in. */

test('home (signed out): shelves of the catalog, live system status, and the way to sign up', async ({ page, snap }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Find your next favourite film.' })).toBeVisible();
  const popular = page.getByRole('region', { name: 'Popular now' });
  await expect(popular.getByRole('listitem').first()).toBeVisible();
  // ml-latest-small's most rated movie.
  await expect(popular.getByRole('listitem').first()).toContainText('Forrest Gump');
  // "Top rated" is below the fold and loads as it scrolls into view.
  await page.locator('.shelf-placeholder').first().scrollIntoViewIfNeeded();
  await expect(page.getByRole('region', { name: 'Top rated' }).getByRole('listitem').first()).toBeVisible();
  // No picks without an account.
  await expect(page.getByRole('region', { name: 'Top picks for you' })).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap('home');

  // The status card (deferred until scrolled to) reports every service up.
  await page.locator('.status-placeholder').scrollIntoViewIfNeeded();
  await page.getByRole('heading', { name: 'System status' }).scrollIntoViewIfNeeded();
  await expect(page.getByText('All systems operational')).toBeVisible();
  await expect(page.getByTestId('health-service')).toHaveCount(3);

  // "See all" of a shelf browses in that order.
  await popular.getByRole('link', { name: /See all/ }).click();
  await expect(page).toHaveURL(/\/browse/);
  await expect(page.getByRole('heading', { level: 1, name: 'Browse movies' })).toBeVisible();

  await page.goto('/');
  await page.getByRole('link', { name: 'Create a free account' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
});
