import { RETRAIN_DEFAULTS, type PromotionTolerance } from './retrain';

/** The two figures a promotion compares (same protocol, same snapshot when the baseline is re-evaluated). */
export interface PromotionFigures {
  /** Mean k-fold CV RMSE of the explicit model (lower is better). */
  explicitRmse: number;
  /** NDCG@k of the implicit model on the ranking protocol (higher is better). */
  implicitNdcgAtK: number;
}

export interface PromotionCheck {
  candidate: number;
  baseline: number;
  /** The worst candidate value accepted. */
  limit: number;
  ok: boolean;
}

export interface PromotionDecision {
  promote: boolean;
  /** One line for model_versions.rejection_reason, the workflow result and the UI. */
  reason: string;
  forced: boolean;
  rmse?: PromotionCheck;
  ndcg?: PromotionCheck;
}

const f4 = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : String(value));

/**
 * Whether a candidate model may replace the active one. It is refused when its explicit CV RMSE exceeds the
 * active model's by more than `tolerance.rmse` (relative) or its NDCG@k falls below the active model's by
 * more than `tolerance.ndcg` (relative), unless `force`. Without an active model (or without comparable
 * figures) it is promoted. A candidate with non-finite figures is never promoted, forced or not.
 */
export function decidePromotion(args: {
  candidate: PromotionFigures;
  baseline?: (PromotionFigures & { version: string }) | null;
  force?: boolean;
  tolerance?: Partial<PromotionTolerance>;
}): PromotionDecision {
  const { candidate, baseline } = args;
  const force = args.force === true;
  const tolerance = { ...RETRAIN_DEFAULTS.tolerance, ...args.tolerance };
  if (!Number.isFinite(candidate.explicitRmse) || !Number.isFinite(candidate.implicitNdcgAtK)) {
    return {
      promote: false,
      forced: false,
      reason: `candidate metrics are not finite (RMSE ${candidate.explicitRmse}, NDCG ${candidate.implicitNdcgAtK})`,
    };
  }
  if (!baseline) return { promote: true, forced: false, reason: 'no active model' };
  if (!Number.isFinite(baseline.explicitRmse) || !Number.isFinite(baseline.implicitNdcgAtK)) {
    return { promote: true, forced: false, reason: `active model ${baseline.version} has no comparable metrics` };
  }
  const rmseLimit = baseline.explicitRmse * (1 + tolerance.rmse);
  const ndcgLimit = baseline.implicitNdcgAtK * (1 - tolerance.ndcg);
  const rmse: PromotionCheck = {
    candidate: candidate.explicitRmse,
    baseline: baseline.explicitRmse,
    limit: rmseLimit,
    ok: candidate.explicitRmse <= rmseLimit,
  };
  const ndcg: PromotionCheck = {
    candidate: candidate.implicitNdcgAtK,
    baseline: baseline.implicitNdcgAtK,
    limit: ndcgLimit,
    ok: candidate.implicitNdcgAtK >= ndcgLimit,
  };
  const figures =
    `explicit CV RMSE ${f4(rmse.candidate)} vs ${f4(rmse.baseline)} (limit ${f4(rmseLimit)}), ` +
    `NDCG@k ${f4(ndcg.candidate)} vs ${f4(ndcg.baseline)} (limit ${f4(ndcgLimit)})`;
  if (rmse.ok && ndcg.ok)
    return { promote: true, forced: false, reason: `not worse than active model ${baseline.version}: ${figures}`, rmse, ndcg };
  const worse = [!rmse.ok && 'explicit CV RMSE', !ndcg.ok && 'implicit NDCG@k'].filter(Boolean).join(' and ');
  if (force)
    return {
      promote: true,
      forced: true,
      reason: `forced despite worse ${worse} than active model ${baseline.version}: ${figures}`,
      rmse,
      ndcg,
    };
  return { promote: false, forced: false, reason: `worse ${worse} than active model ${baseline.version}: ${figures}`, rmse, ndcg };
}
