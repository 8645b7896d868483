import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Why a run failed, terminated or timed out: the root cause of its failure, as Temporal recorded it' })
export class PipelineRunError {
  @Field({ description: 'The root cause message (the failed activity\'s own error, not "Workflow execution failed")' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The application error type (e.g. MovieLensInputError), else the kind of failure (TerminatedFailure, TimeoutFailure, ...)',
  })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'The activity that failed, when an activity did' })
  activityType!: string | null;

  @Field(() => String, { nullable: true, description: 'The stage the run was in (imports: validating, loading-movies, ...)' })
  stage!: string | null;

  @Field({ description: 'When the run closed' })
  failedAt!: Date;
}
