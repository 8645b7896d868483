/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentNode } from 'graphql';
import { Injectable } from '@angular/core';
import * as Apollo from 'apollo-angular';
export type ChangePasswordInput = {
  /** The password the account has now */
  currentPassword: string;
  /** 8 to 128 characters, not only whitespace, not one of the most common passwords */
  newPassword: string;
};

/** Explicit (rating) model grid overrides: each given list replaces the default list */
export type ExplicitGridInput = {
  /** Iteration checkpoints */
  iterations?: Array<number> | null | undefined;
  lambdas?: Array<number> | null | undefined;
  ranks?: Array<number> | null | undefined;
};

/** Implicit (ranking) model grid overrides: each given list replaces the default list */
export type ImplicitGridInput = {
  alphas?: Array<number> | null | undefined;
  /** Iteration checkpoints */
  iterations?: Array<number> | null | undefined;
  lambdas?: Array<number> | null | undefined;
  ranks?: Array<number> | null | undefined;
};

export type LogInInput = {
  email: string;
  password: string;
};

/** TRAINING: being trained; READY: published (promoted or rolled back to at will); REJECTED: published but worse than the active model; FAILED: training failed */
export type ModelVersionStatus =
  | 'FAILED'
  | 'READY'
  | 'REJECTED'
  | 'TRAINING';

/** A Temporal workflow execution's status */
export type PipelineRunStatus =
  | 'CANCELED'
  | 'COMPLETED'
  | 'CONTINUED_AS_NEW'
  | 'FAILED'
  | 'RUNNING'
  | 'TERMINATED'
  | 'TIMED_OUT';

/** PIPELINE: import + enrichment + retrain of a dataset version; IMPORT: MovieLens import; ENRICHMENT: TMDB details; RETRAIN: recommender training; SYSTEM_CHECK: smoke workflow */
export type PipelineRunType =
  | 'ENRICHMENT'
  | 'IMPORT'
  | 'PIPELINE'
  | 'RETRAIN'
  | 'SYSTEM_CHECK';

export type PipelineRunsFilter = {
  datasetVersion?: string | null | undefined;
  status?: PipelineRunStatus | null | undefined;
  type?: PipelineRunType | null | undefined;
};

/** Quarantined rows of one file and/or one kind of reason */
export type QuarantineFilter = {
  /** movies, links, tags or ratings */
  file?: string | null | undefined;
  /** A reason as QuarantineCount.reason gives it */
  reason?: string | null | undefined;
};

/** How a recommendation was made */
export type RecommendationSource =
  /** Popular, well-rated movies: too few ratings for personal picks (RECOMMENDATIONS_MIN_RATINGS), or no active model */
  | 'COLD_START'
  /** Computed now from the user's current ratings against the active model (rated since the model's snapshot, or new to it) */
  | 'FOLD_IN'
  /** The active model's list, computed at training time (the user has not rated anything since) */
  | 'PRECOMPUTED';

export type RetrainModelInput = {
  explicitGrid?: ExplicitGridInput | null | undefined;
  /** Explicit configurations cross-validated on all folds (default 3) */
  finalists?: number | null | undefined;
  /** Cross-validation folds, 2 to 20 (default 5) */
  folds?: number | null | undefined;
  /** Promote even when the candidate is worse than the active model */
  force?: boolean;
  implicitGrid?: ImplicitGridInput | null | undefined;
  /** Version id of the new model; default m<yyyymmdd>-<hhmmss> (UTC now) */
  modelVersion?: string | null | undefined;
};

export type SignUpInput = {
  /** 1 to 64 characters */
  displayName?: string | null | undefined;
  /** Stored trimmed, lower-cased and in Unicode NFC. Refused when its local part or a domain label mixes scripts, or when it looks like the address of an existing account (same Unicode TR39 confusable skeleton) */
  email: string;
  /** 8 to 128 characters, not only whitespace, not one of the most common passwords */
  password: string;
};

/** USER rates and gets recommendations; ADMIN also manages the system */
export type UserRole =
  | 'ADMIN'
  | 'USER';

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { accessToken: string, expiresAt: string, user: { id: number, email: string | null, displayName: string | null, role: UserRole } } };

export type DeleteAccountMutationVariables = Exact<{
  password: string;
}>;


