import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../auth/current-user.decorator';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { AuthPayload } from '../auth/models/auth-payload.model';
import { AuthRateLimited } from '../graphql/throttler.guard';
import type { User } from '../users/models/user.model';
import { AccountService } from './account.service';
import { ChangePasswordInput, DeleteAccountArgs } from './dto/account.inputs';

/** The signed-in user's account. Both mutations check a password, so they count against AUTH_RATE_LIMIT too. */
@Resolver()
@UseGuards(GqlAuthGuard)
export class AccountResolver {
  constructor(private readonly account: AccountService) {}

  @Mutation(() => AuthPayload, {
    description:
      "Changes the signed-in user's password (the current one is required). Every access token issued before is refused " +
      'from then on; use the one returned.',
  })
  @AuthRateLimited()
  changePassword(@CurrentUser() user: User, @Args('input') { currentPassword, newPassword }: ChangePasswordInput): Promise<AuthPayload> {
    return this.account.changePassword(user, currentPassword, newPassword);
  }

  @Mutation(() => Boolean, {
    description:
      "Deletes the signed-in user's account (the password is required) with their ratings, which leave the movies' stats, " +
      'and their skips; its access tokens are refused at once. FORBIDDEN for the last admin. True when deleted.',
  })
  @AuthRateLimited()
  async deleteAccount(@CurrentUser() user: User, @Args() { password }: DeleteAccountArgs): Promise<boolean> {
    await this.account.deleteAccount(user, password);
    return true;
  }
}
