import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApolloTestingController, ApolloTestingModule, type TestOperation } from 'apollo-angular/testing';
import { pipelineRun } from '../../testing/admin-fixtures';
import { settle } from '../../testing/fixtures';
import { PIPELINE_POLL_MS } from '../pipelines/pipelines-page';
import { QuarantineDownload } from './quarantine-download';
import { RunPage } from './run-page';

const file = (state: string, rowsRead: number, rejected: number) => ({
  __typename: 'ImportFileProgress',
  state,
  rowsRead,
  bytesRead: 2_382_886,
  totalBytes: 2_382_886,
  loaded: rowsRead - rejected,
  updated: 0,
  rejected,
});

const IMPORT = {
  ...pipelineRun('import-movielens-bad', { datasetVersion: 'bad', status: 'FAILED', stage: 'failed' }),
  error: {
    __typename: 'PipelineRunError',
    message: 'ratings.csv of dataset version bad changed since upload: sha256 aaa, expected bbb',
    type: 'MovieLensInputError',
    activityType: 'stageMovieLensFile',
    stage: 'loading-ratings',
    failedAt: '2026-03-01T10:03:12.000Z',
  },
  progressDetails: {
    __typename: 'ImportProgress',
    stage: 'failed',
    files: {
      __typename: 'ImportFilesProgress',
      movies: file('staged', 3, 1),
      links: file('staged', 2, 0),
      tags: file('staged', 2, 1),
      ratings: file('failed', 7, 5),
    },
  },
  quarantineCounts: [
    { __typename: 'QuarantineCount', file: 'movies', reason: 'empty title', rows: 1 },
    { __typename: 'QuarantineCount', file: 'tags', reason: 'empty tag', rows: 1 },
    { __typename: 'QuarantineCount', file: 'ratings', reason: 'unknown movieId N: not in movies.csv', rows: 3 },
    { __typename: 'QuarantineCount', file: 'ratings', reason: 'expected 4 columns, got 2', rows: 2 },
  ],
};

const row = (fileName: string, lineNumber: number, reason: string) => ({
  __typename: 'QuarantinedRowEdge',
  cursor: `c-${fileName}-${lineNumber}`,
  node: { __typename: 'QuarantinedRow', file: fileName, lineNumber, rawText: `raw ${lineNumber}`, reason },
});

const page = (edges: ReturnType<typeof row>[], totalCount: number, hasNextPage = false) => ({
  pipelineRun: {
    __typename: 'PipelineRun',
    workflowId: IMPORT.workflowId,
    quarantinedRows: {
      __typename: 'QuarantinedRowConnection',
      totalCount,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      edges,
    },
  },
});