export type DeleteAccountMutation = { deleteAccount: boolean };

export type ModelVersionSummaryFragment = { version: string, status: ModelVersionStatus, active: boolean, workflowId: string, rejectionReason: string | null, rmse: number | null, rmseStd: number | null, k: number | null, precisionAtK: number | null, recallAtK: number | null, ndcgAtK: number | null, popularityNdcgAtK: number | null, userCount: number | null, movieCount: number | null, ratingCount: number | null, snapshotAt: string, createdAt: string, promotedAt: string | null };

export type ModelVersionsQueryVariables = Exact<{
  first: number;
}>;


export type ModelVersionsQuery = { modelVersions: Array<{ version: string, status: ModelVersionStatus, active: boolean, workflowId: string, rejectionReason: string | null, rmse: number | null, rmseStd: number | null, k: number | null, precisionAtK: number | null, recallAtK: number | null, ndcgAtK: number | null, popularityNdcgAtK: number | null, userCount: number | null, movieCount: number | null, ratingCount: number | null, snapshotAt: string, createdAt: string, promotedAt: string | null }>, activeModel: { version: string, status: ModelVersionStatus, active: boolean, workflowId: string, rejectionReason: string | null, rmse: number | null, rmseStd: number | null, k: number | null, precisionAtK: number | null, recallAtK: number | null, ndcgAtK: number | null, popularityNdcgAtK: number | null, userCount: number | null, movieCount: number | null, ratingCount: number | null, snapshotAt: string, createdAt: string, promotedAt: string | null } | null };

export type NewUserFiguresFieldsFragment = { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number };

export type NewUserEvaluationFieldsFragment = { k: number, groups: number, profileSize: number, minRatings: number, likedMin: number, dislikedMax: number, eligibleUsers: number, activeModelVersion: string | null, product: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number }, popularity: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number }, explicitByPrediction: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number }, activeModel: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number } | null };

export type ExplicitParamsFieldsFragment = { rank: number, lambda: number, pseudoCount: number, biasLambda: number, iterations: number, seed: number };

export type ImplicitParamsFieldsFragment = { rank: number, lambda: number, alpha: number, confidence: string, epsilon: number, iterations: number, seed: number };

export type CrossValidationFoldFieldsFragment = { fold: number, rmse: number, mae: number, testRatings: number };

export type ModelMetricsFieldsFragment = { trigger: string | null, crossValidation: { mae: number, perFold: Array<{ fold: number, rmse: number, mae: number, testRatings: number }> } | null, ranking: { k: number, precisionAtK: number, recallAtK: number, ndcgAtK: number, mapAtK: number, popularity: { precisionAtK: number, recallAtK: number, ndcgAtK: number, mapAtK: number } } | null, explicitTuning: { configurations: Array<{ rmse: number, rmseStd: number, folds: number, params: { rank: number, lambda: number, pseudoCount: number, biasLambda: number, iterations: number, seed: number } }> } | null, implicitTuning: { configurations: Array<{ ndcgAtK: number, precisionAtK: number, recallAtK: number, params: { rank: number, lambda: number, alpha: number, confidence: string, epsilon: number, iterations: number, seed: number } }> } | null };

export type StageTimingsFieldsFragment = { snapshot: number | null, tuning: number | null, evaluating: number | null, training: number | null, publishing: number | null, promoting: number | null, trainExplicitSeconds: number | null, trainImplicitSeconds: number | null, storeSeconds: number | null };

export type ModelVersionDetailsQueryVariables = Exact<{
  version: string;
}>;


