import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ImplicitModelParams } from './model-params.model';

@ObjectType({ description: "A ranking's figures @k on held-out ratings" })
export class RankingFigures {
  @Field(() => Float)
  precisionAtK!: number;

  @Field(() => Float)
  recallAtK!: number;

  @Field(() => Float)
  ndcgAtK!: number;

  @Field(() => Float)
  mapAtK!: number;

  @Field(() => Float, { description: 'Distinct movies in all top-k lists / movies of the catalogue' })
  coverage!: number;

  @Field(() => Int, { description: 'Users with at least one held-out item' })
  users!: number;
}

@ObjectType({
  description:
    'The ranking protocol for implicit (ranking) model parameters: a stratified split holding out testFraction of each ' +
    "user's ratings, the model's figures next to the popularity baseline's on the same split",
})
export class RankingEvaluation extends RankingFigures {
  @Field(() => Int)
  k!: number;

  @Field(() => Float)
  testFraction!: number;

  @Field(() => Float, { description: 'Seed of the split' })
  seed!: number;

  @Field(() => ImplicitModelParams)
  params!: ImplicitModelParams;

  @Field(() => RankingFigures, { description: 'Baseline: the most-rated training movies' })
  popularity!: RankingFigures;

  @Field(() => Int)
  trainRatings!: number;

  @Field(() => Int)
  testRatings!: number;

  @Field(() => Float, { description: 'Seconds of the evaluation' })
  seconds!: number;
}
