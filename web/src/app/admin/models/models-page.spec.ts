import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { settle, wait } from '../../testing/fixtures';
import { modelVersion, type ModelVersionData } from '../../testing/admin-fixtures';
import { liftOverPopularity, rmseText } from './model-format';
import { promoteAction } from './model-promotion';
import { MODELS_PAGE_SIZE, ModelsPage } from './models-page';

const ACTIVE = modelVersion('m3', { active: true, createdAt: '2026-03-03T10:00:00.000Z', promotedAt: '2026-03-03T11:00:00.000Z' });
const NEWER = modelVersion('m4', { createdAt: '2026-03-04T10:00:00.000Z', ndcgAtK: 0.33, rmse: 0.85, rmseStd: 0.02 });
const OLDER = modelVersion('m2', { createdAt: '2026-03-02T10:00:00.000Z', promotedAt: '2026-03-02T11:00:00.000Z' });
const TRAINING = modelVersion('m5', {
  status: 'TRAINING',
  createdAt: '2026-03-05T10:00:00.000Z',
  rmse: null,
  rmseStd: null,
  ndcgAtK: null,
});
const FAILED = modelVersion('m1', {
  status: 'FAILED',
  createdAt: '2026-03-01T10:00:00.000Z',
  rejectionReason: 'tuning: not enough ratings',
});
const ALL = [TRAINING, NEWER, ACTIVE, OLDER, FAILED];

const versionsData = (versions: ModelVersionData[], active: ModelVersionData | null = versions.find((v) => v.active) ?? null) => ({
  modelVersions: versions,
  activeModel: active,
});

