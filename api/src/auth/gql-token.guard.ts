import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { gqlContext } from '../graphql/context';
import { unauthenticated } from '../graphql/errors';

/**
 * Requires a valid access token (`Authorization: Bearer <token>`); UNAUTHENTICATED otherwise. Unlike
 * GqlAuthGuard it does not load the account: for a resolver whose own query checks that the account still
 * exists (and answers UNAUTHENTICATED when it does not), which saves a statement per request. The caller's
 * id is `auth.userId()`; `@CurrentUser()` is not set.
 */
@Injectable()
export class GqlTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (gqlContext(context).auth.userId() === null) throw unauthenticated();
    return true;
  }
}
