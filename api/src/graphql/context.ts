import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestAuth } from '../auth/request-auth';
import type { User } from '../users/models/user.model';
import type { Loaders } from './loaders';

/** The HTTP request (Express's, typed here by the parts the API uses). */
export interface ApiRequest extends IncomingMessage {
  /** Client IP as Express derives it (honours `trust proxy`). */
  ip?: string;
  /** Set when the GraphQL context is created, so HTTP-level code (rate limits) can see the caller. */
  auth?: RequestAuth;
  /** The signed-in user, set by GqlAuthGuard. */
  user?: User;
}

/** The per-request GraphQL context: the caller and the request's DataLoaders. */
export interface GqlContext {
  req: ApiRequest;
  res: ServerResponse;
  auth: RequestAuth;
  loaders: Loaders;
}

export const gqlContext = (context: ExecutionContext): GqlContext => GqlExecutionContext.create(context).getContext<GqlContext>();

/**
 * The `args` of a field resolver without arguments. Such resolvers declare GraphQL's own parameters
 * `(parent, args: NoArgs, context: GqlContext)` and no parameter decorators, which lets @nestjs/graphql
 * bind them as plain GraphQL resolvers (no per-call parameter extraction, pipes or promise chain).
 */
export type NoArgs = Record<string, never>;
