import { RETRAIN_DEFAULTS, type PromotionTolerance } from './retrain';

/** The figures a promotion compares (same protocol, same snapshot when the baseline is re-evaluated). */
export interface PromotionFigures {
  /** Mean k-fold CV RMSE of the explicit model (lower is better). */
  explicitRmse: number;
  /** NDCG@k of the implicit model on the ranking protocol (higher is better). */
  implicitNdcgAtK: number;
  /**
   * Liked-P@k of the product's ranking on the new-user protocol (higher is better); null or absent when it was
   * not evaluated (a snapshot with too few users with enough ratings, a version trained before it existed).
   */
  newUserLikedPrecisionAtK?: number | null;
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
  /** Absent when either side has no new-user figure. */
  newUser?: PromotionCheck;
}

/** "a", "a and b", "a, b and c". */
const listing = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');

const f4 = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : String(value));

/**
 * Whether a candidate model may replace the active one. It is refused when its explicit CV RMSE exceeds the
 * active model's by more than `tolerance.rmse` (relative), its NDCG@k falls below the active model's by more
 * than `tolerance.ndcg` (relative), or its new-user liked-P@k falls below the active model's by more than
 * `tolerance.newUser` (relative; compared only when both have one), unless `force`. Without an active model
 * (or without comparable RMSE and NDCG) it is promoted. A candidate with non-finite figures is never
 * promoted, forced or not.
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
  const candidateNewUser = candidate.newUserLikedPrecisionAtK ?? null;
  if (
    !Number.isFinite(candidate.explicitRmse) ||
    !Number.isFinite(candidate.implicitNdcgAtK) ||
    (candidateNewUser !== null && !Number.isFinite(candidateNewUser))
  ) {
    const newUser = candidateNewUser === null ? '' : `, new-user liked-P@k ${candidateNewUser}`;
    return {
      promote: false,
      forced: false,
      reason: `candidate metrics are not finite (RMSE ${candidate.explicitRmse}, NDCG ${candidate.implicitNdcgAtK}${newUser})`,
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
  const baselineNewUser = baseline.newUserLikedPrecisionAtK ?? null;
  let newUser: PromotionCheck | undefined;
  if (candidateNewUser !== null && baselineNewUser !== null && Number.isFinite(baselineNewUser)) {
    const limit = baselineNewUser * (1 - tolerance.newUser);
    newUser = { candidate: candidateNewUser, baseline: baselineNewUser, limit, ok: candidateNewUser >= limit };
  }
  const checks = { rmse, ndcg, ...(newUser ? { newUser } : {}) };
  let figures =
    `explicit CV RMSE ${f4(rmse.candidate)} vs ${f4(rmse.baseline)} (limit ${f4(rmseLimit)}), ` +
    `NDCG@k ${f4(ndcg.candidate)} vs ${f4(ndcg.baseline)} (limit ${f4(ndcgLimit)})`;
  if (newUser) figures += `, new-user liked-P@k ${f4(newUser.candidate)} vs ${f4(newUser.baseline)} (limit ${f4(newUser.limit)})`;
  else if (candidateNewUser === null && baselineNewUser !== null) figures += '; new-user figures not compared (none for the candidate)';
  else if (candidateNewUser !== null) figures += `; new-user figures not compared (none for ${baseline.version})`;
  if (rmse.ok && ndcg.ok && (newUser?.ok ?? true))
    return { promote: true, forced: false, reason: `not worse than active model ${baseline.version}: ${figures}`, ...checks };
  const worse = listing(
    [!rmse.ok && 'explicit CV RMSE', !ndcg.ok && 'implicit NDCG@k', newUser?.ok === false && 'new-user liked-P@k'].filter(
      (name): name is string => typeof name === 'string',
    ),
  );
  if (force)
    return {
      promote: true,
      forced: true,
      reason: `forced despite worse ${worse} than active model ${baseline.version}: ${figures}`,
      ...checks,
    };
  return { promote: false, forced: false, reason: `worse ${worse} than active model ${baseline.version}: ${figures}`, ...checks };
}
