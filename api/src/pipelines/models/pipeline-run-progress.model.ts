import { createUnionType, Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type {
  EnrichTmdbProgress,
  EnrichTmdbState,
  MetricsSummary,
  MovieLensFile,
  MovieLensFileProgress,
  MovieLensFileState,
  MovieLensImportProgress,
  MovieLensImportStage,
  PipelineProgress as PipelineProgressShape,
  PipelineStageName,
  PipelineStageProgress as PipelineStageProgressShape,
  PipelineStageStatus,
  RetrainProgress as RetrainProgressShape,
  RetrainStage,
  RetrainTrigger,
  ProgressRunKey,
  RunProgress,
  TuningKindProgress,
} from '@reelrank/workflows';
import { ExplicitModelParams, ImplicitModelParams, ModelParams } from '../../model-versions/models/model-params.model';

/**
 * The `progress` query answers of the workflows as GraphQL types, one per kind of run (the shapes of
 * @reelrank/workflows; each class implements its shape, so the compiler notices when one changes).
 */

@ObjectType({ description: 'One stage of a pipeline run: import, enrichment or retrain, each a child workflow' })
export class PipelineStageProgress implements PipelineStageProgressShape {
  @Field(() => String, { description: 'import, enrichment or retrain' })
  name!: PipelineStageName;

  @Field(() => String, { description: 'pending, running, completed, skipped or failed' })
  status!: PipelineStageStatus;

  @Field(() => String, { nullable: true, description: 'The child workflow running this stage (ask pipelineRun for its progress)' })
  workflowId?: string;

  @Field(() => String, { nullable: true, description: 'What the finished stage did' })
  summary?: string;
}

@ObjectType({ description: "A pipeline run's progress" })
export class PipelineProgress implements PipelineProgressShape {
  @Field()
  datasetVersion!: string;

  @Field(() => [PipelineStageProgress])
  stages!: PipelineStageProgress[];

  @Field(() => Float, { description: 'Finished stages over all stages, 0..1' })
  fraction!: number;
}

@ObjectType({ description: 'Live progress of one MovieLens file' })
export class ImportFileProgress implements MovieLensFileProgress {
  @Field(() => Float, { description: 'Data rows parsed so far' })
  rowsRead!: number;

  @Field(() => Float, { description: 'Bytes of the object up to which rows are committed to staging' })
  bytesRead!: number;

  @Field(() => Float)
  totalBytes!: number;

  @Field(() => Float, { description: 'Valid rows written to the staging table so far' })
  staged!: number;

  @Field(() => Float, { description: 'Rows inserted into the final table (known once merged)' })
  loaded!: number;

  @Field(() => Float, { description: 'Existing rows whose values changed (known once merged)' })
  updated!: number;

  @Field(() => Float, { description: 'Rows sent to import_quarantine' })
  rejected!: number;

  @Field(() => String, { description: 'pending, staging, staged, merged or failed' })
  state!: MovieLensFileState;
}

@ObjectType({ description: 'The four files of a MovieLens import' })
export class ImportFilesProgress implements Record<MovieLensFile, MovieLensFileProgress> {
  @Field(() => ImportFileProgress)
  movies!: ImportFileProgress;

  @Field(() => ImportFileProgress)
  links!: ImportFileProgress;

  @Field(() => ImportFileProgress)
  tags!: ImportFileProgress;

  @Field(() => ImportFileProgress)
  ratings!: ImportFileProgress;
}

@ObjectType({ description: "A MovieLens import's progress" })
export class ImportProgress implements MovieLensImportProgress {
  @Field()
  datasetVersion!: string;

  @Field(() => String, { description: 'validating, loading-movies, loading-ratings, merging, done or failed' })
  stage!: MovieLensImportStage;

  @Field(() => Int, { nullable: true, description: 'dataset_imports.id, once the import is prepared' })
  importId?: number;

  @Field(() => ImportFilesProgress)
  files!: ImportFilesProgress;
}

@ObjectType({ description: "A TMDB enrichment's progress (cumulative over its continue-as-new runs)" })
export class EnrichmentProgress implements EnrichTmdbProgress {
  @Field(() => Int, { description: 'Movies that needed details when the first run started' })
  total!: number;

  @Field(() => String, { description: 'starting, enriching, done, skipped or failed' })
  state!: EnrichTmdbState;

  @Field(() => Int, { description: 'Movies stored with details' })
  enriched!: number;

  @Field(() => Int, { description: 'Movies TMDB does not know (404)' })
  notFound!: number;

  @Field(() => Int, { description: 'Movies left without details after retries (the next run retries them)' })
  failed!: number;

  @Field(() => Int, { description: 'Answers from the object-storage cache' })
  cached!: number;

  @Field(() => Int, { description: 'Answers fetched from TMDB' })
  fetched!: number;
}

@ObjectType({ description: 'The best explicit configuration so far, by mean CV RMSE over the folds seen' })
export class ExplicitTuningBest {
  @Field(() => ExplicitModelParams)
  params!: ExplicitModelParams;

  @Field(() => Float, { nullable: true })
  rmse?: number;

  @Field(() => Int, { nullable: true, description: 'Folds behind rmse' })
  folds?: number;
}

@ObjectType({ description: 'The best implicit configuration so far, by validation NDCG@k' })
export class ImplicitTuningBest {
  @Field(() => ImplicitModelParams)
  params!: ImplicitModelParams;

  @Field(() => Float, { nullable: true })
  ndcgAtK?: number;
}

@ObjectType({ isAbstract: true })
abstract class TuningKindFields implements Omit<TuningKindProgress, 'best'> {
  @Field(() => Int, { description: 'Configurations of the grid' })
  configurations!: number;

  @Field(() => Int, { description: 'Configurations with at least one finished run' })
  configurationsDone!: number;

  @Field(() => Int, { description: 'Runs scheduled so far (configuration × fold for explicit, configuration for implicit)' })
  runs!: number;

  @Field(() => Int)
  runsDone!: number;

  @Field(() => Int, { description: 'Explicit: fold runs finished; implicit: 0' })
  foldsDone!: number;
}

@ObjectType({ description: 'Tuning progress of the explicit (rating) model' })
export class ExplicitTuningProgress extends TuningKindFields {
  @Field(() => ExplicitTuningBest, { nullable: true })
  best?: ExplicitTuningBest;
}

@ObjectType({ description: 'Tuning progress of the implicit (ranking) model' })
export class ImplicitTuningProgress extends TuningKindFields {
  @Field(() => ImplicitTuningBest, { nullable: true })
  best?: ImplicitTuningBest;
}

@ObjectType({ description: "A retrain's tuning" })
export class RetrainTuningProgress implements Omit<RetrainProgressShape['tuning'], 'explicit' | 'implicit'> {
  @Field(() => ExplicitTuningProgress)
  explicit!: ExplicitTuningProgress;

  @Field(() => ImplicitTuningProgress)
  implicit!: ImplicitTuningProgress;

  @Field(() => Int, { description: 'Runs computed by an activity attempt' })
  computed!: number;

  @Field(() => Int, { description: 'Runs reused (finished by an earlier attempt)' })
  reused!: number;

  @Field(() => Int, { description: 'Tuning activity attempts that resumed after an earlier attempt failed' })
  retriedActivities!: number;
}

@ObjectType({ description: 'The ratings snapshot a retrain trains on' })
export class RetrainSnapshotProgress implements NonNullable<RetrainProgressShape['snapshot']> {
  @Field(() => Int)
  ratings!: number;

  @Field(() => Int)
  users!: number;

  @Field(() => Int)
  movies!: number;

  @Field({ description: 'ISO-8601 time the snapshot was taken' })
  snapshotAt!: string;
}

@ObjectType({ description: 'How a retrain measures configurations, chosen from the snapshot size' })
export class RetrainProtocolProgress implements NonNullable<RetrainProgressShape['protocol']> {
  @Field({ description: '"kfold" (k-fold CV on all users, small data) or "holdout" (one holdout on a sample of users, large data)' })
  kind!: 'kfold' | 'holdout';

  @Field(() => Int, { nullable: true, description: 'Users of the sample tuning and evaluation run on (null: all users)' })
  sampleUsers!: number | null;
}

@ObjectType({ description: "Summary figures of a retrain's candidate model" })
export class RetrainMetricsSummary implements MetricsSummary {
  @Field(() => Float, { description: 'Mean k-fold CV RMSE of the explicit model (holdout protocol: its holdout RMSE)' })
  explicitRmse!: number;

  @Field(() => Float)
  explicitRmseStd!: number;

  @Field(() => Float)
  explicitMae!: number;

  @Field(() => Int, { description: 'Folds evaluated (1 under the holdout protocol)' })
  folds!: number;

  @Field({ nullable: true, description: '"kfold" or "holdout"; null for versions trained before the holdout protocol (k-fold)' })
  protocol?: 'kfold' | 'holdout';

  @Field(() => Int, { nullable: true, description: 'Holdout protocol: users of the sample the figures were measured on' })
  sampleUsers?: number | null;

  @Field(() => Float)
  implicitNdcgAtK!: number;

  @Field(() => Float)
  implicitPrecisionAtK!: number;

  @Field(() => Float)
  implicitRecallAtK!: number;

  @Field(() => Float)
  popularityNdcgAtK!: number;

  @Field(() => Int)
  k!: number;

  @Field(() => Float, { nullable: true })
  newUserLikedPrecisionAtK?: number;

  @Field(() => Float, { nullable: true })
  newUserPopularityLikedPrecisionAtK?: number;
}

@ObjectType({ description: 'How a retrain ended' })
export class RetrainOutcome implements NonNullable<RetrainProgressShape['result']> {
  @Field()
  promoted!: boolean;

  @Field({ description: 'Why it was promoted, rejected or skipped' })
  reason!: string;
}

@ObjectType({ description: "A retrain's progress" })
export class RetrainProgress implements Omit<RetrainProgressShape, 'tuning'> {
  @Field()
  version!: string;

  @Field(() => String, { description: 'pipeline, schedule, engagement or manual' })
  trigger!: RetrainTrigger;

  @Field(() => String, {
    description:
      'snapshot, tuning, evaluating, training, publishing, promoting, done, rejected, skipped (a scheduled or engagement retrain without rating changes since the active model) or failed',
  })
  stage!: RetrainStage;

  @Field({ description: 'ISO-8601 start time' })
  startedAt!: string;

  @Field(() => Float, { description: 'Seconds since the workflow started (workflow time as of its last event)' })
  elapsedSeconds!: number;

  @Field(() => RetrainSnapshotProgress, { nullable: true })
  snapshot?: RetrainSnapshotProgress;

  @Field(() => RetrainProtocolProgress, { nullable: true, description: 'Chosen once the snapshot is taken' })
  protocol?: RetrainProtocolProgress;

  @Field(() => RetrainTuningProgress)
  tuning!: RetrainTuningProgress;

  /** ModelParams as a model version shows them; a retrain's progress has chosen both. */
  @Field(() => ModelParams, { nullable: true })
  chosen?: ModelParams & RetrainProgressShape['chosen'];

  @Field(() => RetrainMetricsSummary, { nullable: true })
  metrics?: RetrainMetricsSummary;

  @Field(() => RetrainOutcome, { nullable: true })
  result?: RetrainOutcome;

  @Field(() => String, { nullable: true })
  error?: string;
}

/** The GraphQL type of each progress query's answer. */
const PROGRESS_TYPES: { [Key in ProgressRunKey]: new () => RunProgress<Key> } = {
  pipeline: PipelineProgress,
  import: ImportProgress,
  enrichment: EnrichmentProgress,
  retrain: RetrainProgress,
};

/** A `progress` query answer with its kind of run. */
export type RunProgressDetails = { [Key in ProgressRunKey]: { run: Key; progress: RunProgress<Key> } }[ProgressRunKey];

export type PipelineRunProgressValue = PipelineProgress | ImportProgress | EnrichmentProgress | RetrainProgress;

/** The answer as an instance of its GraphQL type, which the union resolves by. */
export const progressValue = ({ run, progress }: RunProgressDetails): PipelineRunProgressValue =>
  Object.assign(new PROGRESS_TYPES[run](), progress) as PipelineRunProgressValue;

export const PipelineRunProgress = createUnionType({
  name: 'PipelineRunProgress',
  description: "A workflow's answer to its progress query, by kind of run",
  types: () => [PipelineProgress, ImportProgress, EnrichmentProgress, RetrainProgress] as const,
  resolveType: (value: PipelineRunProgressValue) => Object.values(PROGRESS_TYPES).find((type) => value instanceof type),
});
