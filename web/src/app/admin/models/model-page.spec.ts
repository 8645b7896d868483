import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { settle, stubIntersectionObserver } from '../../testing/fixtures';
import { modelVersionDetails, newUserEvaluation, newUserFigures, TRAINING_DETAILS } from '../../testing/admin-fixtures';
import type { TestOperation } from 'apollo-angular/testing';
import { ModelPage } from './model-page';

const ACTIVE = {
  ...modelVersionDetails('m3', { active: true, createdAt: '2026-03-03T10:00:00.000Z', promotedAt: '2026-03-03T11:00:00.000Z' }),
  newUser: newUserEvaluation({ activeModelVersion: 'm2', activeModel: newUserFigures(0.37) }),
};
const OLDER = { ...modelVersionDetails('m2', { createdAt: '2026-03-02T10:00:00.000Z' }), newUser: newUserEvaluation() };
/** A version that failed before it was evaluated. */
const FAILED = {
  ...modelVersionDetails('m1', {
    status: 'FAILED',
    createdAt: '2026-03-01T10:00:00.000Z',
    rejectionReason: 'tuning: not enough ratings',
    rmse: null,
    rmseStd: null,
    precisionAtK: null,
    recallAtK: null,
    ndcgAtK: null,
    popularityNdcgAtK: null,
    k: null,
  }),
  ...TRAINING_DETAILS,
  newUser: null,
};

type Version = (ReturnType<typeof modelVersionDetails> | typeof FAILED) & { newUser?: ReturnType<typeof newUserEvaluation> | null };
/** The versions the API knows; each ModelVersionDetails operation is answered from them. */
const detailsData = (...versions: Version[]) => versions;
const answer = (op: TestOperation, versions: Version[]) =>
  op.flushData({
    modelVersion: versions.find((v) => v.version === op.operation.variables['version']) ?? null,
    activeModel: versions.find((v) => v.active) ?? null,
  });

