import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ConfidenceScaling, ExplicitParamsSpec, ImplicitParamsSpec } from '@reelrank/workflows';

@ObjectType({ description: 'Hyperparameters of the explicit ALS-WR model with biases (rating prediction)' })
export class ExplicitModelParams implements ExplicitParamsSpec {
  @Field(() => Int, { description: 'Latent factors' })
  rank!: number;

  @Field(() => Float, { description: 'Regularization of the factors (weighted by ratings: λ·(n + pseudoCount))' })
  lambda!: number;

  @Field(() => Float, { description: "Added to each row's rating count in the factor regularization" })
  pseudoCount!: number;

  @Field(() => Float, { description: 'Regularization of the biases' })
  biasLambda!: number;

  @Field(() => Int, { description: 'ALS sweeps' })
  iterations!: number;

  @Field(() => Float, { description: 'Random seed (an integer up to 2^32 − 1, hence Float)' })
  seed!: number;
}

@ObjectType({ description: 'Hyperparameters of the implicit ALS model (ranking)' })
export class ImplicitModelParams implements ImplicitParamsSpec {
  @Field(() => Int, { description: 'Latent factors' })
  rank!: number;

  @Field(() => Float, { description: 'Regularization of the factors' })
  lambda!: number;

  @Field(() => Float, { description: 'Confidence weight of a rating' })
  alpha!: number;

  @Field(() => String, { description: 'Confidence scaling: linear (1 + α·r) or log (1 + α·log(1 + r/ε))' })
  confidence!: ConfidenceScaling;

  @Field(() => Float, { description: 'ε of the log confidence scaling' })
  epsilon!: number;

  @Field(() => Int, { description: 'ALS sweeps' })
  iterations!: number;

  @Field(() => Float, { description: 'Random seed (an integer up to 2^32 − 1, hence Float)' })
  seed!: number;
}

@ObjectType({ description: 'The hyperparameters chosen for both models of a version' })
export class ModelParams {
  @Field(() => ExplicitModelParams, { nullable: true, description: 'The rating model; null until the tuning chose it' })
  explicit!: ExplicitModelParams | null;

  @Field(() => ImplicitModelParams, { nullable: true, description: 'The ranking model; null until the tuning chose it' })
  implicit!: ImplicitModelParams | null;
}
