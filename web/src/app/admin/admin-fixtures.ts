/**
 * Admin test data in the shapes the API returns (with __typename). Used by specs only; nothing in
 * the app imports this file, so it never reaches a bundle.
 */

const explicitParams = { rank: 30, lambda: 0.08, pseudoCount: 40, biasLambda: 2, iterations: 20, seed: 42 };
const implicitParams = { rank: 16, lambda: 2, alpha: 4, confidence: 'log', epsilon: 1, iterations: 10, seed: 42 };

/** The JSON text fields of a trained version, as the retrain workflow stores them. */
export const MODEL_JSON = {
  params: JSON.stringify({ explicit: explicitParams, implicit: implicitParams }),
  configurations: JSON.stringify({
    explicit: [
      { params: { ...explicitParams, rank: 20, iterations: 20 }, rmse: 0.866, rmseStd: 0.01, mae: 0.67, folds: 5 },
      { params: { ...explicitParams, iterations: 10 }, rmse: 0.872, rmseStd: 0.012, mae: 0.68, folds: 5 },
      { params: explicitParams, rmse: 0.861, rmseStd: 0.011, mae: 0.66, folds: 5 },
      { params: { ...explicitParams, rank: 20, lambda: 0.1 }, rmse: 0.89, rmseStd: 0, mae: 0.7, folds: 1 },
    ],
    implicit: [
      {
        params: { ...implicitParams, rank: 32 },
        precisionAtK: 0.18,
        recallAtK: 0.14,
        ndcgAtK: 0.29,
        mapAtK: 0.1,
        coverage: 0.2,
        users: 600,
      },
      { params: implicitParams, precisionAtK: 0.2, recallAtK: 0.15, ndcgAtK: 0.31, mapAtK: 0.12, coverage: 0.25, users: 600 },
    ],
  }),
  cvPerFold: JSON.stringify([
    { fold: 1, rmse: 0.87, mae: 0.67, trainRatings: 80000, testRatings: 20000, seconds: 3.2 },
    { fold: 0, rmse: 0.85, mae: 0.65, trainRatings: 80000, testRatings: 20000, seconds: 3.1 },
    { fold: 2, rmse: 0.863, mae: 0.66, trainRatings: 79999, testRatings: 20001, seconds: 2.9 },
  ]),
  metrics: JSON.stringify({
    trigger: 'manual',
    summary: {
      explicitRmse: 0.861,
      explicitRmseStd: 0.011,
      explicitMae: 0.66,
      folds: 5,
      implicitNdcgAtK: 0.31,
      implicitPrecisionAtK: 0.2,
      implicitRecallAtK: 0.15,
      popularityNdcgAtK: 0.2,
      k: 10,
    },
    implicit: {
      ranking: {
        precisionAtK: 0.2,
        recallAtK: 0.15,
        ndcgAtK: 0.31,
        mapAtK: 0.12,
        coverage: 0.25,
        users: 600,
        k: 10,
        popularity: { precisionAtK: 0.1, recallAtK: 0.08, ndcgAtK: 0.2, mapAtK: 0.06, coverage: 0.01, users: 600 },
      },
    },
  }),
  dataCounts: JSON.stringify({ ratings: 100836, users: 610, movies: 9724, snapshotAt: '2026-03-01T10:00:00.000Z' }),
  timings: JSON.stringify({
    snapshot: 2,
    tuning: 60,
    evaluating: 20,
    training: 10,
    publishing: 5,
    promoting: 0.5,
    trainExplicitSeconds: 4,
    trainImplicitSeconds: 3,
    storeSeconds: 1.5,
  }),
};

export interface ModelVersionData {
  __typename: 'ModelVersion';
  version: string;
  status: 'TRAINING' | 'READY' | 'REJECTED' | 'FAILED';
  active: boolean;
  workflowId: string;
  rejectionReason: string | null;
  rmse: number | null;
  rmseStd: number | null;
  k: number | null;
  precisionAtK: number | null;
  recallAtK: number | null;
  ndcgAtK: number | null;
  popularityNdcgAtK: number | null;
  userCount: number | null;
  movieCount: number | null;
  ratingCount: number | null;
  snapshotAt: string;
  createdAt: string;
  promotedAt: string | null;
}

/** A version's summary fields (`ModelVersionSummary`). */
export function modelVersion(version: string, overrides: Partial<ModelVersionData> = {}): ModelVersionData {
  return {
    __typename: 'ModelVersion',
    version,
    status: 'READY',
    active: false,
    workflowId: `retrain-${version}`,
    rejectionReason: null,
    rmse: 0.861,
    rmseStd: 0.011,
    k: 10,
    precisionAtK: 0.2,
    recallAtK: 0.15,
    ndcgAtK: 0.31,
    popularityNdcgAtK: 0.2,
    userCount: 610,
    movieCount: 9724,
    ratingCount: 100836,
    snapshotAt: '2026-03-01T10:00:00.000Z',
    createdAt: '2026-03-01T10:00:00.000Z',
    promotedAt: null,
    ...overrides,
  };
}

/** A version with its JSON fields too (`ModelVersionDetails`). */
export function modelVersionDetails(version: string, overrides: Partial<ModelVersionData & typeof MODEL_JSON> = {}) {
  return { ...modelVersion(version), ...MODEL_JSON, ...overrides };
}

export interface PipelineRunData {
  __typename: 'PipelineRun';
  workflowId: string;
  runId: string;
  type: 'PIPELINE' | 'IMPORT' | 'ENRICHMENT' | 'RETRAIN' | 'SYSTEM_CHECK';
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED' | 'TERMINATED' | 'TIMED_OUT' | 'CONTINUED_AS_NEW';
  startedAt: string;
  closedAt: string | null;
  datasetVersion: string | null;
  modelVersion: string | null;
  progress: number | null;
  stage: string | null;
  temporalUiUrl: string;
}

export function pipelineRun(workflowId: string, overrides: Partial<PipelineRunData> = {}): PipelineRunData {
  return {
    __typename: 'PipelineRun',
    workflowId,
    runId: `run-of-${workflowId}`,
    type: 'IMPORT',
    status: 'COMPLETED',
    startedAt: '2026-03-01T10:00:00.000Z',
    closedAt: '2026-03-01T10:03:12.000Z',
    datasetVersion: 'ml-latest-small',
    modelVersion: null,
    progress: 1,
    stage: 'done',
    temporalUiUrl: `http://localhost:8233/namespaces/default/workflows/${workflowId}/run-of-${workflowId}/history`,
    ...overrides,
  };
}
