import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UserRole, UserSource } from '@reelrank/prisma';
import { Connection } from '../../graphql/pagination';

registerEnumType(UserRole, { name: 'UserRole', description: 'USER rates and gets recommendations; ADMIN also manages the system' });
registerEnumType(UserSource, {
  name: 'UserSource',
  description: 'MOVIELENS: imported from the MovieLens dataset, no password; SIGNUP: created with signUp',
});

@ObjectType({ description: 'An account' })
export class User {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { nullable: true, description: 'Lower-cased; null for MovieLens users' })
  email!: string | null;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => UserRole)
  role!: UserRole;

  @Field(() => UserSource)
  source!: UserSource;

  @Field()
  createdAt!: Date;

  /** Not in the schema: the version access tokens of this account must carry (a password change increments it). */
  tokenVersion!: number;
}

@ObjectType()
export class UserConnection extends Connection(User, 'User') {}
