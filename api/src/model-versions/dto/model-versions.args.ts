import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../graphql/pagination';

@ArgsType()
export class ModelVersionsArgs {
  @Field(() => Int, { defaultValue: 20, description: `Most versions returned, newest first, 1 to ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;
}

@ArgsType()
export class ModelVersionArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  version!: string;
}

@ArgsType()
export class PromoteModelArgs extends ModelVersionArgs {}
