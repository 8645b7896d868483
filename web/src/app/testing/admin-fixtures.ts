/**
 * Admin test data (models, new-user figures, pipeline runs) in the shapes the API returns (with
 * __typename). Used by specs only; nothing in the app imports this file, so it never reaches a bundle.
 */

const explicitParams = {
  __typename: 'ExplicitModelParams' as const,
  rank: 30,
  lambda: 0.08,
  pseudoCount: 40,
  biasLambda: 2,
  iterations: 20,
  seed: 42,
};
const implicitParams = {
  __typename: 'ImplicitModelParams' as const,
  rank: 16,
  lambda: 2,
  alpha: 4,
  confidence: 'log',
  epsilon: 1,
  iterations: 10,
  seed: 42,
};

const fold = (index: number, rmse: number, mae: number, testRatings: number) => ({
  __typename: 'CrossValidationFold' as const,
  fold: index,
  rmse,
  mae,
  testRatings,
});
const explicitTried = (params: Partial<typeof explicitParams>, rmse: number, rmseStd: number, folds: number) => ({
  __typename: 'TunedExplicitConfiguration' as const,
  params: { ...explicitParams, ...params },
  rmse,
  rmseStd,
  folds,
});
const implicitTried = (params: Partial<typeof implicitParams>, ndcgAtK: number, precisionAtK: number, recallAtK: number) => ({
  __typename: 'TunedImplicitConfiguration' as const,
  params: { ...implicitParams, ...params },
  ndcgAtK,
  precisionAtK,
  recallAtK,
});

/** The evaluation of a trained version (`ModelVersionDetails`' typed fields), as the API serves a retrain's row. */
export const MODEL_DETAILS = {
  params: { __typename: 'ModelParams' as const, explicit: explicitParams, implicit: implicitParams },
  metrics: {
    __typename: 'RetrainMetrics' as const,
    trigger: 'manual' as string | null,
    crossValidation: {
      __typename: 'CrossValidation' as const,
      mae: 0.66,
      perFold: [fold(0, 0.85, 0.65, 20000), fold(1, 0.87, 0.67, 20000), fold(2, 0.863, 0.66, 20001)],
    },
    ranking: {
      __typename: 'RankingEvaluation' as const,
      k: 10,
      precisionAtK: 0.2,
      recallAtK: 0.15,
      ndcgAtK: 0.31,
      mapAtK: 0.12,
      popularity: { __typename: 'RankingFigures' as const, precisionAtK: 0.1, recallAtK: 0.08, ndcgAtK: 0.2, mapAtK: 0.06 },
    },
    explicitTuning: {
      __typename: 'ExplicitTuning' as const,
      configurations: [
        explicitTried({ rank: 20 }, 0.866, 0.01, 5),
        explicitTried({ iterations: 10 }, 0.872, 0.012, 5),
        explicitTried({}, 0.861, 0.011, 5),
        explicitTried({ rank: 20, lambda: 0.1 }, 0.89, 0, 1),
      ],
    },
    implicitTuning: {
      __typename: 'ImplicitTuning' as const,
      configurations: [implicitTried({ rank: 32 }, 0.29, 0.18, 0.14), implicitTried({}, 0.31, 0.2, 0.15)],
    },
  },
  timings: {
    __typename: 'StageTimings' as const,
    snapshot: 2,
    tuning: 60,
    evaluating: 20,
    training: 10,
    publishing: 5,
    promoting: 0.5 as number | null,
    trainExplicitSeconds: 4,
    trainImplicitSeconds: 3,
    storeSeconds: 1.5,
  },
};

/** A version still training (or failed): nothing chosen or evaluated yet. */
export const TRAINING_DETAILS = {
  params: { __typename: 'ModelParams' as const, explicit: null, implicit: null },
  metrics: {
    __typename: 'RetrainMetrics' as const,
    trigger: 'schedule',
    crossValidation: null,
    ranking: null,
    explicitTuning: null,
    implicitTuning: null,
  },
  timings: {
    __typename: 'StageTimings' as const,
    snapshot: null,
    tuning: null,
    evaluating: null,
    training: null,
    publishing: null,
    promoting: null,
    trainExplicitSeconds: null,
    trainImplicitSeconds: null,
    storeSeconds: null,
  },
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

/** A version with its evaluation too (`ModelVersionDetails`). */
export function modelVersionDetails(version: string, overrides: Partial<ModelVersionData> = {}) {
  return { ...modelVersion(version), ...MODEL_DETAILS, ...overrides };
}

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

/** A file of a dataset version's manifest (`DatasetFile`); its SHA-256 is 64 hex digits from `digit`. */
export const datasetFile = (file: string, bytes: number, rows: number, digit: string, imported = true) => ({
  __typename: 'DatasetFile' as const,
  file,
  key: `movielens/raw/ml-latest-small/${file}.csv`,
  bytes,
  rows,
  sha256: `${digit}${'0123456789abcdef'.repeat(4)}`.slice(0, 64),
  imported,
});

export interface DatasetImportData {
  __typename: 'DatasetImport';
  workflowId: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  matchesUpload: boolean;
  error: string | null;
}

/** A version uploaded with its four files and imported once, as is (`DatasetVersion`). */
export function datasetVersion(
  version: string,
  overrides: Partial<{ uploadedAt: string | null; files: ReturnType<typeof datasetFile>[]; lastImport: DatasetImportData | null }> = {},
) {
  return {
    __typename: 'DatasetVersion' as const,
    version,
    uploadedAt: '2026-03-01T09:00:00.000Z' as string | null,
    files: [
      datasetFile('movies', 494_431, 9742, 'a'),
      datasetFile('links', 197_979, 9742, 'b'),
      datasetFile('tags', 118_660, 3683, 'c'),
      datasetFile('ratings', 2_483_723, 100_836, 'd'),
    ],
    lastImport: {
      __typename: 'DatasetImport',
      workflowId: `import-movielens-${version}`,
      status: 'DONE',
      startedAt: '2026-03-01T10:00:00.000Z',
      finishedAt: '2026-03-01T10:03:12.000Z',
      matchesUpload: true,
      error: null,
    } as DatasetImportData | null,
    ...overrides,
  };
}
