import { WorkerMetricsServer } from './metrics-server';
import { WorkerHealth } from './worker-health';
import { WorkerMetrics } from './worker-metrics';

describe('WorkerMetricsServer', () => {
  let health: WorkerHealth;
  let server: WorkerMetricsServer;
  const get = async (path: string, method = 'GET') => {
    const response = await fetch(`${server.origin}${path}`, { method });
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.includes('json') ? ((await response.json()) as unknown) : await response.text() };
  };

  beforeEach(async () => {
    health = new WorkerHealth();
    server = new WorkerMetricsServer({ host: '127.0.0.1', port: 0 }, new WorkerMetrics(), health);
    await server.listen();
  });

  afterEach(() => server.beforeApplicationShutdown());

  it('answers /healthz while the process runs, whatever its dependencies say', async () => {
    health.register('postgres', () => Promise.reject(new Error('connection refused')));
    expect(await get('/healthz')).toEqual({ status: 200, body: { alive: true, uptimeSeconds: expect.any(Number) } });
  });

  it('is ready only when every check answers, and says which did not', async () => {
    expect(await get('/readyz')).toEqual({ status: 503, body: { ready: false, checks: [] } }); // still starting
    let temporalUp = false;
    health.register('temporal', async () => {
      if (!temporalUp) throw new Error('workers INITIALIZED, INITIALIZED');
    });
    health.register('postgres', async () => undefined);
    expect(await get('/readyz')).toEqual({
      status: 503,
      body: {
        ready: false,
        checks: [
          { name: 'temporal', up: false, latencyMs: expect.any(Number), error: 'workers INITIALIZED, INITIALIZED' },
          { name: 'postgres', up: true, latencyMs: expect.any(Number) },
        ],
      },
    });
    temporalUp = true;
    expect(await get('/readyz')).toMatchObject({ status: 200, body: { ready: true } });
  });

  it('is not ready while a check hangs past its deadline', async () => {
    health.register('postgres', () => new Promise(() => undefined));
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: { ready: false, checks: [{ name: 'postgres', up: false, error: 'no answer within 2000 ms' }] },
    });
  });

  it('refuses a second check of the same name', () => {
    health.register('postgres', async () => undefined);
    expect(() => health.register('postgres', async () => undefined)).toThrow('readiness check postgres is registered twice');
  });

  it('serves /metrics, 404 elsewhere and 405 for other methods', async () => {
    expect(await get('/metrics')).toMatchObject({ status: 200, body: expect.stringContaining('# HELP') });
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/healthz', 'POST')).status).toBe(405);
  });
});