export type ModelVersionDetailsQuery = { modelVersion: { version: string, status: ModelVersionStatus, active: boolean, workflowId: string, rejectionReason: string | null, rmse: number | null, rmseStd: number | null, k: number | null, precisionAtK: number | null, recallAtK: number | null, ndcgAtK: number | null, popularityNdcgAtK: number | null, userCount: number | null, movieCount: number | null, ratingCount: number | null, snapshotAt: string, createdAt: string, promotedAt: string | null, params: { explicit: { rank: number, lambda: number, pseudoCount: number, biasLambda: number, iterations: number, seed: number } | null, implicit: { rank: number, lambda: number, alpha: number, confidence: string, epsilon: number, iterations: number, seed: number } | null }, metrics: { trigger: string | null, crossValidation: { mae: number, perFold: Array<{ fold: number, rmse: number, mae: number, testRatings: number }> } | null, ranking: { k: number, precisionAtK: number, recallAtK: number, ndcgAtK: number, mapAtK: number, popularity: { precisionAtK: number, recallAtK: number, ndcgAtK: number, mapAtK: number } } | null, explicitTuning: { configurations: Array<{ rmse: number, rmseStd: number, folds: number, params: { rank: number, lambda: number, pseudoCount: number, biasLambda: number, iterations: number, seed: number } }> } | null, implicitTuning: { configurations: Array<{ ndcgAtK: number, precisionAtK: number, recallAtK: number, params: { rank: number, lambda: number, alpha: number, confidence: string, epsilon: number, iterations: number, seed: number } }> } | null }, timings: { snapshot: number | null, tuning: number | null, evaluating: number | null, training: number | null, publishing: number | null, promoting: number | null, trainExplicitSeconds: number | null, trainImplicitSeconds: number | null, storeSeconds: number | null }, newUser: { k: number, groups: number, profileSize: number, minRatings: number, likedMin: number, dislikedMax: number, eligibleUsers: number, activeModelVersion: string | null, product: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number }, popularity: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number }, explicitByPrediction: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number }, activeModel: { likedPrecisionAtK: number, likedNdcgAtK: number, dislikedShare: number, blockbusterShare: number, coverage: number, users: number } | null } | null } | null, activeModel: { version: string, status: ModelVersionStatus, active: boolean, workflowId: string, rejectionReason: string | null, rmse: number | null, rmseStd: number | null, k: number | null, precisionAtK: number | null, recallAtK: number | null, ndcgAtK: number | null, popularityNdcgAtK: number | null, userCount: number | null, movieCount: number | null, ratingCount: number | null, snapshotAt: string, createdAt: string, promotedAt: string | null } | null };

export type PromoteModelMutationVariables = Exact<{
  version: string;
}>;


export type PromoteModelMutation = { promoteModel: { version: string, status: ModelVersionStatus, active: boolean, workflowId: string, rejectionReason: string | null, rmse: number | null, rmseStd: number | null, k: number | null, precisionAtK: number | null, recallAtK: number | null, ndcgAtK: number | null, popularityNdcgAtK: number | null, userCount: number | null, movieCount: number | null, ratingCount: number | null, snapshotAt: string, createdAt: string, promotedAt: string | null } };

export type PipelineRunFieldsFragment = { workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string };

export type PipelineRunsQueryVariables = Exact<{
  filter?: PipelineRunsFilter | null | undefined;
  first: number;
}>;


export type PipelineRunsQuery = { pipelineRuns: Array<{ workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string }> };

export type StartImportMutationVariables = Exact<{
  datasetVersion: string;
}>;


export type StartImportMutation = { startImport: { workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string } };

export type StartEnrichmentMutationVariables = Exact<{
  datasetVersion: string;
}>;


export type StartEnrichmentMutation = { startEnrichment: { workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string } };

export type StartPipelineMutationVariables = Exact<{
  datasetVersion: string;
}>;


export type StartPipelineMutation = { startPipeline: { workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string } };

export type RetrainModelMutationVariables = Exact<{
  input?: RetrainModelInput | null | undefined;
}>;


export type RetrainModelMutation = { retrainModel: { workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string } };

export type CancelPipelineRunMutationVariables = Exact<{
  workflowId: string;
}>;


export type CancelPipelineRunMutation = { cancelPipelineRun: { workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string } };

export type DatasetVersionsQueryVariables = Exact<{ [key: string]: never; }>;


export type DatasetVersionsQuery = { datasetVersions: Array<{ version: string, uploadedAt: string | null, files: Array<{ file: string, key: string, bytes: number, rows: number, sha256: string, imported: boolean }>, lastImport: { workflowId: string, status: string, startedAt: string, finishedAt: string | null, matchesUpload: boolean, error: string | null } | null }> };

export type PipelineRunDetailsQueryVariables = Exact<{
  workflowId: string;
}>;


