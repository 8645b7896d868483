import { env, expect, test } from './support/fixtures';

/**
 * Journey (d): the admin logs in, starts a retrain on admin/pipelines with the "Quick retrain"
 * preset of its advanced options (a grid small enough for a test: about half a minute instead of
 * the default grid's minutes), watches it to completion, and finds the new model (promoted, as
 * "Force promotion" asks) on admin/models.
 */

test('admin: log in, start a retrain, follow it to completion, and find the new model active', async ({ page, snap }) => {
  test.setTimeout(300_000);
  const { adminEmail, adminPassword } = env();

  // Log in through the form; the Admin link appears for admins only.
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(adminEmail);
  await page.getByRole('textbox', { name: 'Password' }).fill(adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Admin' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Pipelines' }).click();
  await expect(page).toHaveURL(/\/admin\/pipelines/);
  await expect(page.getByRole('heading', { level: 1, name: 'Pipelines' })).toBeVisible();

  // The seed pipeline of the stack start is listed, completed.
  const seed = page.locator('[data-testid="pipeline-run"][data-workflow-id="pipeline-ml-latest-small"]');
  await expect(seed).toContainText('Completed');
  await snap('admin-pipelines');

  // Start a quick retrain that is promoted whatever its scores, through the advanced options.
  const modelGroup = page.getByRole('group', { name: 'Recommender model' });
  await modelGroup.getByText('Advanced options').click();
  const folds = modelGroup.getByRole('textbox', { name: 'Folds' });
  await expect(folds).toBeVisible();
  // A bad value is caught at its field, before anything is sent.
  await folds.fill('1');
  await folds.blur();
  await expect(modelGroup.getByText('Enter a whole number from 2 to 20.')).toBeVisible();
  await modelGroup.getByRole('button', { name: 'Quick retrain' }).click();
  await expect(folds).toHaveValue('2');
  const explicit = modelGroup.getByRole('group', { name: 'Explicit model (ratings)' });
  const implicit = modelGroup.getByRole('group', { name: 'Implicit model (ranking)' });
  await expect(explicit.getByRole('textbox', { name: 'Ranks' })).toHaveValue('10');
  await expect(implicit.getByRole('textbox', { name: 'Alphas' })).toHaveValue('4');
  await modelGroup.getByRole('checkbox', { name: 'Force promotion' }).check();
  await snap('admin-pipelines-retrain-options', modelGroup);
  // Only watches the request the page sends (nothing is changed on its way).
  const request = page.waitForRequest((req) => req.url().endsWith('/graphql') && req.postDataJSON()?.operationName === 'RetrainModel');
  await modelGroup.getByRole('button', { name: 'Start retrain' }).click();
  expect((await request).postDataJSON().variables).toEqual({
    input: {
      force: true,
      folds: 2,
      finalists: 1,
      explicitGrid: { ranks: [10], lambdas: [0.08], iterations: [5] },
      implicitGrid: { ranks: [8], lambdas: [2], alphas: [4], iterations: [5] },
    },
  });
  const status = page.getByTestId('start-status');
  await expect(status).toHaveText(/^Started retrain-m\d{8}-\d{6}\.$/);
  const workflowId = (await status.innerText()).replace(/^Started /, '').replace(/\.$/, '');
  const version = workflowId.replace(/^retrain-/, '');

  // Its row: running with a live progress bar and stage, then completed.
  const row = page.locator(`[data-testid="pipeline-run"][data-workflow-id="${workflowId}"]`);
  await expect(row).toContainText('Retrain');
  await expect(row).toContainText('Running');
  await expect(row.getByRole('progressbar', { name: `Progress of ${workflowId}` })).toBeVisible();
  await expect(row).toContainText(/Stage: \w+/);
  await expect(page.getByTestId('live-note')).toBeVisible();
  await snap('admin-pipelines-running', row);
  await expect(row).toContainText('Completed', { timeout: 240_000 });
  await expect(row.getByRole('progressbar')).toHaveCount(0);

  // The new version on Models: active, ready, with its evaluation.
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Models' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
  await expect(page.getByTestId('active-model').getByRole('link', { name: version })).toBeVisible();
  const versionRow = page.getByTestId('model-version').filter({ has: page.getByRole('link', { name: version, exact: true }) });
  await expect(versionRow.getByTestId('active-badge')).toHaveText('Active');
  await expect(versionRow).toContainText('Ready');
  await expect(versionRow).toContainText(/\d\.\d{2,}/);
  expect(await page.getByTestId('model-version').count()).toBeGreaterThanOrEqual(2);
  await snap('admin-models');

  // Its own page.
  await versionRow.getByRole('link', { name: version, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/models/${version}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(version);
  await snap('admin-model');
});

test.describe('a signed-in user who is not an admin', () => {
  test.use({ signedIn: 'user' });

  test('admin pages are for admins only', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await page.goto('/admin/pipelines');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Pipelines' })).toHaveCount(0);
  });
});

test('admin pages send a visitor to log in', async ({ page }) => {
  await page.goto('/admin/models');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fadmin%2Fmodels/);
});
