import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';

const tracer = trace.getTracer('@reelrank/api');

/**
 * Middleware of the GraphQL route at `path`: one SERVER span per GraphQL HTTP request, continuing the caller's W3C `traceparent`
 * if any, and active while Apollo runs the operation, so the Temporal client's spans (StartWorkflow,
 * SignalWorkflow, …) are its children. A no-op span while tracing is off.
 */
export function graphqlRequestSpan(path: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      `${req.method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': path } },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/**
 * Names the request's span after its operation, `<type> <name>` (the root fields for an anonymous one),
 * e.g. `mutation StartEnrichment`, with the graphql.operation.* attributes.
 */
export const graphqlOperationSpanName: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, operationName }) {
        if (!operation) return;
        const name =
          operationName ??
          operation.selectionSet.selections.map((selection) => (selection.kind === 'Field' ? selection.name.value : '…')).join(',');
        trace
          .getActiveSpan()
          ?.updateName(`${operation.operation} ${name}`)
          .setAttributes({
            'graphql.operation.type': operation.operation,
            ...(operationName ? { 'graphql.operation.name': operationName } : {}),
          });
      },
    };
  },
};
