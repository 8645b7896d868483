import { TEST_S3_CREDENTIALS, testEnv } from './test-stack';

/** Environment for api/worker processes pointed at the shared test services. */
export function testServiceEnv(databaseUrl: string, bucket: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: testEnv('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_NAMESPACE: 'default',
    S3_ENDPOINT: testEnv('TEST_S3_ENDPOINT'),
    S3_ACCESS_KEY_ID: TEST_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: TEST_S3_CREDENTIALS.secretAccessKey,
    S3_BUCKET: bucket,
    JWT_SECRET: 'test-only-jwt-secret-0123456789abcdefghij',
    // A worker app started by a test serves /metrics on a free port, never on the developer's 9464.
    WORKER_METRICS_PORT: '0',
  };
}
