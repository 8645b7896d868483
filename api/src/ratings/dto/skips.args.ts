import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Min } from 'class-validator';
import { PageArgs } from '../../graphql/pagination';

@ArgsType()
export class SkipMovieArgs {
  @Field(() => Int, { description: 'A MovieLens movie id (1 or more)' })
  @IsInt()
  @Min(1, { message: 'must be a movie id (1 or more)' })
  movieId!: number;
}

@ArgsType()
export class RemoveSkipArgs extends SkipMovieArgs {}

@ArgsType()
export class MySkipsArgs extends PageArgs {}
