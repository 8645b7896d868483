import type { LoggingConfig } from '@reelrank/config';
import { createLogger } from '@reelrank/config';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { graphqlOperationOf } from './graphql-operation.plugin';
import { requestId } from './request-id';

/**
 * nestjs-pino's settings: every Nest log line and one line per HTTP request (not /metrics scrapes) as JSON,
 * each with the request's `reqId`. The request line names the GraphQL operation, its outcome and error codes;
 * it is `info` when all went well, `warn` for client errors (4xx, GraphQL errors other than
 * INTERNAL_SERVER_ERROR) and `error` for server errors. Headers are not logged (they carry tokens).
 */
export function loggingParams(config: LoggingConfig, destination?: DestinationStream): Params {
  return {
    pinoHttp: {
      logger: createLogger('api', config, destination),
      genReqId: requestId,
      quietReqLogger: true,
      autoLogging: { ignore: (req) => req.url === '/metrics' },
      customLogLevel: (req, res, error) => {
        const outcome = graphqlOperationOf(req)?.outcome;
        if (error || res.statusCode >= 500 || outcome === 'server_error') return 'error';
        if (res.statusCode >= 400 || outcome === 'client_error') return 'warn';
        return 'info';
      },
      customSuccessObject: (req: IncomingMessage, _res: ServerResponse, fields: object) => {
        const graphql = graphqlOperationOf(req);
        return graphql ? { ...fields, graphql } : fields;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
