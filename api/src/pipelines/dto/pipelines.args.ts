import { ArgsType, Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PAGE_SIZE } from '../../graphql/pagination';
import { PipelineRunStatus, PipelineRunType } from '../models/pipeline-run.model';

@ArgsType()
export class DatasetVersionArgs {
  @Field({ description: 'Dataset version uploaded to the raw zone (movielens/raw/<version>/)' })
  @IsString()
  @MaxLength(200)
  datasetVersion!: string;
}

@ArgsType()
export class WorkflowIdArgs {
  @Field()
  @IsString()
  @MaxLength(1000)
  workflowId!: string;
}

@InputType()
export class PipelineRunsFilter {
  @Field(() => PipelineRunType, { nullable: true })
  @IsOptional()
  @IsEnum(PipelineRunType)
  type?: PipelineRunType;

  @Field(() => PipelineRunStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PipelineRunStatus)
  status?: PipelineRunStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  datasetVersion?: string;
}

@ArgsType()
export class PipelineRunsArgs {
  @Field(() => PipelineRunsFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PipelineRunsFilter)
  filter?: PipelineRunsFilter;

  @Field(() => Int, { defaultValue: 20, description: `Most runs returned, newest first, 1 to ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;
}

@InputType({ description: 'Explicit (rating) model grid overrides: each given list replaces the default list' })
export class ExplicitGridInput {
  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(500, { each: true })
  ranks?: number[];

  @Field(() => [Float], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNumber({}, { each: true })
  @Min(0, { each: true })
  lambdas?: number[];

  @Field(() => [Int], { nullable: true, description: 'Iteration checkpoints' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(500, { each: true })
  iterations?: number[];
}

@InputType({ description: 'Implicit (ranking) model grid overrides: each given list replaces the default list' })
export class ImplicitGridInput extends ExplicitGridInput {
  @Field(() => [Float], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNumber({}, { each: true })
  @Min(0, { each: true })
  alphas?: number[];
}

@InputType()
export class RetrainModelInput {
  @Field({ defaultValue: false, description: 'Promote even when the candidate is worse than the active model' })
  @IsBoolean()
  force: boolean = false;

  @Field(() => String, { nullable: true, description: 'Version id of the new model; default m<yyyymmdd>-<hhmmss> (UTC now)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  modelVersion?: string;

  @Field(() => ExplicitGridInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExplicitGridInput)
  explicitGrid?: ExplicitGridInput;

  @Field(() => ImplicitGridInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImplicitGridInput)
  implicitGrid?: ImplicitGridInput;

  @Field(() => Int, { nullable: true, description: 'Cross-validation folds, 2 to 20 (default 5)' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(20)
  folds?: number;

  @Field(() => Int, { nullable: true, description: 'Explicit configurations cross-validated on all folds (default 3)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  finalists?: number;
}

@ArgsType()
export class RetrainModelArgs {
  @Field(() => RetrainModelInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetrainModelInput)
  input?: RetrainModelInput;
}