describe('ModelPage', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;
  let getContext: typeof HTMLCanvasElement.prototype.getContext;
  let restoreObserver: () => void;

  const el = () => harness.routeNativeElement!;
  const settleAll = () => settle(harness.fixture);
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
  const figure = (label: string) =>
    Array.from(el().querySelectorAll<HTMLElement>('[data-testid="figures"] > div')).find((d) => text(d.querySelector('dt')) === label);
  const button = (name: string, root: ParentNode = el()) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => text(b) === name);

  async function open(version: string, data?: ReturnType<typeof detailsData>) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/admin/models/${version}`, ModelPage);
    await settleAll();
    if (data) {
      answer(apollo.expectOne('ModelVersionDetails'), data);
      await settleAll();
    }
  }

  async function renderCharts() {
    const [charts] = await harness.fixture.getDeferBlocks();
    await charts.render(DeferBlockState.Complete);
    await settleAll();
  }

  beforeEach(() => {
    restoreObserver = stubIntersectionObserver();
    // jsdom has no canvas: the charts stay blank, their text alternatives are what is tested.
    getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = (() => null) as unknown as typeof getContext;
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([{ path: 'admin/models/:version', component: ModelPage }]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
      deferBlockBehavior: DeferBlockBehavior.Manual,
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    apollo.verify();
    HTMLCanvasElement.prototype.getContext = getContext;
    restoreObserver();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  it('shows a skeleton, then the version with its figures and parameters', async () => {
    await open('m3');
    expect(el().querySelector('[data-testid="model-skeleton"]')).not.toBeNull();
    const op = apollo.expectOne('ModelVersionDetails');
    expect(op.operation.variables).toEqual({ version: 'm3' });
    answer(op, detailsData(OLDER, ACTIVE));
    await settleAll();

    expect(text(el().querySelector('h1'))).toBe('Model m3');
    expect(text(el().querySelector('[data-testid="active-badge"]'))).toBe('Active');
    expect(TestBed.inject(Title).getTitle()).toBe('Model m3 · Admin · Reelrank');
    expect(el().querySelector('.lead')?.textContent).toContain('(manual retrain)');
    expect(text(figure('CV RMSE')?.querySelector('dd'))).toBe('0.8610 ± 0.0110');
    expect(text(figure('MAE')?.querySelector('dd'))).toBe('0.6600');
    expect(text(figure('NDCG@10')?.querySelector('dd'))).toBe('0.3100 vs 0.2000 popularity (+55 %)');
    expect(text(figure('Ratings')?.querySelector('dd'))).toBe('100,836');
    expect(text(figure('Workflow')?.querySelector('dd'))).toBe('retrain-m3');
    const params = Array.from(el().querySelectorAll('.param-group'), (group) => text(group.querySelector('h3')));
    expect(params).toEqual(['Rating model (explicit ALS)', 'Ranking model (implicit ALS)']);
    expect(el().querySelector('.param-group')?.textContent).toContain('λ (regularization)');
    // The new-user figures next to the baselines and the model this one was compared with.
    const newUsers = el().querySelector('section[aria-labelledby="new-users-heading"]')!;
    expect(text(newUsers.querySelector('h2'))).toBe('New users');
    expect(Array.from(newUsers.querySelectorAll('thead th'), (th) => text(th))).toEqual([
      'Figure',
      'This model m3',
      'Active model m2, re-evaluated',
      'Popularity most-rated first',
      'Predicted rating explicit model',
    ]);
    expect(Array.from(newUsers.querySelectorAll('[data-row="likedPrecisionAtK"] td'), (td) => text(td))).toEqual([
      '0.3920 (best)',
      '0.3700',
      '0.3600',
      '0.2270',
    ]);
    // The active model has nothing to promote.
    expect(el().querySelector('button.promote')).toBeNull();
    expect(el().querySelector('.charts-placeholder')).not.toBeNull();
    expect(el().querySelector('rr-model-charts')).toBeNull();
  });

  it('shows why a candidate worse for new users was not promoted, next to its new-user figures', async () => {
    const reason =
      'worse new-user liked-P@k than active model m3: explicit CV RMSE 0.8600 vs 0.8610 (limit 0.8696), NDCG@k 0.3100 vs 0.3100 ' +
      '(limit 0.3038), new-user liked-P@k 0.2000 vs 0.3920 (limit 0.3802)';
    const rejected = {
      ...modelVersionDetails('m4', { status: 'REJECTED', createdAt: '2026-03-04T10:00:00.000Z', rejectionReason: reason }),
      newUser: newUserEvaluation({
        product: newUserFigures(0.2),
        activeModelVersion: 'm3',
        activeModel: newUserFigures(0.392),
      }),
    };
    await open('m4', detailsData(ACTIVE, rejected));

    expect(text(el().querySelector('[data-testid="rejection-reason"]'))).toBe(`Not promoted: ${reason}`);
    const likedP = Array.from(el().querySelectorAll('[data-row="likedPrecisionAtK"] td'), (td) => text(td));
    expect(likedP).toEqual(['0.2000', '0.3920 (best)', '0.3600', '0.2270']);
    expect(text(el().querySelector('button.promote'))).toBe('Promote m4');
  });

  it('loads the charts when they scroll into view', async () => {
    await open('m3', detailsData(OLDER, ACTIVE));

    await renderCharts();

    const captions = Array.from(el().querySelectorAll('rr-model-charts figcaption'), (c) => text(c));
    expect(captions).toEqual([
      'CV RMSE per configuration',
      'Validation NDCG per ranking configuration',
      'RMSE per fold',
      'Ranking metrics vs popularity baseline',
      'Training time per stage',
    ]);
    expect(el().querySelectorAll('rr-model-charts canvas[role="img"]')).toHaveLength(5);
    expect(el().querySelector('rr-model-charts .na')).toBeNull();
    const ranking = el().querySelector('[data-testid="chart-ranking"] canvas')?.getAttribute('aria-label');
    expect(ranking).toContain('NDCG@10 0.3100 vs 0.2000');
  });

  it('shows "Not available" for a version without an evaluation instead of failing', async () => {
    await open('m1', detailsData(ACTIVE, FAILED));

    expect(text(el().querySelector('h1'))).toBe('Model m1');
    expect(text(el().querySelector('[data-testid="rejection-reason"]'))).toBe('Failed: tuning: not enough ratings');
    expect(text(figure('CV RMSE')?.querySelector('dd'))).toBe('—');
    expect(text(figure('MAE')?.querySelector('dd'))).toBe('—');
    expect(text(figure('NDCG@k')?.querySelector('dd'))).toBe('— vs — popularity');
    expect(text(el().querySelector('[data-testid="params-na"]'))).toBe('Not available');
    expect(el().querySelector('[data-testid="new-user-table"]')).toBeNull();
    expect(text(el().querySelector('[data-testid="new-user-na"]'))).toMatch(/^Not available/);
    expect(el().querySelector('button.promote')).toBeNull();

    await renderCharts();
    expect(Array.from(el().querySelectorAll('rr-model-charts .na'), (na) => text(na))).toEqual(Array(5).fill('Not available'));
    expect(el().querySelector('rr-model-charts canvas')).toBeNull();
  });

  it('rolls back to an older version after confirmation', async () => {
    await open('m2', detailsData(OLDER, ACTIVE));
    const promote = el().querySelector<HTMLButtonElement>('button.promote')!;
    expect(text(promote)).toBe('Roll back to m2');

    promote.click();
    await settleAll();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container')!;
    expect(text(dialog.querySelector('h2'))).toBe('Roll back to m2?');
    button('Roll back', dialog)!.click();
    await settleAll();

    const op = apollo.expectOne('PromoteModel');
    expect(op.operation.variables).toEqual({ version: 'm2' });
    op.flushData({ promoteModel: { ...OLDER, active: true } });
    await settleAll();
    answer(apollo.expectOne('ModelVersionDetails'), detailsData({ ...OLDER, active: true }, { ...ACTIVE, active: false }));
    await settleAll();

    expect(el().querySelector('[data-testid="active-badge"]')).not.toBeNull();
    expect(el().querySelector('button.promote')).toBeNull();
  });

  it('says when the version does not exist', async () => {
    await open('m9', detailsData(ACTIVE));

    const notFound = el().querySelector('[data-testid="not-found"]');
    expect(notFound?.textContent).toContain('Model not found');
    expect(notFound?.textContent).toContain('“m9”');
    expect(notFound?.querySelector('a')?.getAttribute('href')).toBe('/admin/models');
  });

  it('shows an error with a Retry', async () => {
    await open('m3');
    apollo.expectOne('ModelVersionDetails').networkError(new Error('Failed to fetch'));
    await settleAll();

    expect(el().querySelector('[data-testid="error-state"]')?.textContent).toContain("Couldn't load the model");
    button('Retry')!.click();
    await settleAll();
    answer(apollo.expectOne('ModelVersionDetails'), detailsData(ACTIVE));
    await settleAll();
    expect(text(el().querySelector('h1'))).toBe('Model m3');
  });
});
