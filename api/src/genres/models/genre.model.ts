import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A MovieLens genre' })
export class Genre {
  @Field(() => Int)
  id!: number;

  @Field()
  name!: string;

  /** Known when listed by the `genres` query; otherwise resolved through the request's loader. */
  movieCount?: number;
}
