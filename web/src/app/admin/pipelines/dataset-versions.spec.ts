import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { settle } from '../../testing/fixtures';
import { datasetFile, datasetVersion } from '../../testing/admin-fixtures';
import { DatasetVersions } from './dataset-versions';

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('DatasetVersions', () => {
  let fixture: ComponentFixture<DatasetVersions>;
  let apollo: ApolloTestingController;

  const el = () => fixture.nativeElement as HTMLElement;
  const versions = () => Array.from(el().querySelectorAll<HTMLElement>('[data-testid="dataset-version"]'));
  const fileRows = (version: HTMLElement) => Array.from(version.querySelectorAll<HTMLElement>('[data-testid="dataset-file"]'));
  /** Each cell's visible text (the SHA-256 cell: its shortened form). */
  const cells = (row: HTMLElement) =>
    Array.from(row.querySelectorAll('th, td'), (cell) => text(cell.querySelector('.sha > [aria-hidden="true"]') ?? cell));
  const versionsOp = () => apollo.expectOne('DatasetVersions');
  const button = (name: string, root: ParentNode = el()) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => text(b) === name);

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [DatasetVersions, ApolloTestingModule], providers: [provideRouter([])] });
    apollo = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(DatasetVersions);
    await settle(fixture);
  });

  afterEach(() => apollo.verify());

  it('lists each version with its files, sizes, rows, checksums and imported flags, and links its last import to its run', async () => {
    expect(el().querySelector('[data-testid="versions-skeleton"]')).not.toBeNull();
    versionsOp().flushData({
      datasetVersions: [
        datasetVersion('ml-latest-small'),
        datasetVersion('ml-25m', {
          files: [datasetFile('movies', 3_038_099, 62_423, 'e'), datasetFile('ratings', 678_260_987, 25_000_095, 'f', false)],
          lastImport: {
            __typename: 'DatasetImport',
            workflowId: 'import-movielens-ml-25m',
            status: 'FAILED',
            startedAt: '2026-03-02T10:00:00.000Z',
            finishedAt: '2026-03-02T10:01:00.000Z',
            matchesUpload: false,
            error: 'ratings.csv changed since upload: sha256 differs',
          },
        }),
      ],
    });
    await settle(fixture);

    expect(el().querySelector('h2')?.textContent).toBe('Dataset versions');
    expect(versions().map((v) => v.dataset['version'])).toEqual(['ml-latest-small', 'ml-25m']);
    const [small, big] = versions();
    expect(text(small.querySelector('h3'))).toBe('ml-latest-small');
    expect(small.querySelector('[data-testid="uploaded-at"] time')?.getAttribute('datetime')).toBe('2026-03-01T09:00:00.000Z');

    // A table with headers per version: file, size, rows, shortened SHA-256 (the full one in the title and to screen readers), imported.
    expect(Array.from(small.querySelectorAll('thead th'), text)).toEqual(['File', 'Size', 'Rows', 'SHA-256', 'Imported']);
    expect(small.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('Files of ml-latest-small');
    expect(fileRows(small).map(cells)).toEqual([
      ['movies.csv', '494.4 kB', '9,742', 'a0123456789a…', 'Imported'],
      ['links.csv', '198.0 kB', '9,742', 'b0123456789a…', 'Imported'],
      ['tags.csv', '118.7 kB', '3,683', 'c0123456789a…', 'Imported'],
      ['ratings.csv', '2.5 MB', '100,836', 'd0123456789a…', 'Imported'],
    ]);
    const sha = fileRows(small)[0].querySelector('code.sha')!;
    const fullSha = datasetFile('movies', 0, 0, 'a').sha256;
    expect(sha.getAttribute('title')).toBe(fullSha);
    expect(text(sha.querySelector('.visually-hidden'))).toBe(fullSha);
    expect(fileRows(small)[0].querySelector('th span')?.getAttribute('title')).toBe('movielens/raw/ml-latest-small/movies.csv');

    const lastImport = small.querySelector('[data-testid="last-import"]')!;
    expect(text(lastImport.querySelector('.badge'))).toBe('Done');
    const link = lastImport.querySelector<HTMLAnchorElement>('a.workflow')!;
    expect(link.getAttribute('href')).toBe('/admin/runs/import-movielens-ml-latest-small');
    expect(text(link)).toBe('import-movielens-ml-latest-small');
    expect(small.querySelector('[data-testid="uploaded-since"]')).toBeNull();
    expect(small.querySelector('[data-testid="import-error"]')).toBeNull();

    // A failed import of files uploaded again since: its error, and a file it did not import.
    expect(fileRows(big).map(cells)).toEqual([
      ['movies.csv', '3.0 MB', '62,423', 'e0123456789a…', 'Imported'],
      ['ratings.csv', '678.3 MB', '25,000,095', 'f0123456789a…', 'Not imported'],
    ]);
    expect(text(big.querySelector('[data-testid="last-import"] .badge'))).toBe('Failed');
    expect(big.querySelector('a.workflow')?.getAttribute('href')).toBe('/admin/runs/import-movielens-ml-25m');
    expect(text(big.querySelector('[data-testid="uploaded-since"]'))).toBe('Uploaded again since');
    expect(text(big.querySelector('[data-testid="import-error"]'))).toBe('ratings.csv changed since upload: sha256 differs');
  });

  it('says when a version was never imported or has no manifest', async () => {
    versionsOp().flushData({
      datasetVersions: [
        datasetVersion('fresh', { lastImport: null }),
        datasetVersion('partial', { uploadedAt: null, files: [], lastImport: null }),
      ],
    });
    await settle(fixture);

    const [fresh, partial] = versions();
    expect(text(fresh.querySelector('[data-testid="last-import"]'))).toBe('Never imported');
    expect(fresh.querySelector('a.workflow')).toBeNull();
    expect(fileRows(fresh)).toHaveLength(4);
    expect(text(partial.querySelector('[data-testid="uploaded-at"]'))).toBe('No manifest');
    expect(partial.querySelector('table')).toBeNull();
    expect(text(partial.querySelector('[data-testid="no-files"]'))).toContain('cannot be imported');
  });

  it('shows an empty state when the raw zone holds no versions', async () => {
    versionsOp().flushData({ datasetVersions: [] });
    await settle(fixture);

    expect(versions()).toHaveLength(0);
    expect(text(el().querySelector('[data-testid="versions-empty"]'))).toContain('No dataset versions yet');
  });

  it('shows a load error with a Retry, and reads the list again on Refresh', async () => {
    versionsOp().graphqlErrors([{ message: 'Forbidden resource', extensions: { code: 'FORBIDDEN' } }]);
    await settle(fixture);

    const error = el().querySelector('[data-testid="error-state"]');
    expect(text(error)).toContain("Couldn't load the dataset versions");
    expect(text(error)).toContain('Forbidden resource');

    button('Retry', error!)!.click();
    await settle(fixture);
    expect(el().querySelector('[data-testid="versions-skeleton"]')).not.toBeNull();
    versionsOp().flushData({ datasetVersions: [datasetVersion('ml-latest-small')] });
    await settle(fixture);
    expect(versions()).toHaveLength(1);

    el().querySelector<HTMLButtonElement>('button[aria-label="Refresh dataset versions"]')!.click();
    await settle(fixture);
    versionsOp().flushData({ datasetVersions: [] });
    await settle(fixture);
    expect(el().querySelector('[data-testid="versions-empty"]')).not.toBeNull();
  });
});
