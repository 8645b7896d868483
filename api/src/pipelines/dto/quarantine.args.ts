import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { MOVIELENS_FILES } from '@reelrank/workflows';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../graphql/pagination';

export const FILE_CHOICES = `file must be one of ${MOVIELENS_FILES.join(', ')}`;

@InputType({ description: 'Quarantined rows of one file and/or one kind of reason' })
export class QuarantineFilter {
  @Field(() => String, { nullable: true, description: 'movies, links, tags or ratings' })
  @IsOptional()
  @IsIn(MOVIELENS_FILES, { message: FILE_CHOICES })
  file?: string | null;

  @Field(() => String, { nullable: true, description: 'A reason as QuarantineCount.reason gives it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

@ArgsType()
export class QuarantinedRowsArgs extends PageArgs {
  @Field(() => QuarantineFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuarantineFilter)
  filter?: QuarantineFilter | null;
}
