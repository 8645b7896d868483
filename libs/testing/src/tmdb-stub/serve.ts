/**
 * Runs the TMDB stub for local development:
 *   npx tsx libs/testing/src/tmdb-stub/serve.ts --port 8787 --api-key dev-key [--failure-rate 0.1] [--slow-rate 0.05] [--seed 7]
 * then start the worker with TMDB_BASE_URL=http://127.0.0.1:8787 TMDB_API_KEY=dev-key.
 */
import { parseArgs } from 'node:util';
import { startTmdbStub } from './tmdb-stub';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', default: 'dev-key' },
      'read-access-token': { type: 'string' },
      'failure-rate': { type: 'string', default: '0' },
      'slow-rate': { type: 'string', default: '0' },
      'slow-delay-ms': { type: 'string', default: '2000' },
      'retry-after': { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: tsx libs/testing/src/tmdb-stub/serve.ts [--port 8787] [--host 127.0.0.1] [--api-key KEY] [--read-access-token TOKEN]',
    );
    console.log('       [--failure-rate 0..1] [--slow-rate 0..1] [--slow-delay-ms MS] [--retry-after SECONDS] [--seed N]');
    return;
  }
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value)) throw new Error(`--${name} must be a number (got ${JSON.stringify(values[name])})`);
    return value;
  };
  const stub = await startTmdbStub({
    port: number('port'),
    host: values.host,
    apiKey: values['api-key']!,
    readAccessToken: values['read-access-token'],
    failureRate: number('failure-rate'),
    slowRate: number('slow-rate'),
    slowDelayMs: number('slow-delay-ms'),
    retryAfterSeconds: number('retry-after'),
    seed: number('seed'),
  });
  console.log(`TMDB stub serving ${stub.movies.size} movies on ${stub.url}`);
  console.log(`  TMDB_BASE_URL=${stub.url} TMDB_API_KEY=${values['api-key']}`);
  const stop = () => {
    console.log(`\n${stub.requests.total} requests: ${JSON.stringify(stub.requests.byStatus())}`);
    void stub.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
