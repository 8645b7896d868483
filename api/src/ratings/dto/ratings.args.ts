import { ArgsType, Field, Float, Int } from '@nestjs/graphql';
import { IsIn, IsInt } from 'class-validator';
import { PageArgs } from '../../graphql/pagination';

/** 0.5, 1.0, …, 5.0 */
export const RATING_VALUES = Array.from({ length: 10 }, (_, i) => (i + 1) / 2);

@ArgsType()
export class RateMovieArgs {
  @Field(() => Int)
  @IsInt()
  movieId!: number;

  @Field(() => Float, { description: '0.5 to 5.0 in half steps' })
  @IsIn(RATING_VALUES, { message: 'rating must be from 0.5 to 5.0 in half steps' })
  rating!: number;
}

@ArgsType()
export class RemoveRatingArgs {
  @Field(() => Int)
  @IsInt()
  movieId!: number;
}

@ArgsType()
export class MyRatingsArgs extends PageArgs {}