describe('ModelsPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.routeNativeElement!;
  const settleAll = () => settle(harness.fixture);
  const rows = () => Array.from(el().querySelectorAll<HTMLElement>('[data-testid="model-version"]'));
  const row = (version: string) => rows().find((r) => r.querySelector('a.version')?.textContent?.trim() === version)!;
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (name: string, root: ParentNode = el()) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => text(b) === name);
  const dialog = () => document.querySelector<HTMLElement>('mat-dialog-container');
  const snackBar = () => document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim() ?? '';

  async function open(data?: ReturnType<typeof versionsData>) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/models', ModelsPage);
    await settleAll();
    if (data) {
      apollo.expectOne('ModelVersions').flushData(data);
      await settleAll();
    }
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([{ path: 'admin/models', component: ModelsPage }]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    apollo.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('shows a skeleton, then every version with its evaluation and the active model', async () => {
    await open();
    expect(el().querySelector('[data-testid="models-skeleton"]')).not.toBeNull();
    const op = apollo.expectOne('ModelVersions');
    expect(op.operation.variables).toEqual({ first: MODELS_PAGE_SIZE });
    op.flushData(versionsData(ALL));
    await settleAll();

    expect(el().querySelector('h1')?.textContent).toBe('Models');
    expect(rows().map((r) => text(r.querySelector('a.version')))).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    expect(Array.from(el().querySelectorAll('thead th'), (th) => text(th))).toEqual([
      'Version',
      'Status',
      'CV RMSE',
      'Precision@10',
      'NDCG@10 vs popularity',
      'Data',
      'Created',
      'Promoted',
      'Actions',
    ]);

    const active = row('m3');
    expect(active.querySelector('a.version')?.getAttribute('href')).toBe('/admin/models/m3');
    expect(text(active.querySelector('[data-testid="active-badge"]'))).toBe('Active');
    const cells = Array.from(active.querySelectorAll('td'), (td) => text(td));
    expect(cells.slice(0, 4)).toEqual(['Ready', '0.8610 ± 0.0110', '0.2000', '0.3100 vs 0.2000 +55 %']);
    expect(Array.from(active.querySelectorAll('td.data span'), (span) => text(span))).toEqual([
      '610 users',
      '9,724 movies',
      '100,836 ratings',
    ]);
    expect(active.querySelectorAll('time')[1]?.getAttribute('datetime')).toBe('2026-03-03T11:00:00.000Z');
    expect(rows().filter((r) => r.querySelector('[data-testid="active-badge"]'))).toHaveLength(1);

    expect(text(row('m1').querySelector('.reason'))).toBe('tuning: not enough ratings');
    expect(text(row('m5').querySelectorAll('td')[1])).toBe('—');

    const card = el().querySelector('[data-testid="active-model"]');
    expect(text(card?.querySelector('a'))).toBe('m3');
    expect(card?.textContent).toContain('0.8610 ± 0.0110');
  });

  it('offers Promote for newer ready versions and Roll back for older ones, nothing for the rest', async () => {
    await open(versionsData(ALL));

    const action = (version: string) => text(row(version).querySelector('td.actions button'));
    expect(action('m4')).toBe('Promote m4');
    expect(action('m2')).toBe('Roll back to m2');
    expect(action('m3')).toBeUndefined();
    expect(action('m5')).toBeUndefined();
    expect(action('m1')).toBeUndefined();
  });

  it('promotes only after confirmation, then reads the list again', async () => {
    await open(versionsData(ALL));
    const promote = () => row('m4').querySelector<HTMLButtonElement>('td.actions button')!;

    promote().click();
    await settleAll();
    expect(text(dialog()?.querySelector('h2'))).toBe('Promote m4?');
    expect(dialog()?.textContent).toContain('It replaces m3');
    button('Cancel', dialog()!)!.click();
    await settleAll();
    await wait(10);
    apollo.expectNone('PromoteModel');

    promote().click();
    await settleAll();
    button('Promote', dialog()!)!.click();
    await settleAll();
    const op = apollo.expectOne('PromoteModel');
    expect(op.operation.variables).toEqual({ version: 'm4' });
    op.flushData({ promoteModel: { ...NEWER, active: true, promotedAt: '2026-03-06T10:00:00.000Z' } });
    await settleAll();

    expect(snackBar()).toContain('m4 is now the active model.');
    apollo
      .expectOne('ModelVersions')
      .flushData(versionsData([TRAINING, { ...NEWER, active: true }, { ...ACTIVE, active: false }, OLDER, FAILED]));
    await settleAll();
    expect(row('m4').querySelector('[data-testid="active-badge"]')).not.toBeNull();
    expect(text(row('m3').querySelector('td.actions button'))).toBe('Roll back to m3');
  });

  it('asks before rolling back', async () => {
    await open(versionsData(ALL));

    row('m2').querySelector<HTMLButtonElement>('td.actions button')!.click();
    await settleAll();
    expect(text(dialog()?.querySelector('h2'))).toBe('Roll back to m2?');
    button('Roll back', dialog()!)!.click();
    await settleAll();

    apollo.expectOne('PromoteModel').flushData({ promoteModel: { ...OLDER, active: true } });
    await settleAll();
    apollo.expectOne('ModelVersions').flushData(versionsData(ALL));
    await settleAll();
  });

  it('says so when the promotion is refused', async () => {
    await open(versionsData(ALL));

    row('m4').querySelector<HTMLButtonElement>('td.actions button')!.click();
    await settleAll();
    button('Promote', dialog()!)!.click();
    await settleAll();
    apollo.expectOne('PromoteModel').graphqlErrors([
      {
        message: 'version: model version m4 is TRAINING; only READY or REJECTED versions can be promoted',
        extensions: { code: 'BAD_USER_INPUT', field: 'version' },
      },
    ]);
    await settleAll();

    const alert = el().querySelector('[data-testid="action-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain("Couldn't promote m4. version: model version m4 is TRAINING");
    expect(row('m4').querySelector<HTMLButtonElement>('td.actions button')!.disabled).toBe(false);
  });

  it('has an empty state before the first model', async () => {
    await open(versionsData([], null));

    expect(el().querySelector('[data-testid="empty-state"]')?.textContent).toContain('No models yet');
    expect(el().querySelector('[data-testid="empty-state"] a')?.getAttribute('href')).toBe('/admin/pipelines');
    expect(el().querySelector('[data-testid="active-model"]')?.textContent).toContain('No model serves yet');
  });

  it('shows an error with a Retry', async () => {
    await open();
    apollo.expectOne('ModelVersions').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(el().querySelector('[data-testid="error-state"]')?.textContent).toContain("Couldn't load the models");
    button('Retry')!.click();
    await settleAll();
    expect(el().querySelector('[data-testid="models-skeleton"]')).not.toBeNull();
    apollo.expectOne('ModelVersions').flushData(versionsData([ACTIVE]));
    await settleAll();
    expect(rows()).toHaveLength(1);
  });
});

describe('model formats', () => {
  it('shows the RMSE with its spread', () => {
    expect(rmseText({ rmse: 0.86123, rmseStd: 0.01 })).toBe('0.8612 ± 0.0100');
    expect(rmseText({ rmse: 0.86123, rmseStd: null })).toBe('0.8612');
    expect(rmseText({ rmse: null, rmseStd: 0.01 })).toBe('—');
  });

  it('states the lift over the popularity baseline', () => {
    expect(liftOverPopularity(0.31, 0.2)).toBe('+55 %');
    expect(liftOverPopularity(0.18, 0.2)).toBe('−10 %');
    expect(liftOverPopularity(0.3, 0)).toBeNull();
    expect(liftOverPopularity(null, 0.2)).toBeNull();
  });

  it('picks the promote action', () => {
    expect(promoteAction(NEWER, ACTIVE)).toBe('Promote');
    expect(promoteAction(OLDER, ACTIVE)).toBe('Roll back');
    expect(promoteAction(OLDER, null)).toBe('Promote');
    expect(promoteAction({ ...OLDER, status: 'REJECTED' }, ACTIVE)).toBe('Roll back');
    expect(promoteAction(ACTIVE, ACTIVE)).toBeNull();
    expect(promoteAction(TRAINING, ACTIVE)).toBeNull();
    expect(promoteAction(FAILED, null)).toBeNull();
  });
});
