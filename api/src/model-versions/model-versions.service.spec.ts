import { ModelVersionStatus, type ModelVersion as ModelVersionRow } from '@reelrank/prisma';
import { STORED_RETRAIN_ROW } from '../../test/support/stored-retrain-row';
import { toModel } from './model-versions.service';

const figures = (likedPrecisionAtK: number) => ({
  likedPrecisionAtK,
  likedNdcgAtK: likedPrecisionAtK + 0.02,
  dislikedShare: 0.01,
  blockbusterShare: 0.4,
  coverage: 0.12,
  users: 320,
});

/** metrics.newUser as the retrain stores it (NewUserEvaluation of @reelrank/workflows). */
const storedNewUser = {
  k: 10,
  seed: 42,
  groups: 5,
  profileSize: 10,
  minRatings: 40,
  likedMin: 4,
  dislikedMax: 2,
  params: { explicit: { rank: 30 }, implicit: { rank: 32 } },
  product: figures(0.39),
  popularity: figures(0.36),
  explicitByPrediction: figures(0.23),
  skipped: null,
  eligibleUsers: 330,
  moviesWithGenres: 9708,
  seconds: 41.5,
};

const row = (metrics: object): ModelVersionRow => ({
  version: 'm2',
  status: ModelVersionStatus.READY,
  workflowId: 'retrain-m2',
  storagePrefix: 'models/m2/',
  params: {},
  metrics: metrics as ModelVersionRow['metrics'],
  dataCounts: {},
  ratingsWatermark: null,
  timings: {},
  rejectionReason: null,
  snapshotAt: new Date('2026-03-01T00:00:00Z'),
  createdAt: new Date('2026-03-01T00:00:00Z'),
  promotedAt: null,
});

const protocol = { k: 10, groups: 5, profileSize: 10, minRatings: 40, likedMin: 4, dislikedMax: 2, eligibleUsers: 330 };

describe('ModelVersion.newUser', () => {
  it('types the stored new-user figures: the product next to popularity and explicit-by-prediction', () => {
    expect(toModel(row({ newUser: storedNewUser }), undefined).newUser).toEqual({
      ...protocol,
      product: figures(0.39),
      popularity: figures(0.36),
      explicitByPrediction: figures(0.23),
      activeModel: null,
      activeModelVersion: null,
    });
  });

  it("adds the active model's re-evaluated figures (what promotion compared with)", () => {
    const metrics = {
      newUser: storedNewUser,
      baseline: { version: 'm1', source: 'reevaluated', newUser: { ...storedNewUser, product: figures(0.4) } },
    };
    expect(toModel(row(metrics), undefined).newUser).toMatchObject({ activeModel: figures(0.4), activeModelVersion: 'm1' });
    // A stored baseline (no re-evaluation) has no figures of its own here.
    const stored = { newUser: storedNewUser, baseline: { version: 'm1', source: 'stored', newUserLikedPrecisionAtK: 0.4 } };
    expect(toModel(row(stored), undefined).newUser).toMatchObject({ activeModel: null, activeModelVersion: null });
  });

  it('is null for versions without them: older, training, skipped, or malformed', () => {
    expect(toModel(row({}), undefined).newUser).toBeNull();
    expect(toModel(row({ trigger: 'manual' }), undefined).newUser).toBeNull();
    const skipped = {
      ...storedNewUser,
      product: null,
      popularity: null,
      explicitByPrediction: null,
      skipped: 'too few users',
      eligibleUsers: 0,
    };
    expect(toModel(row({ newUser: skipped }), undefined).newUser).toBeNull();
    // JSON turns NaN into null; a missing figure or protocol field drops the section rather than inventing a value.
    expect(toModel(row({ newUser: { ...storedNewUser, product: { ...figures(0.39), coverage: null } } }), undefined).newUser).toBeNull();
    expect(toModel(row({ newUser: { ...storedNewUser, k: '10' } }), undefined).newUser).toBeNull();
    expect(toModel(row({ newUser: [storedNewUser] }), undefined).newUser).toBeNull();
  });
});

