import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Journey (b): search and filter the catalog; the URL holds every filter. */

const resultCount = (page: Page) => page.getByTestId('result-count');
const results = (page: Page) => page.getByRole('region', { name: 'Results' }).getByRole('listitem');
const genre = (page: Page, name: string) => page.getByRole('listbox', { name: 'Genres' }).getByRole('option', { name, exact: true });

/** The number in "9,742 movies" (waits until the count shows). */
async function count(page: Page): Promise<number> {
  await expect(resultCount(page)).toHaveText(/\d+ movies?/);
  return Number((await resultCount(page).innerText()).match(/([\d,]+) movies?/)![1].replace(/,/g, ''));
}

/** Years shown on the first result cards. */
async function years(cards: Locator, first = 8): Promise<number[]> {
  const texts = await cards.locator('.meta').allInnerTexts();
  return texts.slice(0, first).map((text) => Number(text.match(/\b(1[89]\d\d|20\d\d)\b/)?.[1]));
}

test('browse: search, genres, years and sort live in the URL and survive a reload', async ({ page, snap }) => {
  await page.goto('/browse');
  await expect(page.getByRole('heading', { level: 1, name: 'Browse movies' })).toBeVisible();
  const everything = await count(page);
  // ml-latest-small: 9,742 movies.
  expect(everything).toBeGreaterThan(9000);
  await expect(results(page).first()).toBeVisible();
  await snap('browse');

  // Search (typo-tolerant, debounced into ?q=).
  const search = page.getByRole('searchbox', { name: 'Search titles and tags' });
  await search.fill('toy story');
  await expect(page).toHaveURL(/[?&]q=toy(%20|\+)story/);
  await expect(resultCount(page)).toContainText('for “toy story”');
  await expect(
    results(page)
      .getByRole('link', { name: /^Toy Story/ })
      .first(),
  ).toBeVisible();
  expect(await count(page)).toBeLessThan(100);

  // Clearing the search drops ?q=.
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect.poll(() => count(page)).toBe(everything);

  // Genres: every selected genre must hold (AND).
  await genre(page, 'Horror').click();
  await expect(page).toHaveURL(/[?&]genre=Horror/);
  await expect(genre(page, 'Horror')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => count(page)).toBeLessThan(everything);
  const horror = await count(page);
  await genre(page, 'Sci-Fi').click();
  await expect(page).toHaveURL(/genre=Horror&genre=Sci-Fi/);
  await expect.poll(() => count(page)).toBeLessThan(horror);
  const horrorSciFi = await count(page);
  expect(horrorSciFi).toBeGreaterThan(0);

  // Release years.
  await page.getByRole('spinbutton', { name: 'From year' }).fill('1980');
  await page.getByRole('spinbutton', { name: 'To year' }).fill('1989');
  await expect(page).toHaveURL(/[?&]from=1980/);
  await expect(page).toHaveURL(/[?&]to=1989/);
  await expect.poll(() => count(page)).toBeLessThan(horrorSciFi);
  for (const year of await years(results(page))) {
    expect(year).toBeGreaterThanOrEqual(1980);
    expect(year).toBeLessThanOrEqual(1989);
  }

  // Sort.
  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: 'Title A–Z' }).click();
  await expect(page).toHaveURL(/[?&]sort=title/);
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toContainText('Title A–Z');
  await expect(results(page).first()).toBeVisible();
  const titles = await results(page).locator('.title').allInnerTexts();
  const sorted = [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  expect(titles.slice(0, 5).map((t) => t[0].toUpperCase())).toEqual(sorted.slice(0, 5).map((t) => t[0].toUpperCase()));
  const filtered = await count(page);
  const url = page.url();

  // The URL alone restores the page (reload, shared link).
  await page.reload();
  await expect.poll(() => count(page)).toBe(filtered);
  await expect(genre(page, 'Horror')).toHaveAttribute('aria-selected', 'true');
  await expect(genre(page, 'Sci-Fi')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('spinbutton', { name: 'From year' })).toHaveValue('1980');
  await expect(page.getByRole('spinbutton', { name: 'To year' })).toHaveValue('1989');
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toContainText('Title A–Z');
  await snap('browse-filtered');

  // Clear filters keeps the chosen order, drops the rest.
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL(/\/browse\?sort=title$/);
  await expect.poll(() => count(page)).toBe(everything);

  // Back goes to the filtered state again.
  await page.goBack();
  await expect(page).toHaveURL(url);
  await expect.poll(() => count(page)).toBe(filtered);
});

test('browse: a shared link with filters, a search without matches, and invalid parameters', async ({ page }) => {
  await page.goto('/browse?q=alien&genre=Sci-Fi&sort=year');
  await expect(page.getByRole('searchbox', { name: 'Search titles and tags' })).toHaveValue('alien');
  await expect(genre(page, 'Sci-Fi')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toContainText('Newest first');
  await expect(results(page).getByRole('link', { name: /Alien/ }).first()).toBeVisible();
  const yearsShown = (await years(results(page))).filter((year) => !Number.isNaN(year));
  expect(yearsShown).toEqual([...yearsShown].sort((a, b) => b - a));

  await page.goto('/browse?q=qqxxzzjjvvkkww');
  await expect(page.getByRole('heading', { name: 'No movies match' })).toBeVisible();
  await page.getByTestId('empty-state').getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/browse$/);
  await expect(results(page).first()).toBeVisible();

  // Hand-edited nonsense is dropped instead of breaking the page.
  await page.goto('/browse?from=abc&to=99999&sort=sideways');
  await expect(resultCount(page)).toHaveText(/\d[\d,]* movies/);
  await expect(page.getByRole('spinbutton', { name: 'From year' })).toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toContainText('Most popular');
});
