import { createServer, connect, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { probe } from './probe';

/** Keeps the event loop busy for `ms` (as CPU-heavy work on the main thread would). */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('probe', () => {
  // A dependency on a socket: it answers every connection at once (as PostgreSQL answers SELECT 1).
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const ask = () =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('data', resolve).on('error', reject);
    });

  it('reports an answer, with its latency', async () => {
    const result = await probe('db', async () => (await sleep(20), ask()));
    expect(result).toEqual({ name: 'db', up: true, latencyMs: expect.any(Number) });
    expect(result.latencyMs).toBeGreaterThanOrEqual(15);
  });

  it('reports no answer within the deadline as down', async () => {
    const result = await probe('db', () => new Promise(() => undefined), 300);
    expect(result).toMatchObject({ name: 'db', up: false, error: 'no answer within 300 ms' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('reports a failed check as down with its error', async () => {
    expect(await probe('s3', async () => Promise.reject(new Error('connection refused')))).toMatchObject({
      up: false,
      error: 'connection refused',
    });
  });

  it('does not count time the event loop was blocked against the deadline: a busy process is slow, not cut off', async () => {
    // The answer arrives within milliseconds, while the loop is blocked for 1.5 s: five times the 300 ms deadline.
    const pending = probe('db', ask, 300);
    blockEventLoop(1500);
    const result = await pending;
    expect(result).toMatchObject({ name: 'db', up: true });
    expect(result.latencyMs).toBeGreaterThanOrEqual(1500);
  });
});
