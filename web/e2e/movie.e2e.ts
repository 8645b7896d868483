import type { Page } from '@playwright/test';
import { graphql } from './support/api';
import { env, expect, test } from './support/fixtures';
import { clickStars } from './support/rating';

/** Journey (c): a movie's page: details, rating it, and similar movies. */

const TOY_STORY = 1;

const slider = (page: Page, title: RegExp | string) => page.getByRole('slider', { name: title });

/** The signed-in user's stored rating, straight from the API. */
async function storedRating(token: string, movieId: number): Promise<number | null> {
  const data = await graphql<{ movie: { myRating: number | null } }>(
    env().baseUrl,
    'query ($id: Int!) { movie(id: $id) { myRating } }',
    { id: movieId },
    token,
  );
  return data.movie.myRating;
}

test.describe('signed out', () => {
  test('movie page: details, community rating, genres, and a way to log in to rate', async ({ page, snap }) => {
    await page.goto(`/movie/${TOY_STORY}`);
    await expect(page.getByRole('heading', { level: 1, name: /^Toy Story/ })).toBeVisible();
    await expect(page).toHaveTitle(/Toy Story.*· Reelrank/);

    const community = page.getByTestId('community');
    await expect(community).toContainText(/\d\.\d/);
    await expect(community).toContainText(/from [\d,]+ ratings/);
    const genres = page.getByRole('list', { name: 'Genres' });
    await expect(genres.getByRole('link', { name: 'Animation' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Log in to rate/ })).toBeVisible();
    await snap('movie');

    // A genre link browses that genre.
    await genres.getByRole('link', { name: 'Animation' }).click();
    await expect(page).toHaveURL(/\/browse\?genre=Animation$/);
    await expect(page.getByRole('listbox', { name: 'Genres' }).getByRole('option', { name: 'Animation', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  test('movie page: similar movies from the active model, each a way to its page', async ({ page, snap }) => {
    await page.goto(`/movie/${TOY_STORY}`);
    await expect(page.getByRole('heading', { level: 1, name: /^Toy Story/ })).toBeVisible();
    const similar = page.getByRole('region', { name: 'More like this' });
    await similar.scrollIntoViewIfNeeded();
    await expect(similar.getByRole('listitem').first()).toBeVisible();
    expect(await similar.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
    await expect(similar.getByRole('link', { name: /^Toy Story$/ })).toHaveCount(0);
    await snap('movie-similar', similar);

    const first = similar.getByRole('listitem').first();
    const title = (await first.locator('.title').innerText()).trim();
    await first.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/movie\/\d+$/);
    expect(page.url()).not.toMatch(new RegExp(`/movie/${TOY_STORY}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  });

  test('movie page: an unknown id says so', async ({ page }) => {
    await page.goto('/movie/987654321');
    await expect(page.getByRole('heading', { name: 'Movie not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Browse movies' }).click();
    await expect(page).toHaveURL(/\/browse$/);
  });

  test('log in to rate comes back to the movie', async ({ page }) => {
    await page.goto(`/movie/${TOY_STORY}`);
    await page.getByRole('link', { name: /Log in to rate/ }).click();
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fmovie%2F1/);
  });
});

test.describe('signed in', () => {
  test.use({ signedIn: 'user' });

  test('movie page: rate with the keyboard and the mouse, in half stars; it is saved and can be cleared', async ({ page, session }) => {
    const token = session!.accessToken;
    await page.goto(`/movie/${TOY_STORY}`);
    const stars = slider(page, /^Your rating of Toy Story$/);
    await expect(stars).toHaveAttribute('aria-valuetext', 'Not rated');

    // Keyboard: End is 5 stars, ArrowLeft takes half a star off.
    await stars.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await expect(stars).toHaveAttribute('aria-valuetext', '4.5 stars out of 5');
    await expect.poll(() => storedRating(token, TOY_STORY)).toBe(4.5);

    // The saved rating is there after a reload.
    await page.reload();
    await expect(stars).toHaveAttribute('aria-valuenow', '4.5');

    // Mouse: the left half of the third star is 2.5.
    await clickStars(stars, 2.5);
    await expect(stars).toHaveAttribute('aria-valuetext', '2.5 stars out of 5');
    await expect.poll(() => storedRating(token, TOY_STORY)).toBe(2.5);

    // It shows on My ratings.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My ratings' }).click();
    await expect(page.getByTestId('rated-movie').filter({ hasText: 'Toy Story' })).toBeVisible();
    await expect(slider(page, /^Your rating of Toy Story$/)).toHaveAttribute('aria-valuenow', '2.5');

    // Clear.
    await page.goBack();
    await page.getByRole('button', { name: /Clear your rating of Toy Story/ }).click();
    await expect(stars).toHaveAttribute('aria-valuetext', 'Not rated');
    await expect.poll(() => storedRating(token, TOY_STORY)).toBeNull();
  });
});
