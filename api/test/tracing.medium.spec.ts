import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';
import { testServiceEnv } from '@reelrank/testing';
import { startTracing, type Tracing } from '@reelrank/tracing';
import { bundleWorkflows, startTestWorker, type TestWorker } from '../../worker/test/support';
import { TemporalClient } from '../src/temporal/temporal.module';
import { eventually } from './support/recommender-seed';
import { TestApi } from './support/test-api';

const ADMIN = { email: 'tracing-admin@reelrank.test', password: 'admin-password-1' };
const START_ENRICHMENT = `mutation StartEnrichment($v: String!) { startEnrichment(datasetVersion: $v) { workflowId } }`;

/** The API and a worker in this process, tracing into one in-memory exporter: as if both sent spans to one collector. */
describe('tracing: a GraphQL request, its workflow and the workflow activities form one trace', () => {
  const run = randomBytes(3).toString('hex');
  const taskQueue = `api-tracing-test-${run}`;
  const spans = new InMemorySpanExporter();
  let tracing: Tracing;
  let api: TestApi;
  let worker: TestWorker;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'reelrank-test', spanProcessor: new SimpleSpanProcessor(spans) });
    const bundle = bundleWorkflows({ traced: true });
    api = await TestApi.start({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PIPELINE_TASK_QUEUE: taskQueue,
      TRAINING_TASK_QUEUE: taskQueue,
    });
    worker = await startTestWorker({
      env: testServiceEnv(api.database.url, 'api-test'),
      taskQueue,
      workflowBundle: await bundle,
      tracing,
    });
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await tracing?.shutdown();
  });

  it('GraphQL mutation → StartWorkflow → RunWorkflow → StartActivity → RunActivity, each the parent of the next', async () => {
    const login = await api.gql(`mutation LogIn($input: LogInInput!) { logIn(input: $input) { accessToken } }`, { input: ADMIN });
    spans.reset();
    // Enrichment without TMDB credentials: one activity (tmdbCredentialsConfigured), then the workflow completes.
    const started = await api.gql(START_ENRICHMENT, { v: `tracing-${run}` }, login.data!.logIn.accessToken);
    expect(started.errors).toBeUndefined();
    const workflowId: string = started.data!.startEnrichment.workflowId;
    await api.app.get(TemporalClient).workflow.getHandle(workflowId).result();

    const chain = await eventually(() => {
      const request = only(spans.getFinishedSpans(), (span) => span.name === 'mutation StartEnrichment');
      const start = childOf(request, 'StartWorkflow:enrichTmdbWorkflow');
      const workflow = childOf(start, 'RunWorkflow:enrichTmdbWorkflow');
      const startActivity = childOf(workflow, 'StartActivity:tmdbCredentialsConfigured');
      const activity = childOf(startActivity, 'RunActivity:tmdbCredentialsConfigured');
      return Promise.resolve([request, start, workflow, startActivity, activity]);
    }, 10_000);

    expect(new Set(chain.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(chain[0].attributes).toMatchObject({
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'StartEnrichment',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
    });
    expect(chain[0].parentSpanId).toBeUndefined();
  });

  /** The one finished span named `name` whose parent is `parent`. */
  function childOf(parent: ReadableSpan, name: string): ReadableSpan {
    return only(
      spans.getFinishedSpans(),
      (span) =>
        span.name === name &&
        span.parentSpanId === parent.spanContext().spanId &&
        span.spanContext().traceId === parent.spanContext().traceId,
    );
  }
});

function only(spans: ReadableSpan[], matches: (span: ReadableSpan) => boolean): ReadableSpan {
  const found = spans.filter(matches);
  if (found.length !== 1) {
    const seen = spans.map((span) => `${span.name} (${span.spanContext().spanId} ← ${span.parentSpanId ?? 'root'})`);
    throw new Error(`expected one matching span, found ${found.length} among: ${seen.join(', ') || 'no spans'}`);
  }
  return found[0];
}
