import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ExplicitModelParams } from './model-params.model';

@ObjectType({ description: "The explicit model's figures on one cross-validation fold" })
export class CrossValidationFold {
  @Field(() => Int, { description: 'The fold, from 0' })
  fold!: number;

  @Field(() => Float)
  rmse!: number;

  @Field(() => Float)
  mae!: number;

  @Field(() => Int, { description: 'Ratings trained on (the other folds)' })
  trainRatings!: number;

  @Field(() => Int, { description: 'Ratings of this fold, predicted' })
  testRatings!: number;

  @Field(() => Float, { description: 'Seconds of training' })
  seconds!: number;
}

@ObjectType({ description: 'k-fold cross-validation of explicit (rating) model parameters: ratings shuffled and dealt into folds' })
export class CrossValidation {
  @Field(() => ExplicitModelParams)
  params!: ExplicitModelParams;

  @Field(() => Int)
  folds!: number;

  @Field(() => Float, { description: 'Seed of the fold assignment' })
  seed!: number;

  @Field(() => Float, { description: 'Mean RMSE over the folds' })
  rmse!: number;

  @Field(() => Float, { description: 'Sample standard deviation of the RMSE over the folds' })
  rmseStd!: number;

  @Field(() => Float, { description: 'Mean MAE over the folds' })
  mae!: number;

  @Field(() => Float, { description: 'Sample standard deviation of the MAE over the folds' })
  maeStd!: number;

  @Field(() => [CrossValidationFold])
  perFold!: CrossValidationFold[];
}
