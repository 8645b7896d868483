// Container health checks of the api and worker images (Docker HEALTHCHECK and docker-compose.yml).
// Exits 0 when healthy, else prints one line saying why and exits 1.
//
//   node healthcheck.mjs api     the API answers the GraphQL query { health { ok } } with ok = true
//                                (PostgreSQL, Temporal and S3 all reachable from the API)
//   node healthcheck.mjs worker  Temporal lists this container's worker as a poller of its main task queue
//                                (PIPELINE_TASK_QUEUE, default TASK_QUEUES.main)
import { createRequire } from 'node:module';
import { hostname } from 'node:os';

const TIMEOUT_MS = 4000;
const require = createRequire(import.meta.url);

async function checkApi() {
  const port = process.env.API_PORT || '3000';
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ health { ok services { name up error } } }' }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`POST /graphql answered HTTP ${response.status}`);
  const health = (await response.json())?.data?.health;
  if (!health) throw new Error('POST /graphql answered without data.health');
  if (health.ok !== true) {
    const down = health.services.filter((service) => !service.up);
    throw new Error(`dependencies down: ${down.map((s) => `${s.name} (${s.error ?? 'no answer'})`).join(', ')}`);
  }
}

async function checkWorker() {
  const { Connection } = require('@temporalio/client');
  const { TASK_QUEUES } = require('@reelrank/workflows/dist/task-queues');
  const address = process.env.TEMPORAL_ADDRESS || 'localhost:7233';
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const taskQueue = process.env.PIPELINE_TASK_QUEUE || TASK_QUEUES.main;
  const connection = await Connection.connect({ address, connectTimeout: TIMEOUT_MS });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
    });
    // The SDK's default worker identity is `${pid}@${hostname}`.
    const mine = (pollers ?? []).some((poller) => poller.identity?.endsWith(`@${hostname()}`));
    if (!mine) throw new Error(`no poller from ${hostname()} on task queue ${taskQueue}`);
  } finally {
    await connection.close();
  }
}

const mode = process.argv[2];
const checks = { api: checkApi, worker: checkWorker };

if (!checks[mode]) {
  console.error('usage: node healthcheck.mjs api | worker');
  process.exit(2);
}
try {
  await checks[mode]();
  process.exit(0);
} catch (error) {
  console.error(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
