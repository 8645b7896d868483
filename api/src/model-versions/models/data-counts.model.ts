import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The size of the training snapshot (its time is ModelVersion.snapshotAt)' })
export class DataCounts {
  @Field(() => Int)
  ratings!: number;

  @Field(() => Int, { description: 'Users with at least one rating' })
  users!: number;

  @Field(() => Int, { description: 'Movies with at least one rating' })
  movies!: number;
}
