import { decidePromotion } from './promotion';

const active = { version: 'm1', explicitRmse: 0.85, implicitNdcgAtK: 0.3 };

describe('decidePromotion', () => {
  it('promotes when there is no active model', () => {
    expect(decidePromotion({ candidate: { explicitRmse: 2, implicitNdcgAtK: 0 } })).toMatchObject({
      promote: true,
      reason: 'no active model',
    });
  });

  it('promotes a better or equal candidate', () => {
    const decision = decidePromotion({ candidate: { explicitRmse: 0.84, implicitNdcgAtK: 0.31 }, baseline: active });
    expect(decision).toMatchObject({ promote: true, forced: false, rmse: { ok: true }, ndcg: { ok: true } });
    expect(decision.reason).toMatch(/^not worse than active model m1: explicit CV RMSE 0.8400 vs 0.8500/);
    expect(decidePromotion({ candidate: { explicitRmse: 0.85, implicitNdcgAtK: 0.3 }, baseline: active }).promote).toBe(true);
  });

  it('tolerates a small regression (1 % RMSE, 2 % NDCG by default)', () => {
    expect(decidePromotion({ candidate: { explicitRmse: 0.85 * 1.0099, implicitNdcgAtK: 0.3 * 0.981 }, baseline: active }).promote).toBe(
      true,
    );
    expect(decidePromotion({ candidate: { explicitRmse: 0.85 * 1.011, implicitNdcgAtK: 0.3 }, baseline: active }).promote).toBe(false);
    expect(decidePromotion({ candidate: { explicitRmse: 0.85, implicitNdcgAtK: 0.3 * 0.97 }, baseline: active }).promote).toBe(false);
  });

  it('names what is worse when it refuses', () => {
    const decision = decidePromotion({ candidate: { explicitRmse: 1.2, implicitNdcgAtK: 0.1 }, baseline: active });
    expect(decision).toMatchObject({
      promote: false,
      forced: false,
      rmse: { ok: false, limit: 0.85 * 1.01 },
      ndcg: { ok: false, limit: 0.3 * 0.98 },
    });
    expect(decision.reason).toMatch(/^worse explicit CV RMSE and implicit NDCG@k than active model m1: explicit CV RMSE 1.2000 vs 0.8500/);
    expect(decidePromotion({ candidate: { explicitRmse: 0.8, implicitNdcgAtK: 0.1 }, baseline: active }).reason).toMatch(
      /^worse implicit NDCG@k than/,
    );
  });

  it('honours custom tolerances', () => {
    expect(
      decidePromotion({ candidate: { explicitRmse: 0.9, implicitNdcgAtK: 0.3 }, baseline: active, tolerance: { rmse: 0.1 } }).promote,
    ).toBe(true);
    expect(
      decidePromotion({ candidate: { explicitRmse: 0.85, implicitNdcgAtK: 0.3 }, baseline: active, tolerance: { rmse: 0, ndcg: 0 } })
        .promote,
    ).toBe(true);
  });

  it('promotes a worse candidate when forced, and says so', () => {
    const decision = decidePromotion({ candidate: { explicitRmse: 1.2, implicitNdcgAtK: 0.3 }, baseline: active, force: true });
    expect(decision).toMatchObject({ promote: true, forced: true });
    expect(decision.reason).toMatch(/^forced despite worse explicit CV RMSE than active model m1/);
  });

  it('never promotes non-finite metrics, even forced', () => {
    expect(decidePromotion({ candidate: { explicitRmse: NaN, implicitNdcgAtK: 0.3 }, force: true })).toMatchObject({ promote: false });
  });

  it('promotes when the active model has no comparable figures', () => {
    const decision = decidePromotion({
      candidate: { explicitRmse: 0.9, implicitNdcgAtK: 0.2 },
      baseline: { version: 'm0', explicitRmse: NaN, implicitNdcgAtK: 0.2 },
    });
    expect(decision).toMatchObject({ promote: true, reason: 'active model m0 has no comparable metrics' });
  });
});
