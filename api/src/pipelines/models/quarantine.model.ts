import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/pagination';

@ObjectType({ description: 'A row of a dataset file that an import set aside instead of loading it (import_quarantine)' })
export class QuarantinedRow {
  @Field({ description: 'movies, links, tags or ratings' })
  file!: string;

  @Field(() => Int, { description: 'Physical line number in the file (the header is line 1)' })
  lineNumber!: number;

  @Field({ description: 'The line as read (NUL shown as U+FFFD, cut after 10,000 characters)' })
  rawText!: string;

  @Field({ description: 'Why it was not loaded' })
  reason!: string;
}

@ObjectType()
export class QuarantinedRowConnection extends Connection(QuarantinedRow, 'QuarantinedRow') {}

@ObjectType({ description: 'How many rows of a file were quarantined for one kind of reason' })
export class QuarantineCount {
  @Field()
  file!: string;

  @Field({
    description: 'The reason with its values left out (ids as N, quoted values as "…"): what QuarantineFilter.reason takes',
  })
  reason!: string;

  @Field(() => Int)
  rows!: number;
}
