import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    "One ranking's figures on the new-user protocol, pooled over its groups (top k of each new user's list, the profile's movies left out)",
})
export class NewUserFigures {
  @Field(() => Float, { description: 'Share of the top k the user later rated at least likedMin (users with a liked held-out movie)' })
  likedPrecisionAtK!: number;

  @Field(() => Float, { description: 'NDCG@k of the liked held-out movies (same users)' })
  likedNdcgAtK!: number;

  @Field(() => Float, { description: 'Share of the top k the user later rated at most dislikedMax (all new users)' })
  dislikedShare!: number;

  @Field(() => Float, { description: 'Share of the top k among the 2 % most-rated movies' })
  blockbusterShare!: number;

  @Field(() => Float, { description: 'Distinct movies in all top-k lists / movies with ratings' })
  coverage!: number;

  @Field(() => Int, { description: 'New users with at least one liked held-out movie' })
  users!: number;
}

@ObjectType({
  description:
    'How the model serves people who have just rated a few movies (the new-user protocol): users with at least minRatings ratings ' +
    'are dealt into groups; each group in turn is new: their first profileSize ratings by time are the profile, the later ones are ' +
    'held out, and both models train on everything else. The product\'s "for you" ranking next to two baselines.',
})
export class NewUserEvaluation {
  @Field(() => Int)
  k!: number;

  @Field(() => Int)
  groups!: number;

  @Field(() => Int)
  profileSize!: number;

  @Field(() => Int)
  minRatings!: number;

  @Field(() => Float, { description: 'Held-out ratings at least this are liked' })
  likedMin!: number;

  @Field(() => Float, { description: 'Held-out ratings at most this are disliked' })
  dislikedMax!: number;

  @Field(() => Int, { description: 'Users in the protocol (with at least minRatings ratings)' })
  eligibleUsers!: number;

  @Field(() => NewUserFigures, { description: 'The product\'s "for you" ranking (taste profile of both models and the genres)' })
  product!: NewUserFigures;

  @Field(() => NewUserFigures, { description: 'Baseline: the most-rated movies' })
  popularity!: NewUserFigures;

  @Field(() => NewUserFigures, { description: "Baseline: the explicit model's predicted ratings" })
  explicitByPrediction!: NewUserFigures;

  @Field(() => String, {
    nullable: true,
    description: 'The model that was active when this version was evaluated, when its parameters were re-evaluated (activeModel)',
  })
  activeModelVersion!: string | null;

  @Field(() => NewUserFigures, {
    nullable: true,
    description:
      "The product's ranking with the then active model's parameters on the same ratings and groups: what promotion compared with",
  })
  activeModel!: NewUserFigures | null;
}
