import { UseGuards } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { UserRole } from '@reelrank/prisma';
import { CurrentUser } from '../auth/current-user.decorator';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { perEdge } from '../graphql/limits';
import { UsersArgs } from './dto/users.args';
import { User, UserConnection } from './models/user.model';
import { UsersService } from './users.service';

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly usersService: UsersService) {}

  @Query(() => User, { description: 'The signed-in user' })
  @UseGuards(GqlAuthGuard)
  me(@CurrentUser() user: User): User {
    return user;
  }

  @Query(() => UserConnection, { description: 'All accounts, by id. ADMIN only.', complexity: perEdge })
  @UseGuards(GqlAuthGuard, RolesGuard)
  @Roles(UserRole.ADMIN)
  users(@Args() { first, after }: UsersArgs): Promise<UserConnection> {
    return this.usersService.list(first, after);
  }
}
