/**
 * New-user figures in the shape the API returns (`NewUserEvaluationFields`, with __typename). Used by specs
 * only; nothing in the app imports this file.
 */

export const newUserFigures = (
  likedPrecisionAtK: number,
  overrides: Partial<{ likedNdcgAtK: number; dislikedShare: number; blockbusterShare: number; coverage: number; users: number }> = {},
) => ({
  __typename: 'NewUserFigures' as const,
  likedPrecisionAtK,
  likedNdcgAtK: likedPrecisionAtK + 0.02,
  dislikedShare: 0.012,
  blockbusterShare: 0.35,
  coverage: 0.15,
  users: 310,
  ...overrides,
});

/** A version's new-user evaluation: the product ahead of popularity, explicit-by-prediction far behind. */
export const newUserEvaluation = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'NewUserEvaluation' as const,
  k: 10,
  groups: 5,
  profileSize: 10,
  minRatings: 40,
  likedMin: 4,
  dislikedMax: 2,
  eligibleUsers: 330,
  product: newUserFigures(0.392, { dislikedShare: 0.011, blockbusterShare: 0.41, coverage: 0.118 }),
  popularity: newUserFigures(0.36, { dislikedShare: 0.02, blockbusterShare: 0.93, coverage: 0.0061 }),
  explicitByPrediction: newUserFigures(0.227, { dislikedShare: 0.009, blockbusterShare: 0.12, coverage: 0.2 }),
  activeModelVersion: null as string | null,
  activeModel: null as ReturnType<typeof newUserFigures> | null,
  ...overrides,
});
