import {
  ApplicationFailure,
  CancellationScope,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import type { MovieLensFileCheckpoint, MovieLensImportActivities, MovieLensImportFile, StagedMovieLensFile } from './activities';
import {
  datasetVersionProblem,
  IMPORT_PIPELINE_TYPE,
  MOVIELENS_FILES,
  movieLensImportProgressQuery,
  type ImportMovieLensInput,
  type ImportMovieLensResult,
  type MovieLensFile,
  type MovieLensImportProgress,
  type MovieLensImportStage,
} from './movielens';

/** Errors that retrying cannot fix: a missing object, a wrong header, an object changed mid-import. */
const NON_RETRYABLE = ['MovieLensInputError'];

const { prepareMovieLensImport, markMovieLensImportFailed } = proxyActivities<MovieLensImportActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

// Staging streams a whole file (25M ratings take minutes); it heartbeats its committed byte offset every
// second, and a retry (on another worker after a crash) resumes from the last heartbeat.
const { stageMovieLensFile } = proxyActivities<MovieLensImportActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '5 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

// The merge is one transaction: a retry starts it over (or returns the result of an attempt that committed).
const { mergeMovieLensImport } = proxyActivities<MovieLensImportActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '30 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 5,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

// A cheap read of the staging checkpoints while files load, so `progress` is live.
const { readMovieLensImportProgress } = proxyLocalActivities<MovieLensImportActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 1 },
});

/**
 * Imports the MovieLens CSVs uploaded under `movielens/raw/<datasetVersion>/` (see `npm run dataset:upload`):
 * validate → stage movies → stage links, tags and ratings → one transactional merge into the final tables.
 * Start it with workflow id importMovieLensWorkflowId(datasetVersion) on TASK_QUEUES.main. Re-running a
 * version is idempotent: the same rows read and rejected, nothing inserted or updated.
 */
export async function importMovieLensWorkflow(input: ImportMovieLensInput): Promise<ImportMovieLensResult> {
  const { datasetVersion } = input;
  const problem = datasetVersionProblem(datasetVersion);
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'MovieLensInputError');

  const progress: MovieLensImportProgress = {
    datasetVersion,
    stage: 'validating',
    files: Object.fromEntries(
      MOVIELENS_FILES.map((file) => [
        file,
        { rowsRead: 0, bytesRead: 0, totalBytes: 0, staged: 0, loaded: 0, updated: 0, rejected: 0, state: 'pending' },
      ]),
    ) as MovieLensImportProgress['files'],
  };
  setHandler(movieLensImportProgressQuery, () => progress);
  const enterStage = (stage: MovieLensImportStage) => {
    progress.stage = stage;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pipelineStage, value: stage }]);
  };
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.pipelineType, value: IMPORT_PIPELINE_TYPE },
    { key: SEARCH_ATTRIBUTES.datasetVersion, value: datasetVersion },
    { key: SEARCH_ATTRIBUTES.pipelineStage, value: 'validating' },
  ]);
  upsertMemo({ datasetVersion });

  try {
    const prepared = await prepareMovieLensImport({ datasetVersion, workflowRunId: workflowInfo().runId });
    progress.importId = prepared.importId;
    const byFile = new Map(prepared.files.map((file) => [file.file, file]));
    for (const file of prepared.files) progress.files[file.file].totalBytes = file.totalBytes;

    const stage = (file: MovieLensFile) => {
      progress.files[file].state = 'staging';
      return stageMovieLensFile({ importId: prepared.importId, datasetVersion, file: byFile.get(file) as MovieLensImportFile }).then(
        (staged) => recordStaged(progress, staged),
      );
    };

    enterStage('loading-movies');
    await whileReportingProgress(progress, stage('movies'));

    // Links, tags and ratings only reference movies, so they stage side by side.
    enterStage('loading-ratings');
    await whileReportingProgress(progress, Promise.all([stage('links'), stage('tags'), stage('ratings')]));

    enterStage('merging');
    for (const file of MOVIELENS_FILES) progress.files[file].state = 'staged';
    const result = await mergeMovieLensImport({ importId: prepared.importId });
    for (const file of MOVIELENS_FILES) {
      const stats = result.files[file];
      Object.assign(progress.files[file], { loaded: stats.loaded, updated: stats.updated, rejected: stats.rejected, state: 'merged' });
    }
    enterStage('done');
    upsertMemo({ datasetVersion, importId: result.importId, files: result.files, users: result.users, genres: result.genres });
    return result;
  } catch (error) {
    const stageAtFailure = progress.stage;
    enterStage('failed');
    for (const file of MOVIELENS_FILES) if (progress.files[file].state !== 'merged') progress.files[file].state = 'failed';
    const message =
      error instanceof Error ? `${stageAtFailure}: ${error.cause instanceof Error ? error.cause.message : error.message}` : String(error);
    upsertMemo({ datasetVersion, error: message, failedStage: stageAtFailure });
    // Record the failure even when the workflow is being cancelled.
    await CancellationScope.nonCancellable(() => markMovieLensImportFailed({ datasetVersion, error: message })).catch(() => undefined);
    throw error;
  }
}

function recordStaged(progress: MovieLensImportProgress, staged: StagedMovieLensFile): void {
  Object.assign(progress.files[staged.file], {
    rowsRead: staged.rowsRead,
    bytesRead: staged.bytesRead,
    totalBytes: staged.totalBytes,
    staged: staged.staged,
    rejected: staged.rejected,
    state: 'staged',
  });
}

/** Awaits `work`, refreshing `progress` from the staging checkpoints every second (every 5 s after a minute). */
async function whileReportingProgress<T>(progress: MovieLensImportProgress, work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let polls = 0; !settled; polls++) {
    if (await condition(() => settled, polls < 60 ? '1 second' : '5 seconds')) break;
    if (progress.importId === undefined) continue;
    let checkpoints: MovieLensFileCheckpoint[];
    try {
      checkpoints = await readMovieLensImportProgress({ importId: progress.importId });
    } catch {
      continue; // progress is best effort; the import goes on
    }
    for (const checkpoint of checkpoints) {
      const file = progress.files[checkpoint.file];
      if (file.state !== 'staging') continue; // a finished file keeps the activity's own figures
      Object.assign(file, {
        rowsRead: checkpoint.rowsRead,
        bytesRead: checkpoint.bytesRead,
        staged: checkpoint.staged,
        rejected: checkpoint.rejected,
      });
    }
  }
  return work;
}
