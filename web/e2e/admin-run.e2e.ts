import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { env, expect, test } from './support/fixtures';
import { importDataset, uploadDataset, writeDataset } from './support/dataset';

/**
 * Journey: an import with bad rows. A small dataset (ids far from ml-latest-small's, so the seeded catalog keeps
 * its figures) is uploaded to the stack's raw zone and imported through the API; the admin finds the version with
 * its files on admin/pipelines, opens the run from there, reads the per-file figures and the quarantined rows with
 * their reasons, filters them by file and reason, and downloads the filtered rows as CSV.
 */

test.use({ signedIn: 'admin' });

test('admin: open an import run, see why rows were quarantined, filter them and download them as CSV', async ({
  page,
  session,
  snap,
  checkA11y,
}) => {
  test.setTimeout(240_000);
  const version = `e2e-bad-rows-${Date.now().toString(36)}`;
  const dir = writeDataset({
    movies: 'movieId,title,genres\n990001,Quarantine Check One (2001),Drama\n990002, ,Drama\n990003,Quarantine Check Two (2002),Comedy\n',
    links: 'movieId,imdbId,tmdbId\n990001,9900001,\n990003,x,\n',
    tags: 'userId,movieId,tag,timestamp\n9000001,990001,checked,1139045764\n',
    ratings: [
      'userId,movieId,rating,timestamp',
      '9000001,990001,4.0,964982703',
      '9000001,990003,7.0,964981247',
      '9000002,990001,5.0,964982224',
      '9000002,990099,4.5,964983815',
      '9000002,990098,2.0,964982931',
      '9000003,990001',
      '',
    ].join('\n'),
  });
  try {
    await uploadDataset(dir, version);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(await importDataset(env().baseUrl, session!.accessToken, version)).toBe('COMPLETED');
  const workflowId = `import-movielens-${version}`;

  // From the runs list to the run's page.
  await page.goto('/admin/pipelines?type=import');

  // The raw zone's list: the uploaded version with its four files (file, size, rows, SHA-256 short and full, imported).
  const uploaded = page.locator(`[data-testid="dataset-version"][data-version="${version}"]`);
  await expect(uploaded.getByTestId('dataset-file')).toHaveCount(4);
  await expect(uploaded.locator('[data-testid="dataset-file"][data-file="movies"]').locator('th, td')).toHaveText([
    'movies.csv',
    /^\d+ B$/,
    '3',
    /^[0-9a-f]{12}…[0-9a-f]{64}$/,
    'Imported',
  ]);
  await expect(uploaded.getByTestId('last-import')).toContainText('Done');
  await expect(uploaded.getByRole('link', { name: workflowId, exact: true })).toHaveAttribute('href', `/admin/runs/${workflowId}`);

  const listed = page.locator(`[data-testid="pipeline-run"][data-workflow-id="${workflowId}"]`);
  await expect(listed).toContainText('Completed');
  await listed.getByRole('link', { name: workflowId, exact: true }).click();
  await expect(page).toHaveURL(`/admin/runs/${workflowId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Import ${version}` })).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  await expect(page.getByTestId('run-error')).toHaveCount(0);

  // Per file: rows read, loaded and quarantined.
  // Cells: file, state, bytes read, rows, loaded, updated, quarantined (loaded is 0 when a rerun finds the movies there).
  const fileCells = (file: string) => page.locator(`[data-testid="import-file"][data-file="${file}"]`).locator('th, td');
  await expect(fileCells('movies')).toHaveText(['movies.csv', 'merged', /B of/, '3', /^[02]$/, '0', '1']);
  await expect(fileCells('ratings')).toHaveText(['ratings.csv', 'merged', /B of/, '6', /^[02]$/, '0', '4']);

  // Every quarantined row with its reason, movies.csv first.
  const rows = page.getByTestId('quarantined-row');
  const rowCells = (index: number) => rows.nth(index).locator('td');
  await expect(page.getByTestId('rows-range')).toHaveText('Rows 1–6 of 6');
  await expect(rowCells(0)).toHaveText(['movies.csv', '3', 'empty title', '990002, ,Drama']);
  await expect(rowCells(1)).toHaveText(['links.csv', '3', 'invalid imdbId "x": expected digits, optionally after "tt"', '990003,x,']);
  await expect(page.getByRole('region', { name: 'Quarantined rows table' })).toContainText('unknown movieId 990099: not in movies.csv');
  await snap('admin-run', page.getByRole('heading', { name: 'Quarantined rows' }));
  await checkA11y('admin run');

  // Filter: ratings.csv, then one reason of it.
  await page.getByTestId('file-filter').click();
  await page.getByRole('option', { name: /^ratings\.csv \(4\)/ }).click();
  await expect(page.getByTestId('rows-range')).toHaveText('Rows 1–4 of 4');
  await page.getByTestId('reason-filter').click();
  await expect(page.getByRole('option')).toHaveText([
    'All reasons',
    'unknown movieId N: not in movies.csv (2)',
    'expected 4 columns, got 2 (1)',
    'invalid rating "…": must be 0.5 to 5.0 in half steps (1)',
  ]);
  await page.getByRole('option', { name: /^unknown movieId N/ }).click();
  await expect(page.getByTestId('rows-range')).toHaveText('Rows 1–2 of 2');
  await expect(rows).toHaveCount(2);
  await expect(rowCells(0)).toHaveText(['ratings.csv', '5', 'unknown movieId 990099: not in movies.csv', '9000002,990099,4.5,964983815']);
  await expect(rowCells(1)).toHaveText(['ratings.csv', '6', 'unknown movieId 990098: not in movies.csv', '9000002,990098,2.0,964982931']);
  await snap('admin-run-filtered', page.getByRole('heading', { name: 'Quarantined rows' }));

  // The CSV holds the filtered rows.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`quarantine-${version}.csv`);
  expect((await readFile((await download.path())!, 'utf8')).trim().split('\n')).toEqual([
    'file,line,reason,raw',
    'ratings,5,unknown movieId 990099: not in movies.csv,"9000002,990099,4.5,964983815"',
    'ratings,6,unknown movieId 990098: not in movies.csv,"9000002,990098,2.0,964982931"',
  ]);
});