export type PipelineRunDetailsQuery = { pipelineRun: { workflowId: string, runId: string, type: PipelineRunType, status: PipelineRunStatus, startedAt: string, closedAt: string | null, datasetVersion: string | null, modelVersion: string | null, progress: number | null, stage: string | null, temporalUiUrl: string, error: { message: string, type: string | null, activityType: string | null, stage: string | null, failedAt: string } | null, progressDetails:
      | { __typename: 'EnrichmentProgress' }
      | { __typename: 'ImportProgress', stage: string, files: { movies: { state: string, rowsRead: number, bytesRead: number, totalBytes: number, loaded: number, updated: number, rejected: number }, links: { state: string, rowsRead: number, bytesRead: number, totalBytes: number, loaded: number, updated: number, rejected: number }, tags: { state: string, rowsRead: number, bytesRead: number, totalBytes: number, loaded: number, updated: number, rejected: number }, ratings: { state: string, rowsRead: number, bytesRead: number, totalBytes: number, loaded: number, updated: number, rejected: number } } }
      | { __typename: 'PipelineProgress', stages: Array<{ name: string, status: string, workflowId: string | null, summary: string | null }> }
      | { __typename: 'RetrainProgress' }
     | null, quarantineCounts: Array<{ file: string, reason: string, rows: number }> | null } };

export type ImportFileFieldsFragment = { state: string, rowsRead: number, bytesRead: number, totalBytes: number, loaded: number, updated: number, rejected: number };

export type PipelineRunQuarantineQueryVariables = Exact<{
  workflowId: string;
  first: number;
  after?: string | null | undefined;
  filter?: QuarantineFilter | null | undefined;
}>;


export type PipelineRunQuarantineQuery = { pipelineRun: { workflowId: string, quarantinedRows: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { file: string, lineNumber: number, rawText: string, reason: string } }> } | null } };

export type SessionUserFragment = { id: number, email: string | null, displayName: string | null, role: UserRole };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: number, email: string | null, displayName: string | null, role: UserRole } };

export type LogInMutationVariables = Exact<{
  input: LogInInput;
}>;


export type LogInMutation = { logIn: { accessToken: string, expiresAt: string, user: { id: number, email: string | null, displayName: string | null, role: UserRole } } };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { signUp: { accessToken: string, expiresAt: string, user: { id: number, email: string | null, displayName: string | null, role: UserRole } } };

export type GenresQueryVariables = Exact<{ [key: string]: never; }>;


export type GenresQuery = { genres: Array<{ id: number, name: string, movieCount: number }> };

export type HealthQueryVariables = Exact<{ [key: string]: never; }>;


export type HealthQuery = { health: { ok: boolean, checkedAt: string, services: Array<{ name: string, up: boolean, latencyMs: number, error: string | null }> } };

export type TopPicksQueryVariables = Exact<{
  first: number;
}>;


export type TopPicksQuery = { recommendations: Array<{ source: RecommendationSource, predictedRating: number | null, explanation: { text: string } | null, movie: { id: number, title: string, year: number | null, averageRating: number | null, ratingCount: number, myRating: number | null, details: { posterUrl: string | null } | null } }> };

export type MovieDetailQueryVariables = Exact<{
  id: number;
}>;


export type MovieDetailQuery = { movie: { id: number, title: string, year: number | null, averageRating: number | null, ratingCount: number, myRating: number | null, imdbUrl: string | null, tmdbUrl: string | null, genres: Array<{ id: number, name: string }>, tags: Array<{ tag: string, count: number }>, details: { overview: string | null, tagline: string | null, runtime: number | null, releaseDate: string | null, posterUrl: string | null, backdropUrl: string | null, directors: Array<string>, cast: Array<{ name: string, character: string | null, profileUrl: string | null }> } | null } | null };

export type SimilarMoviesQueryVariables = Exact<{
  id: number;
  first: number;
}>;


export type SimilarMoviesQuery = { movie: { id: number, similar: Array<{ score: number, movie: { id: number, title: string, year: number | null, averageRating: number | null, ratingCount: number, myRating: number | null, details: { posterUrl: string | null } | null } }> } | null };

export type OnboardingMoviesQueryVariables = Exact<{
  first: number;
}>;


export type OnboardingMoviesQuery = { onboardingMovies: Array<{ id: number, title: string, year: number | null, averageRating: number | null, ratingCount: number, myRating: number | null, genres: Array<{ id: number, name: string }>, details: { posterUrl: string | null } | null }> };

