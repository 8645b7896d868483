import type { Page } from '@playwright/test';
import { graphql, uniqueEmail } from './support/api';
import { PASSWORD, expect, test } from './support/fixtures';
import { clickStars } from './support/rating';

/** Journey (a): sign up, rate about ten movies in onboarding, get picks, rate one, and the picks change. */

const picksShelf = (page: Page) => page.getByRole('region', { name: 'Top picks for you' });

/** Movie ids of the picks, in order, from the card links. */
async function pickIds(page: Page): Promise<number[]> {
  const shelf = picksShelf(page);
  await expect(shelf).toHaveAttribute('aria-busy', 'false');
  await expect(shelf.getByRole('listitem').first()).toBeVisible();
  const hrefs = await shelf
    .getByRole('listitem')
    .locator('a[href^="/movie/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return hrefs.map((href) => Number(href.split('/').pop()));
}

test('onboarding: sign up, rate ten movies (keyboard and mouse, half stars), get picks, rate a pick and the picks change', async ({
  page,
  snap,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // The page asks for as many ratings as personal picks need (the API's RECOMMENDATIONS_MIN_RATINGS).
  const { recommendationSettings } = await graphql<{ recommendationSettings: { minRatings: number } }>(
    baseURL!,
    '{ recommendationSettings { minRatings } }',
  );
  const goal = recommendationSettings.minRatings;
  // Sign up through the form.
  await page.goto('/signup');
  await page.getByRole('textbox', { name: 'Display name (optional)' }).fill('Onboarding Olivia');
  await page.getByRole('textbox', { name: 'Email' }).fill(uniqueEmail('onboarding'));
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  // A new account lands on onboarding.
  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page.getByRole('heading', { level: 1, name: "Rate movies you've seen" })).toBeVisible();
  const progress = page.getByTestId('onboarding-progress');
  await expect(progress).toHaveText(`0 of ${goal} rated`);
  const tiles = page.getByTestId('onboarding-movie');
  await expect(tiles.first()).toBeVisible();
  expect(await tiles.count()).toBeGreaterThanOrEqual(10);
  await snap('onboarding');

  // "Haven't seen it" takes a movie away.
  const skippedTitle = await tiles.first().getByRole('heading').innerText();
  await tiles
    .first()
    .getByRole('button', { name: /Haven't seen it/ })
    .click();
  await expect(tiles.filter({ has: page.getByRole('heading', { name: skippedTitle, exact: true }) })).toHaveCount(0);

  // Ten ratings: the first five by keyboard, the next five with the mouse, some in half stars.
  const keyboard = ['End', 'ArrowLeft'];
  const values = [4.5, 4, 3.5, 5, 2.5, 4.5, 3, 5, 1.5, 4];
  for (let i = 0; i < 10; i++) {
    const unrated = tiles.filter({ hasNot: page.getByText('Rated', { exact: true }) }).first();
    const title = await unrated.getByRole('heading').innerText();
    // Not through `unrated`: the tile stops matching it as soon as it is rated.
    const stars = page.getByRole('slider', { name: `Your rating of ${title}`, exact: true });
    if (i < 5) {
      await stars.focus();
      await page.keyboard.press('Home');
      // Home is half a star; each ArrowRight adds half a star.
      for (let step = 0.5; step < values[i]; step += 0.5) await page.keyboard.press('ArrowRight');
      if (i === 0) {
        for (const key of keyboard) await page.keyboard.press(key);
      }
    } else {
      await clickStars(stars, values[i]);
    }
    await expect(stars).toHaveAttribute('aria-valuenow', String(values[i]));
    await expect(progress).toHaveText(i + 1 >= goal ? `${i + 1} rated` : `${i + 1} of ${goal} rated`);
  }
  await expect(page.getByTestId('onboarding-status')).toContainText("That's enough for personal picks");
  await snap('onboarding-done');

  // Personal picks on home.
  await page.getByRole('button', { name: 'See my picks' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(picksShelf(page)).toContainText("Learned from your ratings and everyone else's.");
  const before = await pickIds(page);
  expect(before.length).toBeGreaterThanOrEqual(5);
  await snap('home-signed-in');

  // Rate the first pick (on its card, with the keyboard): it is no longer a pick, and the list changes.
  const firstCard = picksShelf(page).getByRole('listitem').first();
  const firstTitle = (await firstCard.locator('.title').innerText()).trim();
  const stars = firstCard.getByRole('slider', { name: `Your rating of ${firstTitle}` });
  await stars.focus();
  await page.keyboard.press('End');
  await expect(stars).toHaveAttribute('aria-valuenow', '5');
  // Saved once the control settles; then the picks are asked for afresh.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My ratings' }).click();
  await expect(page.getByTestId('ratings-count')).toHaveText('11 movies rated');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect.poll(() => pickIds(page)).not.toEqual(before);
  const after = await pickIds(page);
  expect(after).not.toContain(before[0]);
});
