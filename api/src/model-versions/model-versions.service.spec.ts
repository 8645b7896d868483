import { ModelVersionStatus, type ModelVersion as ModelVersionRow } from '@reelrank/database';
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
