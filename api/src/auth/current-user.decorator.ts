import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { gqlContext } from '../graphql/context';
import type { User } from '../users/models/user.model';

/** The signed-in user, set by GqlAuthGuard (use the guard on the same resolver). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): User => {
  const user = gqlContext(context).req.user;
  if (!user) throw new Error('@CurrentUser() needs @UseGuards(GqlAuthGuard)');
  return user;
});