describe('ModelVersion from a row stored by the retrain', () => {
  const stored = STORED_RETRAIN_ROW;
  const { metrics } = stored;
  const storedRow = (overrides: Partial<ModelVersionRow> = {}): ModelVersionRow => ({
    ...stored,
    status: ModelVersionStatus.REJECTED,
    snapshotAt: new Date(stored.snapshotAt),
    createdAt: new Date(stored.snapshotAt),
    promotedAt: null,
    ratingsWatermark: null,
    ...overrides,
  });

  it('reads every section into the typed fields', () => {
    const model = toModel(storedRow(), 'm20261207-122354');

    expect(model).toMatchObject({
      version: 'worse-a32be9',
      active: false,
      rmse: metrics.summary.explicitRmse,
      rmseStd: metrics.summary.explicitRmseStd,
      precisionAtK: metrics.summary.implicitPrecisionAtK,
      recallAtK: metrics.summary.implicitRecallAtK,
      ndcgAtK: metrics.summary.implicitNdcgAtK,
      popularityNdcgAtK: metrics.summary.popularityNdcgAtK,
      k: 10,
      ratingCount: 15448,
      userCount: 100,
      movieCount: 4180,
    });
    expect(model.params).toEqual(stored.params);
    expect(model.dataCounts).toEqual({ ratings: 15448, users: 100, movies: 4180 });
    expect(model.timings).toEqual({ ...stored.timings, failedAt: null });
    expect(model.metrics).toEqual({
      trigger: 'manual',
      crossValidation: metrics.explicit.cv,
      ranking: metrics.implicit.ranking,
      explicitTuning: metrics.explicit.tuning,
      implicitTuning: metrics.implicit.tuning,
      tuningRuns: metrics.tuningRuns,
      baseline: {
        version: 'm20261207-122354',
        source: 'reevaluated',
        explicitRmse: metrics.baseline.explicitRmse,
        implicitNdcgAtK: metrics.baseline.implicitNdcgAtK,
        newUserLikedPrecisionAtK: metrics.baseline.newUserLikedPrecisionAtK,
        crossValidation: metrics.baseline.explicitCv,
        ranking: metrics.baseline.implicitRanking,
      },
      promotion: {
        reason: metrics.promotion.reason,
        promote: false,
        force: false,
        forced: false,
        rmse: metrics.promotion.decision.rmse,
        ndcg: metrics.promotion.decision.ndcg,
        newUser: metrics.promotion.decision.newUser,
        comparedWith: metrics.promotion.comparedWith,
        previousActiveVersion: 'm20261207-122354',
        tolerance: { rmse: 0.01, ndcg: 0.02, newUser: 0.03 },
      },
    });
    expect(model.metrics.explicitTuning!.configurations).toHaveLength(1);
    expect(model.metrics.crossValidation!.perFold.map((f) => f.fold)).toEqual([0, 1, 2]);
    expect(model.newUser).toMatchObject({
      product: { likedPrecisionAtK: metrics.newUser.product.likedPrecisionAtK },
      activeModel: metrics.baseline.newUser.product,
      activeModelVersion: 'm20261207-122354',
    });
  });

  it('reads a version still training: its trigger and snapshot, nothing chosen or evaluated', () => {
    const training = toModel(
      storedRow({ status: ModelVersionStatus.TRAINING, params: {}, metrics: { trigger: 'schedule' }, timings: { snapshot: 0.6 } }),
      undefined,
    );

    expect(training.params).toEqual({ explicit: null, implicit: null });
    expect(training.metrics).toEqual({
      trigger: 'schedule',
      crossValidation: null,
      ranking: null,
      explicitTuning: null,
      implicitTuning: null,
      tuningRuns: null,
      baseline: null,
      promotion: null,
    });
    expect(training.timings).toMatchObject({ snapshot: 0.6, tuning: null, storeSeconds: null, failedAt: null });
    expect(training).toMatchObject({ rmse: null, k: null, newUser: null, ratingCount: 15448 });
  });

  it('reads when a version failed', () => {
    const failed = toModel(storedRow({ timings: { snapshot: 0.6, failedAt: '2026-12-07T12:25:00.123456+00:00' } }), undefined);
    expect(failed.timings.failedAt).toEqual(new Date('2026-12-07T12:25:00.123Z'));
  });

  it('leaves out what it cannot read rather than inventing it', () => {
    const { explicit, implicit } = metrics;
    const diverged = { ...explicit.tuning.configurations[0], rmse: null }; // JSON turns NaN into null
    const broken = toModel(
      storedRow({
        params: { explicit: { ...stored.params.explicit, rank: '1' }, implicit: { ...stored.params.implicit, confidence: 'cubic' } },
        metrics: {
          ...metrics,
          explicit: {
            cv: { ...explicit.cv, maeStd: null },
            tuning: { ...explicit.tuning, configurations: [diverged, ...explicit.tuning.configurations] },
          },
          implicit: { ranking: { ...implicit.ranking, popularity: 'none' }, tuning: { ...implicit.tuning, grid: null } },
          baseline: null,
          promotion: {
            ...metrics.promotion,
            decision: { ...metrics.promotion.decision, newUser: undefined },
            tolerance: { rmse: 0.01, ndcg: 0.02 },
          },
        },
        dataCounts: { ratings: 15448, users: 100 },
        timings: [],
      }),
      undefined,
    );

    expect(broken.params).toEqual({ explicit: null, implicit: null });
    expect(broken.metrics).toMatchObject({ crossValidation: null, ranking: null, implicitTuning: null, baseline: null });
    expect(broken.metrics.explicitTuning!.configurations).toEqual(explicit.tuning.configurations);
    expect(broken.metrics.promotion).toMatchObject({ newUser: null, tolerance: { rmse: 0.01, ndcg: 0.02, newUser: null } });
    expect(broken).toMatchObject({ dataCounts: null, ratingCount: 15448, movieCount: null });
    expect(Object.values(broken.timings).every((value) => value === null)).toBe(true);
  });
});
