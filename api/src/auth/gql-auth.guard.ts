import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { gqlContext } from '../graphql/context';

/** Requires a valid access token (`Authorization: Bearer <token>`); UNAUTHENTICATED otherwise. */
@Injectable()
export class GqlAuthGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { req, auth } = gqlContext(context);
    req.user = await auth.requireUser();
    return true;
  }
}
