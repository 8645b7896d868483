import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ModelVersionStatus } from '@reelrank/database';
import { NewUserEvaluation } from './new-user-evaluation.model';

registerEnumType(ModelVersionStatus, {
  name: 'ModelVersionStatus',
  description:
    'TRAINING: being trained; READY: published (promoted or rolled back to at will); REJECTED: published but worse than the active model; FAILED: training failed',
});

@ObjectType({ description: 'A trained recommender model version with its evaluation. ADMIN only.' })
export class ModelVersion {
  @Field()
  version!: string;

  @Field(() => ModelVersionStatus)
  status!: ModelVersionStatus;

  @Field({ description: 'Whether active_model names this version (it serves recommendations)' })
  active!: boolean;

  @Field({ description: 'The retrain workflow that produced it' })
  workflowId!: string;

  @Field(() => String, { nullable: true })
  rejectionReason!: string | null;

  @Field(() => Float, { nullable: true, description: 'Mean k-fold cross-validation RMSE of the explicit (rating) model' })
  rmse!: number | null;

  @Field(() => Float, { nullable: true, description: 'Sample standard deviation of the RMSE over the folds' })
  rmseStd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Precision@k of the implicit (ranking) model' })
  precisionAtK!: number | null;

  @Field(() => Float, { nullable: true, description: 'Recall@k of the implicit (ranking) model' })
  recallAtK!: number | null;

  @Field(() => Float, { nullable: true, description: 'NDCG@k of the implicit (ranking) model' })
  ndcgAtK!: number | null;

  @Field(() => Float, { nullable: true, description: 'NDCG@k of the popularity baseline on the same split' })
  popularityNdcgAtK!: number | null;

  @Field(() => Int, { nullable: true, description: 'k of the ranking metrics' })
  k!: number | null;

  @Field(() => NewUserEvaluation, {
    nullable: true,
    description:
      'The new-user protocol: the product ranking next to popularity and explicit-by-prediction; null for versions trained before ' +
      'it, while training, and when the snapshot had too few users with enough ratings',
  })
  newUser!: NewUserEvaluation | null;

  @Field(() => Int, { nullable: true, description: 'Ratings in the training snapshot' })
  ratingCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Users in the training snapshot' })
  userCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Movies in the training snapshot' })
  movieCount!: number | null;

  @Field({ description: 'Chosen hyperparameters of both models (JSON text)' })
  params!: string;

  @Field({ description: 'All evaluation results (JSON text): summary, per-fold CV, every tried configuration, ranking vs popularity' })
  metrics!: string;

  @Field(() => String, { nullable: true, description: 'Explicit model cross-validation per fold (JSON array text)' })
  cvPerFold!: string | null;

  @Field(() => String, { nullable: true, description: 'Tried configurations with their scores (JSON text: {explicit, implicit})' })
  configurations!: string | null;

  @Field({ description: 'Users, movies and ratings in the training snapshot (JSON text)' })
  dataCounts!: string;

  @Field({ description: 'Seconds per stage (JSON text)' })
  timings!: string;

  @Field({ description: 'Ratings newer than this are not in the model' })
  snapshotAt!: Date;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last time it was promoted (or rolled back to)' })
  promotedAt!: Date | null;
}
