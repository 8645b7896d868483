import { readFile } from 'node:fs/promises';
import { graphql, rateMovie, type Session } from './support/api';
import { PASSWORD, SESSION_STORAGE_KEY, expect, test } from './support/fixtures';

/** Journey: account settings. Change the password, sign in with the new one, export my ratings as CSV, delete my account. */

test.use({ signedIn: 'user' });

const NEW_PASSWORD = 'silver-kettle-morning-7';

interface MovieStats {
  id: number;
  title: string;
  ratingCount: number;
  averageRating: number | null;
}

const STATS_FIELDS = 'id title ratingCount averageRating';

async function movieStats(baseUrl: string, id: number): Promise<MovieStats> {
  const { movie } = await graphql<{ movie: MovieStats }>(baseUrl, `query Stats($id: Int!) { movie(id: $id) { ${STATS_FIELDS} } }`, { id });
  return movie;
}

/** The API's answer to `query` with `token`: its first error's code, or OK. */
async function codeWith(baseUrl: string, token: string, query: string): Promise<string> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code ?? 'OK';
}

test('account: change password and sign in with it, download my ratings as CSV, delete my account (its token refused, its ratings gone)', async ({
  page,
  session,
  baseURL,
  snap,
  checkA11y,
}) => {
  test.setTimeout(120_000);
  const { accessToken: firstToken, user } = session as Session;

  // Two old, little-rated movies that the other journeys leave alone, rated through the API.
  const { movies } = await graphql<{ movies: { edges: { node: MovieStats }[] } }>(
    baseURL!,
    `{ movies(first: 2, sort: TITLE, filter: { yearTo: 1935 }) { edges { node { ${STATS_FIELDS} } } } }`,
  );
  const before = movies.edges.map((edge) => edge.node);
  expect(before).toHaveLength(2);
  const ratings = [4.5, 2];
  for (const [i, movie] of before.entries()) await rateMovie(baseURL!, firstToken, movie.id, ratings[i]);
  expect((await movieStats(baseURL!, before[0].id)).ratingCount).toBe(before[0].ratingCount + 1);

  // Account settings, from the top bar.
  await page.goto('/');
  await page.getByRole('link', { name: 'Account settings' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
  await checkA11y('account');

  // Change the password: the old token is refused, the page goes on with a new one.
  await page.getByRole('textbox', { name: 'Current password' }).fill(PASSWORD);
  await page.getByRole('textbox', { name: 'New password' }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toHaveText('Password changed. Other devices are signed out.');
  expect(await codeWith(baseURL!, firstToken, '{ me { id } }')).toBe('UNAUTHENTICATED');

  // Sign out, and in again with the new password.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto('/login?returnUrl=%2Faccount');
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email!);
  await page.getByRole('textbox', { name: 'Password' }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const token = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).accessToken as string, SESSION_STORAGE_KEY);
  expect(await codeWith(baseURL!, token, '{ me { id } }')).toBe('OK');

  // Download my ratings: a CSV with a row per rated movie.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my ratings (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('reelrank-ratings.csv');
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
  expect(lines[0]).toBe('movieId,title,rating,ratedAt');
  const rows = lines.slice(1).map((line) => {
    const [id] = line.split(',', 1);
    return { movieId: Number(id), rating: Number(line.split(',').at(-2)), line };
  });
  const expected = before.map((movie, i) => ({ movieId: movie.id, rating: ratings[i] })).sort((a, b) => a.movieId - b.movieId);
  expect(rows.map(({ movieId, rating }) => ({ movieId, rating }))).toEqual(expected);
  for (const movie of before)
    expect(rows.find((row) => row.movieId === movie.id)!.line).toContain(movie.title.includes(',') ? `"${movie.title}"` : movie.title);
  await snap('account');

  // Delete the account: a wrong password is refused on its field; the right one deletes, signs out and goes home.
  const danger = page.getByRole('region', { name: 'Delete my account' });
  await danger.getByRole('textbox', { name: 'Your password, to confirm' }).fill(PASSWORD);
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(danger.getByText('is not your current password')).toBeVisible();
  await snap('account-delete-refused', danger);
  await danger.getByRole('textbox', { name: 'Your password, to confirm' }).fill(NEW_PASSWORD);
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_STORAGE_KEY)).toBeNull();

  // The account's token is refused at once, by every query that needs the caller and by the export.
  for (const query of ['{ me { id } }', '{ recommendations(first: 5) { movie { id } } }', '{ myRatings(first: 5) { totalCount } }']) {
    expect(await codeWith(baseURL!, token, query), query).toBe('UNAUTHENTICATED');
  }
  expect((await fetch(`${baseURL}/api/me/ratings.csv`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  // Its ratings are gone from the movies' stats (count and average as before it rated them).
  for (const movie of before) expect(await movieStats(baseURL!, movie.id)).toEqual(movie);
  // And from the movie page the web app shows.
  await page.goto(`/movie/${before[0].id}`);
  const count = before[0].ratingCount;
  await expect(page.locator('.ratings .count')).toHaveText(
    count === 0 ? 'No ratings yet. Be the first.' : `from ${count} ${count === 1 ? 'rating' : 'ratings'}`,
  );
});