export type MyRatingCountQueryVariables = Exact<{ [key: string]: never; }>;


export type MyRatingCountQuery = { myRatings: { totalCount: number, edges: Array<{ cursor: string }> }, recommendationSettings: { minRatings: number } };

export type MyRatingsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MyRatingsQuery = { myRatings: { totalCount: number, edges: Array<{ cursor: string, node: { rating: number, ratedAt: string, movie: { id: number, title: string, year: number | null, averageRating: number | null, ratingCount: number, myRating: number | null, genres: Array<{ id: number, name: string }>, details: { posterUrl: string | null } | null } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type MySkipsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MySkipsQuery = { mySkips: { totalCount: number, edges: Array<{ cursor: string, node: { skippedAt: string, movie: { id: number, title: string, year: number | null, averageRating: number | null, ratingCount: number, myRating: number | null, genres: Array<{ id: number, name: string }>, details: { posterUrl: string | null } | null } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type MovieCardFragment = { id: number, title: string, year: number | null, averageRating: number | null, ratingCount: number, myRating: number | null, details: { posterUrl: string | null } | null };

export type MovieRatingStatsFragment = { id: number, myRating: number | null, averageRating: number | null, ratingCount: number };

export type RateMovieMutationVariables = Exact<{
  movieId: number;
  rating: number;
}>;


export type RateMovieMutation = { rateMovie: { rating: number, ratedAt: string, movie: { id: number, myRating: number | null, averageRating: number | null, ratingCount: number } } };

export type RemoveRatingMutationVariables = Exact<{
  movieId: number;
}>;


export type RemoveRatingMutation = { removeRating: boolean };

export type SkipMovieMutationVariables = Exact<{
  movieId: number;
}>;


export type SkipMovieMutation = { skipMovie: { skippedAt: string, movie: { id: number, skippedByMe: boolean } } };

export type RemoveSkipMutationVariables = Exact<{
  movieId: number;
}>;


export type RemoveSkipMutation = { removeSkip: boolean };

export const ModelVersionSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelVersionSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"rmseStd"}},{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"popularityNdcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"movieCount"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"promotedAt"}}]}}]} as unknown as DocumentNode;
export const NewUserFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NewUserFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewUserFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likedPrecisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"likedNdcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"dislikedShare"}},{"kind":"Field","name":{"kind":"Name","value":"blockbusterShare"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"users"}}]}}]} as unknown as DocumentNode;
export const NewUserEvaluationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NewUserEvaluationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewUserEvaluation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"groups"}},{"kind":"Field","name":{"kind":"Name","value":"profileSize"}},{"kind":"Field","name":{"kind":"Name","value":"minRatings"}},{"kind":"Field","name":{"kind":"Name","value":"likedMin"}},{"kind":"Field","name":{"kind":"Name","value":"dislikedMax"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleUsers"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"popularity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"explicitByPrediction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeModelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"activeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NewUserFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewUserFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likedPrecisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"likedNdcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"dislikedShare"}},{"kind":"Field","name":{"kind":"Name","value":"blockbusterShare"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"users"}}]}}]} as unknown as DocumentNode;
export const CrossValidationFoldFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossValidationFoldFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossValidationFold"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fold"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"mae"}},{"kind":"Field","name":{"kind":"Name","value":"testRatings"}}]}}]} as unknown as DocumentNode;
export const ExplicitParamsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExplicitParamsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExplicitModelParams"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"lambda"}},{"kind":"Field","name":{"kind":"Name","value":"pseudoCount"}},{"kind":"Field","name":{"kind":"Name","value":"biasLambda"}},{"kind":"Field","name":{"kind":"Name","value":"iterations"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}}]}}]} as unknown as DocumentNode;
export const ImplicitParamsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImplicitParamsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImplicitModelParams"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"lambda"}},{"kind":"Field","name":{"kind":"Name","value":"alpha"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"epsilon"}},{"kind":"Field","name":{"kind":"Name","value":"iterations"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}}]}}]} as unknown as DocumentNode;
export const ModelMetricsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelMetricsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RetrainMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"crossValidation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mae"}},{"kind":"Field","name":{"kind":"Name","value":"perFold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CrossValidationFoldFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ranking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"mapAtK"}},{"kind":"Field","name":{"kind":"Name","value":"popularity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"mapAtK"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"explicitTuning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExplicitParamsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"rmseStd"}},{"kind":"Field","name":{"kind":"Name","value":"folds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"implicitTuning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImplicitParamsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExplicitParamsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExplicitModelParams"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"lambda"}},{"kind":"Field","name":{"kind":"Name","value":"pseudoCount"}},{"kind":"Field","name":{"kind":"Name","value":"biasLambda"}},{"kind":"Field","name":{"kind":"Name","value":"iterations"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImplicitParamsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImplicitModelParams"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"lambda"}},{"kind":"Field","name":{"kind":"Name","value":"alpha"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"epsilon"}},{"kind":"Field","name":{"kind":"Name","value":"iterations"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossValidationFoldFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossValidationFold"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fold"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"mae"}},{"kind":"Field","name":{"kind":"Name","value":"testRatings"}}]}}]} as unknown as DocumentNode;
export const StageTimingsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StageTimingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StageTimings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshot"}},{"kind":"Field","name":{"kind":"Name","value":"tuning"}},{"kind":"Field","name":{"kind":"Name","value":"evaluating"}},{"kind":"Field","name":{"kind":"Name","value":"training"}},{"kind":"Field","name":{"kind":"Name","value":"publishing"}},{"kind":"Field","name":{"kind":"Name","value":"promoting"}},{"kind":"Field","name":{"kind":"Name","value":"trainExplicitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"trainImplicitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"storeSeconds"}}]}}]} as unknown as DocumentNode;
export const PipelineRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]} as unknown as DocumentNode;
export const ImportFileFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportFileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportFileProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}}]}}]} as unknown as DocumentNode;
export const SessionUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]} as unknown as DocumentNode;
export const MovieCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posterUrl"}}]}}]}}]} as unknown as DocumentNode;
export const MovieRatingStatsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieRatingStats"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}}]}}]} as unknown as DocumentNode;
export const ChangePasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangePasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class ChangePasswordGQL extends Apollo.Mutation<ChangePasswordMutation, ChangePasswordMutationVariables> {
    override document = ChangePasswordDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const DeleteAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}]}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class DeleteAccountGQL extends Apollo.Mutation<DeleteAccountMutation, DeleteAccountMutationVariables> {
    override document = DeleteAccountDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const ModelVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelVersions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelVersionSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelVersionSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelVersionSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"rmseStd"}},{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"popularityNdcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"movieCount"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"promotedAt"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class ModelVersionsGQL extends Apollo.Query<ModelVersionsQuery, ModelVersionsQueryVariables> {
    override document = ModelVersionsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const ModelVersionDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelVersionDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelVersionSummary"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"explicit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExplicitParamsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"implicit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImplicitParamsFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelMetricsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StageTimingsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"newUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserEvaluationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelVersionSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelVersionSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"rmseStd"}},{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"popularityNdcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"movieCount"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"promotedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NewUserFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewUserFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likedPrecisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"likedNdcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"dislikedShare"}},{"kind":"Field","name":{"kind":"Name","value":"blockbusterShare"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"users"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NewUserEvaluationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewUserEvaluation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"groups"}},{"kind":"Field","name":{"kind":"Name","value":"profileSize"}},{"kind":"Field","name":{"kind":"Name","value":"minRatings"}},{"kind":"Field","name":{"kind":"Name","value":"likedMin"}},{"kind":"Field","name":{"kind":"Name","value":"dislikedMax"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleUsers"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"popularity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"explicitByPrediction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeModelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"activeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NewUserFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExplicitParamsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExplicitModelParams"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"lambda"}},{"kind":"Field","name":{"kind":"Name","value":"pseudoCount"}},{"kind":"Field","name":{"kind":"Name","value":"biasLambda"}},{"kind":"Field","name":{"kind":"Name","value":"iterations"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImplicitParamsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImplicitModelParams"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"lambda"}},{"kind":"Field","name":{"kind":"Name","value":"alpha"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"epsilon"}},{"kind":"Field","name":{"kind":"Name","value":"iterations"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossValidationFoldFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossValidationFold"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fold"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"mae"}},{"kind":"Field","name":{"kind":"Name","value":"testRatings"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelMetricsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RetrainMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"crossValidation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mae"}},{"kind":"Field","name":{"kind":"Name","value":"perFold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CrossValidationFoldFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ranking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"mapAtK"}},{"kind":"Field","name":{"kind":"Name","value":"popularity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"mapAtK"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"explicitTuning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExplicitParamsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"rmseStd"}},{"kind":"Field","name":{"kind":"Name","value":"folds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"implicitTuning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImplicitParamsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StageTimingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StageTimings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshot"}},{"kind":"Field","name":{"kind":"Name","value":"tuning"}},{"kind":"Field","name":{"kind":"Name","value":"evaluating"}},{"kind":"Field","name":{"kind":"Name","value":"training"}},{"kind":"Field","name":{"kind":"Name","value":"publishing"}},{"kind":"Field","name":{"kind":"Name","value":"promoting"}},{"kind":"Field","name":{"kind":"Name","value":"trainExplicitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"trainImplicitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"storeSeconds"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class ModelVersionDetailsGQL extends Apollo.Query<ModelVersionDetailsQuery, ModelVersionDetailsQueryVariables> {
    override document = ModelVersionDetailsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const PromoteModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PromoteModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promoteModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelVersionSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelVersionSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"rmseStd"}},{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"precisionAtK"}},{"kind":"Field","name":{"kind":"Name","value":"recallAtK"}},{"kind":"Field","name":{"kind":"Name","value":"ndcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"popularityNdcgAtK"}},{"kind":"Field","name":{"kind":"Name","value":"userCount"}},{"kind":"Field","name":{"kind":"Name","value":"movieCount"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"promotedAt"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class PromoteModelGQL extends Apollo.Mutation<PromoteModelMutation, PromoteModelMutationVariables> {
    override document = PromoteModelDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const PipelineRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PipelineRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRunsFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PipelineRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class PipelineRunsGQL extends Apollo.Query<PipelineRunsQuery, PipelineRunsQueryVariables> {
    override document = PipelineRunsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const StartImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PipelineRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class StartImportGQL extends Apollo.Mutation<StartImportMutation, StartImportMutationVariables> {
    override document = StartImportDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const StartEnrichmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartEnrichment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startEnrichment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PipelineRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class StartEnrichmentGQL extends Apollo.Mutation<StartEnrichmentMutation, StartEnrichmentMutationVariables> {
    override document = StartEnrichmentDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const StartPipelineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartPipeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startPipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PipelineRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class StartPipelineGQL extends Apollo.Mutation<StartPipelineMutation, StartPipelineMutationVariables> {
    override document = StartPipelineDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const RetrainModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetrainModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RetrainModelInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrainModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PipelineRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class RetrainModelGQL extends Apollo.Mutation<RetrainModelMutation, RetrainModelMutationVariables> {
    override document = RetrainModelDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CancelPipelineRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelPipelineRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelPipelineRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workflowId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PipelineRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class CancelPipelineRunGQL extends Apollo.Mutation<CancelPipelineRunMutation, CancelPipelineRunMutationVariables> {
    override document = CancelPipelineRunDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const DatasetVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"uploadedAt"}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"file"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"imported"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastImport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"matchesUpload"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class DatasetVersionsGQL extends Apollo.Query<DatasetVersionsQuery, DatasetVersionsQueryVariables> {
    override document = DatasetVersionsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const PipelineRunDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PipelineRunDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workflowId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PipelineRunFields"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"activityType"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"failedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progressDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"movies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportFileFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportFileFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportFileFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ratings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportFileFields"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"quarantineCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"file"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PipelineRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"datasetVersion"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"temporalUiUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportFileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportFileProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"rowsRead"}},{"kind":"Field","name":{"kind":"Name","value":"bytesRead"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class PipelineRunDetailsGQL extends Apollo.Query<PipelineRunDetailsQuery, PipelineRunDetailsQueryVariables> {
    override document = PipelineRunDetailsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const PipelineRunQuarantineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PipelineRunQuarantine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"QuarantineFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workflowId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"quarantinedRows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"file"}},{"kind":"Field","name":{"kind":"Name","value":"lineNumber"}},{"kind":"Field","name":{"kind":"Name","value":"rawText"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class PipelineRunQuarantineGQL extends Apollo.Query<PipelineRunQuarantineQuery, PipelineRunQuarantineQueryVariables> {
    override document = PipelineRunQuarantineDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class MeGQL extends Apollo.Query<MeQuery, MeQueryVariables> {
    override document = MeDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const LogInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class LogInGQL extends Apollo.Mutation<LogInMutation, LogInMutationVariables> {
    override document = LogInDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const SignUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class SignUpGQL extends Apollo.Mutation<SignUpMutation, SignUpMutationVariables> {
    override document = SignUpDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const GenresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"movieCount"}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class GenresGQL extends Apollo.Query<GenresQuery, GenresQueryVariables> {
    override document = GenresDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const HealthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class HealthGQL extends Apollo.Query<HealthQuery, HealthQueryVariables> {
    override document = HealthDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const TopPicksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopPicks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"predictedRating"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"movie"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MovieCard"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posterUrl"}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class TopPicksGQL extends Apollo.Query<TopPicksQuery, TopPicksQueryVariables> {
    override document = TopPicksDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const MovieDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MovieDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"movie"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"imdbUrl"}},{"kind":"Field","name":{"kind":"Name","value":"tmdbUrl"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"tagline"}},{"kind":"Field","name":{"kind":"Name","value":"runtime"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"posterUrl"}},{"kind":"Field","name":{"kind":"Name","value":"backdropUrl"}},{"kind":"Field","name":{"kind":"Name","value":"directors"}},{"kind":"Field","name":{"kind":"Name","value":"cast"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"character"}},{"kind":"Field","name":{"kind":"Name","value":"profileUrl"}}]}}]}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class MovieDetailGQL extends Apollo.Query<MovieDetailQuery, MovieDetailQueryVariables> {
    override document = MovieDetailDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const SimilarMoviesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SimilarMovies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"movie"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"similar"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"movie"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MovieCard"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posterUrl"}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class SimilarMoviesGQL extends Apollo.Query<SimilarMoviesQuery, SimilarMoviesQueryVariables> {
    override document = SimilarMoviesDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const OnboardingMoviesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OnboardingMovies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onboardingMovies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MovieCard"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posterUrl"}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class OnboardingMoviesGQL extends Apollo.Query<OnboardingMoviesQuery, OnboardingMoviesQueryVariables> {
    override document = OnboardingMoviesDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const MyRatingCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyRatingCount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myRatings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendationSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minRatings"}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class MyRatingCountGQL extends Apollo.Query<MyRatingCountQuery, MyRatingCountQueryVariables> {
    override document = MyRatingCountDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const MyRatingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyRatings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myRatings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"ratedAt"}},{"kind":"Field","name":{"kind":"Name","value":"movie"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MovieCard"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posterUrl"}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class MyRatingsGQL extends Apollo.Query<MyRatingsQuery, MyRatingsQueryVariables> {
    override document = MyRatingsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const MySkipsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySkips"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mySkips"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"movie"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MovieCard"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posterUrl"}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class MySkipsGQL extends Apollo.Query<MySkipsQuery, MySkipsQueryVariables> {
    override document = MySkipsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const RateMovieDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RateMovie"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rating"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rateMovie"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"movieId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}}},{"kind":"Argument","name":{"kind":"Name","value":"rating"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rating"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"ratedAt"}},{"kind":"Field","name":{"kind":"Name","value":"movie"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MovieRatingStats"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MovieRatingStats"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Movie"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"myRating"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingCount"}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class RateMovieGQL extends Apollo.Mutation<RateMovieMutation, RateMovieMutationVariables> {
    override document = RateMovieDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const RemoveRatingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveRating"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeRating"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"movieId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}}}]}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class RemoveRatingGQL extends Apollo.Mutation<RemoveRatingMutation, RemoveRatingMutationVariables> {
    override document = RemoveRatingDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const SkipMovieDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SkipMovie"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skipMovie"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"movieId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"movie"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"skippedByMe"}}]}}]}}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class SkipMovieGQL extends Apollo.Mutation<SkipMovieMutation, SkipMovieMutationVariables> {
    override document = SkipMovieDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const RemoveSkipDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSkip"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSkip"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"movieId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"movieId"}}}]}]}}]} as unknown as DocumentNode;

  @Injectable({
    providedIn: 'root'
  })
  export class RemoveSkipGQL extends Apollo.Mutation<RemoveSkipMutation, RemoveSkipMutationVariables> {
    override document = RemoveSkipDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }