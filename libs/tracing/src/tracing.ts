import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** The validated tracing variables (`tracingEnv` of @reelrank/config). */
export interface TracingConfig {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_SERVICE_NAME?: string;
}

/** The process's tracer provider, registered as OpenTelemetry's global one. */
export interface Tracing {
  /** What every span of the process says about it (service.name, the SDK), workflow spans included. */
  resource: Resource;
  /** Where finished spans go; the worker hands its workflows' spans to it too. */
  spanProcessor: SpanProcessor;
  /** Exports the spans still pending and unregisters the provider. */
  shutdown(): Promise<void>;
}

/**
 * Registers the global tracer provider: spans of `serviceName` go to `spanProcessor`, the active span
 * follows async calls (AsyncLocalStorage), and W3C `traceparent` headers carry traces between processes.
 */
export function startTracing(options: { serviceName: string; spanProcessor: SpanProcessor }): Tracing {
  const resource = Resource.default().merge(new Resource({ [ATTR_SERVICE_NAME]: options.serviceName }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [options.spanProcessor] });
  provider.register();
  return {
    resource,
    spanProcessor: options.spanProcessor,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Traces to the OTLP/HTTP collector at OTEL_EXPORTER_OTLP_ENDPOINT, in batches; undefined (no tracing) when it is unset. */
export function startTracingFromEnv(config: TracingConfig, defaultServiceName: string): Tracing | undefined {
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const exporter = new OTLPTraceExporter({ url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` });
  return startTracing({
    serviceName: config.OTEL_SERVICE_NAME ?? defaultServiceName,
    spanProcessor: new BatchSpanProcessor(exporter),
  });
}
