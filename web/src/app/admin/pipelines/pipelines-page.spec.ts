import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { settle, wait } from '../../testing/fixtures';
import { pipelineRun, type PipelineRunData } from '../../testing/admin-fixtures';
import { PIPELINE_POLL_MS, PipelinesPage, RUNS_PAGE_SIZE } from './pipelines-page';

const POLL_MS = 40;
/** Tests that are not about polling keep the timer out of the way. */
const NO_POLL_MS = 60_000;

const running = (id: string, progress: number | null, overrides: Partial<PipelineRunData> = {}) =>
  pipelineRun(id, {
    type: 'RETRAIN',
    status: 'RUNNING',
    closedAt: null,
    progress,
    stage: 'tuning',
    datasetVersion: null,
    modelVersion: 'm1',
    ...overrides,
  });
const runsData = (runs: PipelineRunData[]) => ({ pipelineRuns: runs });

describe('PipelinesPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;
  let pollMs: number;

  const el = () => harness.routeNativeElement!;
  const settleAll = () => settle(harness.fixture);
  const rows = () => Array.from(el().querySelectorAll<HTMLElement>('[data-testid="pipeline-run"]'));
  /** Each cell's text, with its parts (badge, percentage, stage, …) separated by spaces. */
  const cells = (row: HTMLElement) =>
    Array.from(row.querySelectorAll('th, td'), (cell) => {
      const parts = cell.querySelectorAll('.stack > *, a, button');
      const texts = parts.length ? Array.from(parts, (part) => part.textContent ?? '') : [cell.textContent ?? ''];
      return texts
        .map((text) => text.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join(' ');
    });
  const button = (name: string, root: ParentNode = el()) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);
  const dialog = () => document.querySelector<HTMLElement>('mat-dialog-container');
  const snackBar = () => document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim() ?? '';
  const runsOp = () => apollo.expectOne('PipelineRuns');

  async function open(url = '/admin/pipelines', runs?: PipelineRunData[]) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, PipelinesPage);
    await settleAll();
    if (runs) {
      runsOp().flushData(runsData(runs));
      await settleAll();
    }
  }

  /** Lets the poll timer fire and the request go out. */
  async function nextPoll() {
    await wait(POLL_MS + 20);
    await settleAll();
  }

  beforeEach(() => {
    pollMs = POLL_MS;
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([
          { path: 'admin/pipelines', component: PipelinesPage },
          { path: '**', children: [] },
        ]),
        { provide: PIPELINE_POLL_MS, useFactory: () => pollMs },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    // The dataset versions section reads its own list (dataset-versions.spec.ts).
    apollo.match('DatasetVersions');
    apollo.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('shows a skeleton, then the runs newest first, without polling when nothing runs', async () => {
    await open();
    expect(el().querySelector('h1')?.textContent).toBe('Pipelines');
    expect(el().querySelector('[data-testid="runs-skeleton"]')).not.toBeNull();
    const op = runsOp();
    expect(op.operation.variables).toEqual({ filter: {}, first: RUNS_PAGE_SIZE });
    op.flushData(
      runsData([
        pipelineRun('import-ml-latest-small'),
        pipelineRun('retrain-m0', {
          type: 'RETRAIN',
          status: 'FAILED',
          datasetVersion: null,
          modelVersion: 'm0',
          progress: null,
          stage: 'failed',
        }),
      ]),
    );
    await settleAll();

    expect(rows()).toHaveLength(2);
    const [type, status, , duration, actions] = cells(rows()[0]);
    expect(type).toBe('Import ml-latest-small import-ml-latest-small');
    expect(status).toBe('Completed Stage: done');
    expect(duration).toBe('3 min 12 s');
    expect(actions).toBe('Temporal UI for import-ml-latest-small (opens in a new tab)');
    const link = rows()[0].querySelector<HTMLAnchorElement>('a.temporal')!;
    expect(link.getAttribute('href')).toContain('/workflows/import-ml-latest-small/');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(rows()[0].querySelector<HTMLAnchorElement>('a.workflow')!.getAttribute('href')).toBe('/admin/runs/import-ml-latest-small');
    expect(cells(rows()[1])[1]).toBe('Failed Stage: failed');
    expect(el().querySelector('.cancel')).toBeNull();
    expect(el().querySelector('[data-testid="live-note"]')).toBeNull();

    await nextPoll();
    apollo.expectNone('PipelineRuns');
  });

  it('polls only the running runs while something runs, and stops once they finish', async () => {
    await open('/admin/pipelines', [running('retrain-m1', 0.2), pipelineRun('import-ml-latest-small')]);
    const progress = () => rows()[0].querySelector('mat-progress-bar')!;
    expect(progress().getAttribute('aria-valuenow')).toBe('20');
    expect(progress().getAttribute('aria-label')).toBe('Progress of retrain-m1');
    expect(cells(rows()[0])[1]).toBe('Running 20% Stage: tuning');
    expect(el().querySelector('[data-testid="live-note"]')).not.toBeNull();

    await nextPoll();
    let poll = runsOp();
    expect(poll.operation.variables).toEqual({ filter: { status: 'RUNNING' }, first: RUNS_PAGE_SIZE });
    poll.flushData(runsData([running('retrain-m1', 0.6, { stage: 'evaluating' })]));
    await settleAll();
    expect(progress().getAttribute('aria-valuenow')).toBe('60');
    expect(cells(rows()[0])[1]).toBe('Running 60% Stage: evaluating');

    await nextPoll();
    poll = runsOp();
    // Nothing runs any more: the full list is read again for the final status...
    poll.flushData(runsData([]));
    await settleAll();
    const reload = runsOp();
    expect(reload.operation.variables).toEqual({ filter: {}, first: RUNS_PAGE_SIZE });
    reload.flushData(runsData([pipelineRun('retrain-m1', { type: 'RETRAIN', stage: 'done' }), pipelineRun('import-ml-latest-small')]));
    await settleAll();
    expect(cells(rows()[0])[1]).toBe('Completed Stage: done');
    expect(el().querySelector('mat-progress-bar')).toBeNull();

    // ...and polling stops.
    await nextPoll();
    apollo.expectNone('PipelineRuns');
  });

  it('shows runs started elsewhere while polling', async () => {
    await open('/admin/pipelines', [running('retrain-m1', 0.2)]);

    await nextPoll();
    runsOp().flushData(
      runsData([running('retrain-m1', 0.3), running('pipeline-ml-25m', null, { type: 'PIPELINE', startedAt: '2026-03-01T11:00:00.000Z' })]),
    );
    await settleAll();

    expect(rows().map((row) => row.dataset['workflowId'])).toEqual(['pipeline-ml-25m', 'retrain-m1']);
    // Progress unknown: an indeterminate bar.
    expect(rows()[0].querySelector('mat-progress-bar')?.getAttribute('mode')).toBe('indeterminate');
    await nextPoll();
    runsOp().flushData(
      runsData([running('retrain-m1', 0.4), running('pipeline-ml-25m', 0.1, { type: 'PIPELINE', startedAt: '2026-03-01T11:00:00.000Z' })]),
    );
    await settleAll();
    await harness.navigateByUrl('/admin');
  });

  it('stops polling when the page is left', async () => {
    await open('/admin/pipelines', [running('retrain-m1', 0.2)]);

    await harness.navigateByUrl('/admin');
    // A poll already on its way when the page was left may finish; no further one starts.
    apollo.match('PipelineRuns');
    await nextPoll();
    await nextPoll();

    apollo.expectNone('PipelineRuns');
  });

  it('keeps the list and offers Retry when a live update fails', async () => {
    await open('/admin/pipelines', [running('retrain-m1', 0.2)]);

    await nextPoll();
    runsOp().networkError(new Error('Failed to fetch'));
    await settleAll();

    const banner = el().querySelector('[data-testid="refresh-error"]');
    expect(banner?.textContent).toContain('Live updates stopped');
    expect(rows()).toHaveLength(1);
    await nextPoll();
    apollo.expectNone('PipelineRuns');

    button('Retry', banner!)!.click();
    await settleAll();
    runsOp().flushData(runsData([pipelineRun('retrain-m1', { type: 'RETRAIN' })]));
    await settleAll();
    expect(el().querySelector('[data-testid="refresh-error"]')).toBeNull();
    expect(cells(rows()[0])[1]).toContain('Completed');
  });

  it('filters by type and status through the URL', async () => {
    await open('/admin/pipelines?type=retrain&status=running');
    const op = runsOp();
    expect(op.operation.variables).toEqual({ filter: { type: 'RETRAIN', status: 'RUNNING' }, first: RUNS_PAGE_SIZE });
    op.flushData(runsData([]));
    await settleAll();
    expect(el().querySelector('[data-testid="type-filter"]')?.textContent).toContain('Retrain');
    expect(el().querySelector('[data-testid="empty-state"]')?.textContent).toContain('No runs match');

    el().querySelector<HTMLElement>('[data-testid="status-filter"] .mat-mdc-select-trigger')!.click();
    await settleAll();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.trim() === 'Failed')!
      .click();
    await settleAll();

    expect(TestBed.inject(Router).url).toBe('/admin/pipelines?type=retrain&status=failed');
    const filtered = runsOp();
    expect(filtered.operation.variables).toEqual({ filter: { type: 'RETRAIN', status: 'FAILED' }, first: RUNS_PAGE_SIZE });
    filtered.flushData(runsData([]));
    await settleAll();

    button('Clear filters')!.click();
    await settleAll();
    expect(TestBed.inject(Router).url).toBe('/admin/pipelines');
    runsOp().flushData(runsData([]));
    await settleAll();
    expect(el().querySelector('[data-testid="empty-state"]')?.textContent).toContain('No runs yet');
  });

  it('shows an error with a Retry', async () => {
    await open();
    runsOp().graphqlErrors([{ message: 'Forbidden resource', extensions: { code: 'FORBIDDEN' } }]);
    await settleAll();

    const error = el().querySelector('[data-testid="error-state"]');
    expect(error?.textContent).toContain("Couldn't load the runs");
    expect(error?.textContent).toContain('Forbidden resource');

    button('Retry', error!)!.click();
    await settleAll();
    expect(el().querySelector('[data-testid="runs-skeleton"]')).not.toBeNull();
    runsOp().flushData(runsData([pipelineRun('import-ml-latest-small')]));
    await settleAll();
    expect(rows()).toHaveLength(1);
  });

  it('cancels a running run only after confirmation', async () => {
    pollMs = NO_POLL_MS;
    await open('/admin/pipelines', [running('retrain-m1', 0.2)]);
    const cancel = () => rows()[0].querySelector<HTMLButtonElement>('button.cancel')!;
    expect(cancel().textContent?.replace(/\s+/g, ' ').trim()).toBe('Cancel run retrain-m1');

    cancel().click();
    await settleAll();
    expect(dialog()?.querySelector('h2')?.textContent).toBe('Cancel this run?');
    expect(dialog()?.textContent).toContain('retrain-m1');
    button('Keep running', dialog()!)!.click();
    await settleAll();
    await wait(10);
    apollo.expectNone('CancelPipelineRun');

    cancel().click();
    await settleAll();
    button('Cancel run', dialog()!)!.click();
    await settleAll();
    const op = apollo.expectOne('CancelPipelineRun');
    expect(op.operation.variables).toEqual({ workflowId: 'retrain-m1' });
    expect(cancel().disabled).toBe(true);
    op.flushData({ cancelPipelineRun: running('retrain-m1', 0.2) });
    await settleAll();

    expect(snackBar()).toContain('Cancellation requested for retrain-m1.');
    // The list is read again at once.
    runsOp().flushData(runsData([pipelineRun('retrain-m1', { type: 'RETRAIN', status: 'CANCELED' })]));
    await settleAll();
    expect(cells(rows()[0])[1]).toContain('Canceled');
  });

  it('says so when a cancellation fails', async () => {
    pollMs = NO_POLL_MS;
    await open('/admin/pipelines', [running('retrain-m1', 0.2)]);

    rows()[0].querySelector<HTMLButtonElement>('button.cancel')!.click();
    await settleAll();
    button('Cancel run', dialog()!)!.click();
    await settleAll();
    apollo
      .expectOne('CancelPipelineRun')
      .graphqlErrors([{ message: 'No pipeline run with workflow id retrain-m1', extensions: { code: 'NOT_FOUND' } }]);
    await settleAll();

    const alert = el().querySelector('[data-testid="action-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain("Couldn't cancel retrain-m1. No pipeline run with workflow id retrain-m1");
    expect(rows()[0].querySelector<HTMLButtonElement>('button.cancel')!.disabled).toBe(false);
    await harness.navigateByUrl('/admin');
  });

  it('reads the list again when a run was started', async () => {
    pollMs = NO_POLL_MS;
    await open('/admin/pipelines', []);

    button('Start import')!.click();
    await settleAll();
    apollo.expectOne('StartImport').flushData({ startImport: running('import-ml-latest-small', 0, { type: 'IMPORT' }) });
    await settleAll();

    expect(snackBar()).toContain('Started import: import-ml-latest-small');
    runsOp().flushData(runsData([running('import-ml-latest-small', 0, { type: 'IMPORT' })]));
    await settleAll();
    expect(rows()).toHaveLength(1);
    await harness.navigateByUrl('/admin');
  });
});
