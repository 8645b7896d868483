import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@reelrank/prisma';
import { forbidden } from '../graphql/errors';
import { gqlContext } from '../graphql/context';

const ROLES = 'reelrank:roles';

/** Roles allowed to call a resolver; use after GqlAuthGuard: `@UseGuards(GqlAuthGuard, RolesGuard)`. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

/** FORBIDDEN unless the signed-in user has one of the `@Roles(...)` of the handler or its class. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const user = await gqlContext(context).auth.requireUser();
    if (!roles.includes(user.role)) throw forbidden(`Only ${roles.join(' or ')} users may do this`);
    return true;
  }
}
