import {
  ActivityFailure,
  ApplicationFailure,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import { type EnrichTmdbCounters, TMDB_AUTH_ERROR_TYPE, type TmdbEnrichmentActivities } from './activities';
import {
  ENRICH_TMDB_DEFAULTS,
  ENRICH_TMDB_SKIPPED_NO_CREDENTIALS,
  ENRICH_TMDB_STAGES,
  enrichTmdbProgressQuery,
  type EnrichTmdbInput,
  type EnrichTmdbResult,
  type EnrichTmdbState,
} from './enrichment';

const MAX_RECENT_FAILURES = 20;

const { tmdbCredentialsConfigured, countMoviesMissingTmdbDetails, listMoviesMissingTmdbDetails } =
  proxyActivities<TmdbEnrichmentActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  });

const { enrichMoviesFromTmdb } = proxyActivities<TmdbEnrichmentActivities>({
  // A batch of 50 at 40 requests/s takes seconds; the margin covers long TMDB retries. Heartbeats come
  // after every movie (and on a timer), so a lost worker is noticed within a minute and the retry resumes.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 10,
    nonRetryableErrorTypes: [TMDB_AUTH_ERROR_TYPE, 'TmdbCredentialsMissingError'],
  },
});

/**
 * Fetches TMDB details for every movie that has a tmdbId and no details yet, in batches, and stores them
 * (MovieDetails: ENRICHED, or NOT_FOUND for TMDB 404s). Re-runnable: answers are cached in object storage
 * and movies with details are not listed again. Completes at once with status "skipped: no TMDB credentials"
 * when the worker has none; fails (non-retryable) when TMDB rejects the credentials.
 */
export async function enrichTmdbWorkflow(input: EnrichTmdbInput): Promise<EnrichTmdbResult> {
  const batchSize = clamp(input.batchSize ?? ENRICH_TMDB_DEFAULTS.batchSize, 1, ENRICH_TMDB_DEFAULTS.maxBatchSize);
  const batchesPerRun = clamp(input.batchesPerRun ?? ENRICH_TMDB_DEFAULTS.batchesPerRun, 1, 10_000);
  const carried = input.continuation;
  const counters: EnrichTmdbCounters = { enriched: 0, notFound: 0, failed: 0, cached: 0, fetched: 0, ...carried?.counters };
  const recentFailures = [...(carried?.recentFailures ?? [])];
  const runs = (carried?.runs ?? 0) + 1;
  let total = carried?.total ?? 0;
  let batches = carried?.batches ?? 0;
  let afterMovieId = carried?.afterMovieId ?? 0;
  let state: EnrichTmdbState = carried ? 'enriching' : 'starting';

  setHandler(enrichTmdbProgressQuery, () => ({ total, ...counters, state }));
  const setStage = (stage: keyof typeof ENRICH_TMDB_STAGES) =>
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.pipelineType, value: 'enrichment' },
      { key: SEARCH_ATTRIBUTES.datasetVersion, value: input.datasetVersion },
      { key: SEARCH_ATTRIBUTES.pipelineStage, value: ENRICH_TMDB_STAGES[stage] },
    ]);
  const result = (status: EnrichTmdbResult['status']): EnrichTmdbResult => ({
    datasetVersion: input.datasetVersion,
    status,
    total,
    ...counters,
    batches,
    runs,
    recentFailures,
  });

  setStage('enriching');
  if (!carried) {
    if (!(await tmdbCredentialsConfigured())) {
      state = 'skipped';
      setStage('skipped');
      return result(ENRICH_TMDB_SKIPPED_NO_CREDENTIALS);
    }
    total = await countMoviesMissingTmdbDetails();
  }
  state = 'enriching';

  for (let batchesThisRun = 0; ;) {
    const page = await listMoviesMissingTmdbDetails({ afterMovieId, limit: batchSize });
    if (page.length === 0) break;
    let batch;
    try {
      batch = await enrichMoviesFromTmdb({ movies: page });
    } catch (error) {
      const cause = error instanceof ActivityFailure ? error.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === TMDB_AUTH_ERROR_TYPE) {
        state = 'failed';
        setStage('failed');
        throw ApplicationFailure.create({ message: cause.message, type: TMDB_AUTH_ERROR_TYPE, nonRetryable: true });
      }
      throw error;
    }
    for (const key of Object.keys(counters) as (keyof EnrichTmdbCounters)[]) counters[key] += batch[key];
    recentFailures.push(...batch.failures);
    recentFailures.splice(0, Math.max(0, recentFailures.length - MAX_RECENT_FAILURES));
    afterMovieId = page[page.length - 1].movieId;
    batches++;
    batchesThisRun++;
    if (batchesThisRun >= batchesPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof enrichTmdbWorkflow>({
        ...input,
        continuation: { afterMovieId, total, counters, batches, runs, recentFailures },
      });
    }
  }

  state = 'done';
  setStage('done');
  return result('completed');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(Number.isFinite(value) ? value : min)));
}
