import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description: 'Seconds the retrain spent per stage (workflow time); each null until the stage finished or for versions that never ran it',
})
export class StageTimings {
  @Field(() => Float, { nullable: true, description: 'Streaming the ratings into the snapshot' })
  snapshot!: number | null;

  @Field(() => Float, { nullable: true, description: 'Trying the configurations of both grids' })
  tuning!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Cross-validation, the ranking and new-user protocols, and the active model on the same snapshot',
  })
  evaluating!: number | null;

  @Field(() => Float, { nullable: true, description: 'Training and storing the final models on all ratings' })
  training!: number | null;

  @Field(() => Float, { nullable: true, description: 'Writing the precomputed recommendations and similar movies' })
  publishing!: number | null;

  @Field(() => Float, { nullable: true, description: 'Comparing with the active model and promoting (or rejecting)' })
  promoting!: number | null;

  @Field(() => Float, { nullable: true, description: 'Inside training: the final rating (explicit) model' })
  trainExplicitSeconds!: number | null;

  @Field(() => Float, { nullable: true, description: 'Inside training: the final ranking (implicit) model' })
  trainImplicitSeconds!: number | null;

  @Field(() => Float, { nullable: true, description: 'Inside training: storing both models' })
  storeSeconds!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the version failed' })
  failedAt!: Date | null;
}
