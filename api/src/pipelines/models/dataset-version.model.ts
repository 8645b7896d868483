import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A file of a dataset version, as its manifest describes it' })
export class DatasetFile {
  @Field({ description: 'movies, links, tags or ratings' })
  file!: string;

  @Field({ description: 'Its object key in the raw zone' })
  key!: string;

  @Field(() => Float, { description: 'Size in bytes' })
  bytes!: number;

  @Field({ description: 'Hex SHA-256, which the import verifies' })
  sha256!: string;

  @Field(() => Int, { description: 'Lines after the header' })
  rows!: number;

  @Field({ description: 'Whether the last import of the version completed with exactly these bytes' })
  imported!: boolean;
}

@ObjectType({ description: 'The latest import of a dataset version (dataset_imports)' })
export class DatasetImport {
  @Field({ description: 'RUNNING, DONE or FAILED' })
  status!: string;

  @Field({ description: "The import's workflow id (pipelineRun)" })
  workflowId!: string;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field({ description: 'Whether it read the files the manifest describes now (false: uploaded again since)' })
  matchesUpload!: boolean;
}

@ObjectType({ description: 'A dataset version uploaded to the raw zone (movielens/raw/<version>/). ADMIN only.' })
export class DatasetVersion {
  @Field()
  version!: string;

  @Field(() => Date, { nullable: true, description: 'When its manifest was written; null without a manifest' })
  uploadedAt!: Date | null;

  @Field(() => [DatasetFile], { description: 'In load order; empty without a manifest (then it cannot be imported)' })
  files!: DatasetFile[];

  @Field(() => DatasetImport, { nullable: true })
  lastImport!: DatasetImport | null;
}
