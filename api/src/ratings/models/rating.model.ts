import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/pagination';

@ObjectType({ description: "The signed-in user's rating of a movie" })
export class Rating {
  /** Resolved to `movie` through the request's loader. */
  movieId!: number;

  @Field(() => Float, { description: '0.5 to 5.0 in half steps' })
  rating!: number;

  @Field()
  ratedAt!: Date;
}

@ObjectType()
export class RatingConnection extends Connection(Rating, 'Rating') {}
