import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PipelineRunError } from './pipeline-run-error.model';
import { PipelineRunProgress, type PipelineRunProgressValue } from './pipeline-run-progress.model';

export enum PipelineRunType {
  PIPELINE = 'PIPELINE',
  IMPORT = 'IMPORT',
  ENRICHMENT = 'ENRICHMENT',
  RETRAIN = 'RETRAIN',
  SYSTEM_CHECK = 'SYSTEM_CHECK',
}

export enum PipelineRunStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
  TERMINATED = 'TERMINATED',
  TIMED_OUT = 'TIMED_OUT',
  CONTINUED_AS_NEW = 'CONTINUED_AS_NEW',
}

registerEnumType(PipelineRunType, {
  name: 'PipelineRunType',
  description:
    'PIPELINE: import + enrichment + retrain of a dataset version; IMPORT: MovieLens import; ENRICHMENT: TMDB details; RETRAIN: recommender training; SYSTEM_CHECK: smoke workflow',
});
registerEnumType(PipelineRunStatus, { name: 'PipelineRunStatus', description: "A Temporal workflow execution's status" });

@ObjectType({ description: 'One run of a Temporal workflow of the data and training pipelines. ADMIN only.' })
export class PipelineRun {
  @Field()
  workflowId!: string;

  @Field()
  runId!: string;

  @Field(() => PipelineRunType)
  type!: PipelineRunType;

  @Field(() => PipelineRunStatus)
  status!: PipelineRunStatus;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  datasetVersion!: string | null;

  @Field(() => String, { nullable: true })
  modelVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'Current stage (PipelineStage search attribute, or the live progress stage)' })
  stage!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Live progress 0..1 from the workflow's progress query (1 once completed); null when unknown",
  })
  progress!: number | null;

  @Field(() => PipelineRunProgress, {
    nullable: true,
    description:
      "The workflow's progress query result; null when it cannot be queried, for system checks, and for closed runs in pipelineRuns (ask pipelineRun)",
  })
  progressDetails!: PipelineRunProgressValue | null;

  @Field(() => PipelineRunError, { nullable: true, description: 'Why the run failed, terminated or timed out; null otherwise' })
  error!: PipelineRunError | null;

  @Field({ description: 'This run in the Temporal Web UI' })
  temporalUiUrl!: string;
}