describe('RunPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;
  let download: ReturnType<typeof vi.fn>;

  const el = () => harness.routeNativeElement!;
  const settleAll = () => settle(harness.fixture);
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (name: string) => Array.from(el().querySelectorAll<HTMLButtonElement>('button')).find((b) => text(b) === name);
  const cells = (row: Element) => Array.from(row.querySelectorAll('th, td')).map((cell) => text(cell));
  const rows = () => Array.from(el().querySelectorAll('[data-testid="quarantined-row"]')).map(cells);
  const rowsOp = () => apollo.expectOne('PipelineRunQuarantine');

  async function open(data: unknown = { pipelineRun: IMPORT }) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/admin/runs/${IMPORT.workflowId}`, RunPage);
    await settleAll();
    const op = apollo.expectOne('PipelineRunDetails');
    expect(op.operation.variables).toEqual({ workflowId: IMPORT.workflowId });
    op.flushData(data as Record<string, unknown>);
    await settleAll();
  }

  async function choose(testId: string, option: string) {
    el().querySelector<HTMLElement>(`[data-testid="${testId}"]`)!.click();
    await settleAll();
    const match = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) => text(o)?.startsWith(option));
    match!.click();
    await settleAll();
  }

  const answer = (op: TestOperation, data: ReturnType<typeof page>) => {
    op.flushData(data);
    return settleAll();
  };

  beforeEach(() => {
    download = vi.fn().mockResolvedValue(undefined);
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([{ path: 'admin/runs/:workflowId', component: RunPage }]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: PIPELINE_POLL_MS, useValue: 60_000 },
        { provide: QuarantineDownload, useValue: { download } },
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    apollo.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('shows the failure reason, the per-file figures and the first page of quarantined rows', async () => {
    await open();
    expect(text(el().querySelector('h1'))).toBe('Import bad');
    expect(text(el().querySelector('[data-testid="run-status"]'))).toBe('Failed');
    expect(TestBed.inject(Title).getTitle()).toBe('Import import-movielens-bad · Admin · Reelrank');
    const error = el().querySelector('[data-testid="run-error"]');
    expect(text(error?.querySelector('h2'))).toBe('Failed while loading-ratings');
    expect(text(error?.querySelector('.message'))).toBe(
      'ratings.csv of dataset version bad changed since upload: sha256 aaa, expected bbb',
    );
    expect(text(error?.querySelector('.meta'))).toMatch(/^MovieLensInputError · activity stageMovieLensFile · at \w/);
    expect(Array.from(el().querySelectorAll('[data-testid="import-file"]')).map(cells)).toEqual([
      ['movies.csv', 'staged', '2.4 MB of 2.4 MB', '3', '2', '0', '1'],
      ['links.csv', 'staged', '2.4 MB of 2.4 MB', '2', '2', '0', '0'],
      ['tags.csv', 'staged', '2.4 MB of 2.4 MB', '2', '1', '0', '1'],
      ['ratings.csv', 'failed', '2.4 MB of 2.4 MB', '7', '2', '0', '5'],
    ]);

    const op = rowsOp();
    expect(op.operation.variables).toEqual({ workflowId: IMPORT.workflowId, first: 25, after: null, filter: {} });
    await answer(op, page([row('movies', 3, 'empty title'), row('ratings', 5, 'unknown movieId 99: not in movies.csv')], 2));
    expect(rows()).toEqual([
      ['movies.csv', '3', 'empty title', 'raw 3'],
      ['ratings.csv', '5', 'unknown movieId 99: not in movies.csv', 'raw 5'],
    ]);
    expect(text(el().querySelector('[data-testid="rows-range"]'))).toBe('Rows 1–2 of 2');
  });

  it('filters by file and reason (reasons of the chosen file only), pages with cursors, and downloads what is shown', async () => {
    await open();
    await answer(rowsOp(), page([row('movies', 3, 'empty title')], 5));

    await choose('file-filter', 'ratings.csv');
    let op = rowsOp();
    expect(op.operation.variables['filter']).toEqual({ file: 'ratings' });
    await answer(op, page([row('ratings', 5, 'unknown movieId 99: not in movies.csv')], 5, true));

    el().querySelector<HTMLElement>('[data-testid="reason-filter"]')!.click();
    await settleAll();
    expect(Array.from(document.querySelectorAll('mat-option')).map((o) => text(o))).toEqual([
      'All reasons',
      'unknown movieId N: not in movies.csv (3)',
      'expected 4 columns, got 2 (2)',
    ]);
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))[1].click();
    await settleAll();
    op = rowsOp();
    expect(op.operation.variables['filter']).toEqual({ file: 'ratings', reason: 'unknown movieId N: not in movies.csv' });
    await answer(op, page([row('ratings', 5, 'unknown movieId 99: not in movies.csv')], 3, true));

    button('Next page')!.click();
    await settleAll();
    op = rowsOp();
    expect(op.operation.variables).toMatchObject({ after: 'c-ratings-5' });
    await answer(op, page([row('ratings', 6, 'unknown movieId 98: not in movies.csv')], 3));
    expect(text(el().querySelector('[data-testid="rows-range"]'))).toBe('Rows 26–26 of 3');
    button('Previous page')!.click();
    await settleAll();
    expect(rowsOp().operation.variables['after']).toBeNull();

    button('Download CSV')!.click();
    await settleAll();
    expect(download).toHaveBeenCalledWith('bad', { file: 'ratings', reason: 'unknown movieId N: not in movies.csv' });
    apollo.match('PipelineRunQuarantine').forEach((pending) => pending.flushData(page([], 0)));
  });

  it('says when nothing was quarantined', async () => {
    await open({ pipelineRun: { ...IMPORT, status: 'COMPLETED', error: null, quarantineCounts: [] } });
    expect(el().querySelector('[data-testid="run-error"]')).toBeNull();
    expect(text(el().querySelector('[data-testid="no-quarantine"] h3'))).toBe('No rows were quarantined');
    apollo.match('PipelineRunQuarantine').forEach((pending) => pending.flushData(page([], 0)));
  });

  it('NOT_FOUND shows "Run not found"', async () => {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/runs/nope', RunPage);
    await settleAll();
    apollo
      .expectOne('PipelineRunDetails')
      .graphqlErrors([{ message: 'No pipeline run with workflow id nope', extensions: { code: 'NOT_FOUND' } }]);
    await settleAll();
    expect(text(el().querySelector('[data-testid="not-found"]'))).toContain('There is no run with the workflow id “nope”');
  });

  it('a download failure is shown', async () => {
    download.mockRejectedValue(new Error('The download failed (HTTP 500)'));
    await open();
    await answer(rowsOp(), page([row('movies', 3, 'empty title')], 1));
    button('Download CSV')!.click();
    await settleAll();
    expect(text(el().querySelector('[data-testid="download-error"]'))).toContain(
      "Couldn't download the rows. The download failed (HTTP 500)",
    );
  });
});
