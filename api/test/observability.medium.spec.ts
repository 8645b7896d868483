import { Writable } from 'node:stream';
import request from 'supertest';
import { TestApi } from './support/test-api';

interface LogLine {
  level: string;
  service: string;
  reqId?: string;
  msg?: string;
  err?: { type: string; message: string; stack: string };
  graphql?: { operation: string; type: string; outcome: string; errorCodes?: string[] };
  [key: string]: unknown;
}

/** The API's log lines, as JSON, written where a test can read them. */
class LogCapture extends Writable {
  readonly lines: LogLine[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as LogLine);
    done();
  }

  of(reqId: string): LogLine[] {
    return this.lines.filter((line) => line.reqId === reqId);
  }
}

/** One sample of the Prometheus text format: `name{labels} value`. */
const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const present = match[2].split(/,(?=[a-zA-Z_]\w*=)/);
    if (wanted.every((label) => present.includes(label)) && present.length === wanted.length) return Number(match[3]);
  }
  return undefined;
};

const DEMO_LOG_IN = `mutation DemoLogIn { demoLogIn(userId: 1) { accessToken } }`;
const GENRES = `query Genres { genres { id name } }`;

/** Item 5 of issue 14: structured logs with request ids, client errors not logged as server errors, /metrics. */
describe('API logs and metrics', () => {
  let api: TestApi;
  const logs = new LogCapture();

  beforeAll(async () => {
    api = await TestApi.start({}, undefined, logs);
  });

  afterAll(() => api?.close());

  const post = (query: string, requestId?: string) => {
    const call = request(api.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
    if (requestId) call.set('X-Request-Id', requestId);
    return call.send({ query });
  };

  it('logs a FORBIDDEN as one JSON request line at warn, with its request id and code, without a stack', async () => {
    const response = await post(DEMO_LOG_IN, 'forbidden-1');
    expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(response.headers['x-request-id']).toBe('forbidden-1');

    const lines = logs.of('forbidden-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      service: 'api',
      msg: 'request completed',
      req: { id: 'forbidden-1', method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
      graphql: { operation: 'DemoLogIn', type: 'mutation', outcome: 'client_error', errorCodes: ['FORBIDDEN'] },
    });
    expect(JSON.stringify(lines)).not.toMatch(/stack|authorization/i);
    expect(logs.lines.filter((line) => ['error', 'fatal'].includes(line.level))).toEqual([]);
  });

  it('gives a request without a usable x-request-id a new one, and echoes it', async () => {
    const response = await post(GENRES, 'not an id: spaces and / slashes');
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.of(id)).toEqual([
      expect.objectContaining({ level: 'info', graphql: { operation: 'Genres', type: 'query', outcome: 'ok' } }),
    ]);
  });

  it('exposes request counts and latencies per operation, type and outcome, HTTP requests and process metrics at /metrics', async () => {
    await post(GENRES);
    await post(`{ genres { id } }`);
    await post(`{ genres {`);
    const response = await request(api.app.getHttpServer()).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    const graphql = 'reelrank_graphql_request_duration_seconds_count';
    expect(sample(text, graphql, { operation: 'Genres', type: 'query', outcome: 'ok' })).toBe(2);
    expect(sample(text, graphql, { operation: 'DemoLogIn', type: 'mutation', outcome: 'client_error' })).toBe(1);
    expect(sample(text, graphql, { operation: 'anonymous', type: 'query', outcome: 'ok' })).toBe(1);
    expect(sample(text, graphql, { operation: 'unknown', type: 'unknown', outcome: 'client_error' })).toBe(1);
    expect(
      sample(text, 'reelrank_graphql_request_duration_seconds_bucket', { operation: 'Genres', type: 'query', outcome: 'ok', le: '+Inf' }),
    ).toBe(2);
    expect(sample(text, 'reelrank_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBe(4);
    expect(sample(text, 'reelrank_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '400' })).toBe(1);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    // Scrapes are not logged.
    expect(logs.lines.filter((line) => (line.req as { url?: string } | undefined)?.url === '/metrics')).toEqual([]);
  });

  it('logs an unexpected error once at error with its stack and request id; the request line is at error too', async () => {
    await api.sql('DROP TABLE genres CASCADE');
    const response = await post(GENRES, 'internal-1');
    expect(response.body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });

    const lines = logs.of('internal-1');
    expect(lines).toHaveLength(2);
    const [error, completed] = lines;
    expect(error).toMatchObject({ level: 'error', context: 'GraphQL', err: { type: expect.stringMatching(/^PrismaClient/) } });
    expect(error.err!.stack).toMatch(/\n\s+at /);
    expect(completed).toMatchObject({
      level: 'error',
      msg: 'request completed',
      graphql: { operation: 'Genres', type: 'query', outcome: 'server_error', errorCodes: ['INTERNAL_SERVER_ERROR'] },
    });
  });
});
