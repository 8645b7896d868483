import { trace } from '@opentelemetry/api';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTracingFromEnv } from './tracing';

describe('startTracingFromEnv', () => {
  let collector: Server;
  const received: { url?: string; body: string }[] = [];

  beforeAll(async () => {
    collector = createServer(async (req, res) => {
      received.push({ url: req.url, body: await text(req) });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise((resolve) => collector.close(resolve)));

  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(startTracingFromEnv({}, 'reelrank-test')).toBeUndefined();
  });

  it('sends spans over OTLP/HTTP to <endpoint>/v1/traces, named by OTEL_SERVICE_NAME or the default', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/collector/`;
    for (const [serviceName, expected] of [
      [undefined, 'reelrank-test'],
      ['custom-name', 'custom-name'],
    ]) {
      received.length = 0;
      const tracing = startTracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: serviceName }, 'reelrank-test')!;
      trace.getTracer('test').startSpan('a span').end();
      await tracing.shutdown();
      expect(received).toHaveLength(1);
      expect(received[0].url).toBe('/collector/v1/traces');
      const [resourceSpans] = JSON.parse(received[0].body).resourceSpans;
      expect(resourceSpans.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: expected } });
      expect(resourceSpans.scopeSpans[0].spans.map((span: { name: string }) => span.name)).toEqual(['a span']);
    }
  });
});

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
