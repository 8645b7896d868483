import { Field, Int, ObjectType } from '@nestjs/graphql';

/**
 * Known sizes of the genre lists, which their query cost counts: MovieLens has 19 genres (every release
 * since 2016) and gives a movie at most 10 of them.
 */
export const MAX_GENRES = 20;
export const MAX_GENRES_PER_MOVIE = 10;

@ObjectType({ description: 'A MovieLens genre' })
export class Genre {
  @Field(() => Int)
  id!: number;

  @Field()
  name!: string;

  /** Known when listed by the `genres` query; otherwise resolved through the request's loader. */
  movieCount?: number;
}
