import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ModelVersionStatus } from '@reelrank/prisma';
import { DataCounts } from './data-counts.model';
import { ModelParams } from './model-params.model';
import { NewUserEvaluation } from './new-user-evaluation.model';
import { RetrainMetrics } from './retrain-metrics.model';
import { StageTimings } from './stage-timings.model';

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

  @Field(() => ModelParams, { description: 'The hyperparameters chosen for both models' })
  params!: ModelParams;

  @Field(() => RetrainMetrics, {
    description:
      'Everything the retrain evaluated: cross-validation per fold, every tried configuration, ranking vs popularity, the promotion',
  })
  metrics!: RetrainMetrics;

  @Field(() => DataCounts, { nullable: true, description: 'The size of the training snapshot; null when not recorded' })
  dataCounts!: DataCounts | null;

  @Field(() => StageTimings, { description: 'Seconds per retrain stage' })
  timings!: StageTimings;

  @Field({ description: 'Ratings newer than this are not in the model' })
  snapshotAt!: Date;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last time it was promoted (or rolled back to)' })
  promotedAt!: Date | null;
}
