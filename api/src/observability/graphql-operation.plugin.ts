import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { GqlContext } from '../graphql/context';
import { ErrorCode } from '../graphql/errors';
import type { ApiMetrics, GraphqlOutcome } from './api-metrics';

/** What the request log line says about a GraphQL request (see logging.ts). */
export interface GraphqlOperationLog {
  operation: string;
  type: string;
  outcome: GraphqlOutcome;
  /** `extensions.code` of each error answered, e.g. FORBIDDEN. */
  errorCodes?: string[];
}

const operations = new WeakMap<IncomingMessage, GraphqlOperationLog>();

/** The GraphQL operation the request carried, once its response is sent. */
export const graphqlOperationOf = (req: IncomingMessage): GraphqlOperationLog | undefined => operations.get(req);

/**
 * Times each GraphQL request into `reelrank_graphql_request_duration_seconds` by operation, type and outcome
 * (from the error codes as clients see them), and leaves the same facts on the request for its log line.
 */
export function graphqlOperationPlugin(metrics: ApiMetrics): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = 'unknown';
      let type = 'unknown';
      return {
        async didResolveOperation(context) {
          operation = metrics.operationLabel(context.operationName);
          type = context.operation?.operation ?? 'unknown';
        },
        async willSendResponse({ response, contextValue }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const outcome = outcomeOf(errors);
          metrics.graphqlDuration.observe({ operation, type, outcome }, (performance.now() - started) / 1000);
          const errorCodes = errors?.map((error) => String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
          operations.set(contextValue.req, { operation, type, outcome, ...(errorCodes ? { errorCodes } : {}) });
        },
      };
    },
  };
}

function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): GraphqlOutcome {
  if (!errors?.length) return 'ok';
  return errors.some((error) => (error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR) === ErrorCode.INTERNAL_SERVER_ERROR)
    ? 'server_error'
    : 'client_error';
}
