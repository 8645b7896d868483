import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../../users/models/user.model';

@ObjectType({ description: 'A signed-in session' })
export class AuthPayload {
  @Field({ description: 'JWT to send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @Field({ description: 'When the access token expires' })
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}
