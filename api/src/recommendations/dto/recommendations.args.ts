import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/pagination';

@ArgsType()
export class RecommendationsArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many, 1 to ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;
}

@ArgsType()
export class OnboardingMoviesArgs extends RecommendationsArgs {}

export const MAX_SIMILAR = 50;

@ArgsType()
export class SimilarMoviesArgs {
  @Field(() => Int, { defaultValue: 10, description: `How many, 1 to ${MAX_SIMILAR}` })
  @IsInt()
  @Min(1)
  @Max(MAX_SIMILAR)
  first: number = 10;
}
