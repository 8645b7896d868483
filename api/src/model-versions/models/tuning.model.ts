import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ExplicitModelParams, ImplicitModelParams } from './model-params.model';
import { RankingFigures } from './ranking-evaluation.model';

@ObjectType({ description: 'The explicit tuning grid: every (rank, λ, pseudoCount, λ_b); the iterations are checkpoints of one run each' })
export class ExplicitGrid {
  @Field(() => [Int])
  ranks!: number[];

  @Field(() => [Float])
  lambdas!: number[];

  @Field(() => [Float])
  pseudoCounts!: number[];

  @Field(() => [Float])
  biasLambdas!: number[];

  @Field(() => [Int])
  iterations!: number[];
}

@ObjectType({ description: 'The implicit tuning grid: every (rank, λ, α, confidence); the iterations are checkpoints of one run each' })
export class ImplicitGrid {
  @Field(() => [Int])
  ranks!: number[];

  @Field(() => [Float])
  lambdas!: number[];

  @Field(() => [Float])
  alphas!: number[];

  @Field(() => [String], { description: 'linear or log' })
  confidences!: string[];

  @Field(() => [Int])
  iterations!: number[];
}

@ObjectType({
  description: 'One explicit configuration tried by the tuning (at one iteration checkpoint), its mean figures over the folds it saw',
})
export class TunedExplicitConfiguration {
  @Field(() => ExplicitModelParams)
  params!: ExplicitModelParams;

  @Field(() => Float, { description: 'Mean cross-validation RMSE' })
  rmse!: number;

  @Field(() => Float, { description: 'Sample standard deviation of the RMSE over the folds' })
  rmseStd!: number;

  @Field(() => Float, { description: 'Mean MAE' })
  mae!: number;

  @Field(() => Int, { description: 'Folds it was evaluated on: 1 when the successive halving dropped it after the first fold' })
  folds!: number;
}

@ObjectType({
  description: 'One implicit configuration tried by the tuning (at one iteration checkpoint), its figures on the validation split',
})
export class TunedImplicitConfiguration extends RankingFigures {
  @Field(() => ImplicitModelParams)
  params!: ImplicitModelParams;
}

@ObjectType({
  description:
    'How the explicit (rating) model was tuned: every configuration on the first fold, the best finalists on all folds, the lowest mean RMSE chosen',
})
export class ExplicitTuning {
  @Field(() => Int)
  folds!: number;

  @Field(() => Int, { description: 'Configurations cross-validated on all folds' })
  finalists!: number;

  @Field(() => Float)
  seed!: number;

  @Field(() => ExplicitGrid)
  grid!: ExplicitGrid;

  @Field(() => TunedExplicitConfiguration, { description: 'The chosen configuration' })
  best!: TunedExplicitConfiguration;

  @Field(() => [TunedExplicitConfiguration], { description: 'Every configuration and checkpoint tried' })
  configurations!: TunedExplicitConfiguration[];
}

@ObjectType({
  description:
    "How the implicit (ranking) model was tuned: NDCG@k on a validation split carved from the ranking split's training part, the highest chosen",
})
export class ImplicitTuning {
  @Field(() => Int)
  k!: number;

  @Field(() => Float)
  testFraction!: number;

  @Field(() => Float)
  validationFraction!: number;

  @Field(() => Float)
  seed!: number;

  @Field(() => ImplicitGrid)
  grid!: ImplicitGrid;

  @Field(() => TunedImplicitConfiguration, { description: 'The chosen configuration' })
  best!: TunedImplicitConfiguration;

  @Field(() => [TunedImplicitConfiguration], { description: 'Every configuration and checkpoint tried' })
  configurations!: TunedImplicitConfiguration[];
}

@ObjectType({ description: 'Tuning runs (configuration × fold) of the retrain' })
export class TuningRuns {
  @Field(() => Int, { description: 'Trained by an activity attempt' })
  computed!: number;

  @Field(() => Int, { description: 'Finished by an earlier attempt and reused (heartbeat details or stored marker)' })
  reused!: number;

  @Field(() => Int, { description: 'Tuning activity attempts that resumed after an earlier attempt failed' })
  retriedActivities!: number;
}
