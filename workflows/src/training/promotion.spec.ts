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

  describe('new-user liked-P@k', () => {
    const withNewUser = { ...active, newUserLikedPrecisionAtK: 0.3 };
    const good = { explicitRmse: 0.84, implicitNdcgAtK: 0.31 };

    it('refuses a candidate worse on it beyond the tolerance (3 % by default), even when RMSE and NDCG are better', () => {
      const decision = decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: 0.25 }, baseline: withNewUser });
      expect(decision).toMatchObject({
        promote: false,
        forced: false,
        rmse: { ok: true },
        ndcg: { ok: true },
        newUser: { candidate: 0.25, baseline: 0.3, ok: false },
      });
      expect(decision.newUser!.limit).toBeCloseTo(0.3 * 0.97, 12);
      expect(decision.reason).toBe(
        'worse new-user liked-P@k than active model m1: explicit CV RMSE 0.8400 vs 0.8500 (limit 0.8585), ' +
          'NDCG@k 0.3100 vs 0.3000 (limit 0.2940), new-user liked-P@k 0.2500 vs 0.3000 (limit 0.2910)',
      );
      expect(decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: 0.3 * 0.969 }, baseline: withNewUser }).promote).toBe(false);
    });

    it('accepts a candidate within the tolerance, or better', () => {
      const within = decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: 0.3 * 0.971 }, baseline: withNewUser });
      expect(within).toMatchObject({ promote: true, forced: false, newUser: { ok: true } });
      expect(within.reason).toMatch(/^not worse than active model m1: .*, new-user liked-P@k 0.2913 vs 0.3000 \(limit 0.2910\)$/);
      expect(decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: 0.4 }, baseline: withNewUser }).promote).toBe(true);
    });

    it('honours a custom tolerance', () => {
      const candidate = { ...good, newUserLikedPrecisionAtK: 0.299 };
      expect(decidePromotion({ candidate, baseline: withNewUser, tolerance: { newUser: 0 } }).promote).toBe(false);
      expect(
        decidePromotion({ candidate: { ...candidate, newUserLikedPrecisionAtK: 0.15 }, baseline: withNewUser, tolerance: { newUser: 0.5 } })
          .promote,
      ).toBe(true);
    });

    it('names every worse figure', () => {
      const decision = decidePromotion({
        candidate: { explicitRmse: 1.2, implicitNdcgAtK: 0.1, newUserLikedPrecisionAtK: 0.1 },
        baseline: withNewUser,
      });
      expect(decision.reason).toMatch(/^worse explicit CV RMSE, implicit NDCG@k and new-user liked-P@k than active model m1: /);
    });

    it('promotes a candidate worse on it when forced, and says so', () => {
      const decision = decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: 0.1 }, baseline: withNewUser, force: true });
      expect(decision).toMatchObject({ promote: true, forced: true, newUser: { ok: false } });
      expect(decision.reason).toMatch(/^forced despite worse new-user liked-P@k than active model m1: /);
    });

    it('promotes without an active model, whatever the new-user figure', () => {
      expect(decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: 0 } })).toMatchObject({
        promote: true,
        reason: 'no active model',
      });
    });

    it('compares only when both sides have the figure, and says when it did not', () => {
      const noBaselineFigure = decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: 0.1 }, baseline: active });
      expect(noBaselineFigure.promote).toBe(true);
      expect(noBaselineFigure.newUser).toBeUndefined();
      expect(noBaselineFigure.reason).toMatch(/; new-user figures not compared \(none for m1\)$/);
      const nanBaseline = decidePromotion({
        candidate: { ...good, newUserLikedPrecisionAtK: 0.1 },
        baseline: { ...active, newUserLikedPrecisionAtK: NaN },
      });
      expect(nanBaseline).toMatchObject({ promote: true });
      expect(nanBaseline.newUser).toBeUndefined();
      const noCandidateFigure = decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: null }, baseline: withNewUser });
      expect(noCandidateFigure.promote).toBe(true);
      expect(noCandidateFigure.reason).toMatch(/; new-user figures not compared \(none for the candidate\)$/);
      expect(decidePromotion({ candidate: good, baseline: active }).reason).not.toMatch(/new-user/);
    });

    it('never promotes a non-finite new-user figure, even forced', () => {
      for (const value of [NaN, Infinity]) {
        const decision = decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: value }, baseline: withNewUser, force: true });
        expect(decision).toMatchObject({ promote: false, forced: false });
        expect(decision.reason).toMatch(/^candidate metrics are not finite \(.*new-user liked-P@k (NaN|Infinity)\)$/);
      }
      expect(decidePromotion({ candidate: { ...good, newUserLikedPrecisionAtK: NaN } }).promote).toBe(false);
    });
  });
});
