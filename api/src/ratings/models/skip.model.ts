import { Field, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/pagination';

@ObjectType({ description: 'The signed-in user\'s "Haven\'t seen it" mark on a movie: never recommended to them' })
export class Skip {
  /** Resolved to `movie` through the request's loader. */
  movieId!: number;

  @Field()
  skippedAt!: Date;
}

@ObjectType()
export class SkipConnection extends Connection(Skip, 'Skip') {}
