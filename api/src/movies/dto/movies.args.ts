import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../graphql/pagination';

export enum MovieSort {
  POPULARITY = 'POPULARITY',
  RATING = 'RATING',
  TITLE = 'TITLE',
  YEAR = 'YEAR',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(MovieSort, {
  name: 'MovieSort',
  description: 'Order of a movie list; ties are broken by id',
  valuesMap: {
    POPULARITY: { description: 'Most ratings first' },
    RATING: { description: 'Highest damped mean first (see Movie.bayesianRating)' },
    TITLE: { description: 'Title A-Z' },
    YEAR: { description: 'Newest first; unknown years last' },
    RELEVANCE: { description: 'Best search match first; needs filter.search (the default when searching)' },
  },
});

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType({ description: 'All given conditions must hold' })
export class MovieFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Typo-tolerant search in titles and user tags (trigram word similarity); blank means no search',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  search?: string | null;

  @Field(() => [String], { nullable: true, description: 'Genre names (case-insensitive); a movie must have all of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  genres?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Earliest release year, inclusive' })
  @IsOptional()
  @IsInt()
  @Min(1800)
  @Max(2200)
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Latest release year, inclusive' })
  @IsOptional()
  @IsInt()
  @Min(1800)
  @Max(2200)
  yearTo?: number | null;

  @Field(() => Int, { nullable: true, description: 'Minimum number of ratings' })
  @IsOptional()
  @IsInt()
  @Min(0)
  minRatings?: number | null;
}

@ArgsType()
export class MoviesArgs extends PageArgs {
  @Field(() => MovieFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MovieFilter)
  filter?: MovieFilter | null;

  @Field(() => MovieSort, { nullable: true, description: 'Default: RELEVANCE with a search, else POPULARITY' })
  @IsOptional()
  @IsEnum(MovieSort)
  sort?: MovieSort | null;
}

@ArgsType()
export class MovieArgs {
  @Field(() => Int)
  @IsInt()
  id!: number;
}

export const MAX_TAGS = 50;

@ArgsType()
export class MovieTagsArgs {
  @Field(() => Int, { defaultValue: 10, description: `How many tags, most frequent first (0 to ${MAX_TAGS})` })
  @IsInt()
  @Min(0)
  @Max(MAX_TAGS)
  first: number = 10;
}
