import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// Jest loads the global setup with Node's own resolution (no moduleNameMapper): the sources are imported by path.
import { getFreePort, MINIO, provisionTool, startMinio, startPostgres, startTemporal, TEMPORAL_CLI } from '../../stack/src';
import { searchAttributeRegistrations } from '../../../workflows/src/search-attributes';
import { TEST_S3_CREDENTIALS, type TestStack } from './test-stack';

/**
 * Starts one real PostgreSQL, Temporal dev server and MinIO on free ports in a temp dir for
 * the whole test run (never the developer's running stack) and publishes their addresses
 * through TEST_* environment variables, which the Jest workers inherit.
 */
export default async function globalSetup(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const workDir = mkdtempSync(join(tmpdir(), 'reelrank-test-'));
  const toolsDir = join(root, '.tools');
  const [temporalBinary, minioBinary] = await Promise.all([provisionTool(TEMPORAL_CLI, { toolsDir }), provisionTool(MINIO, { toolsDir })]);
  const [postgresPort, temporalPort, minioPort, minioConsolePort] = await Promise.all([
    getFreePort(),
    getFreePort(),
    getFreePort(),
    getFreePort(),
  ]);
  const [postgres, temporal, minio] = await Promise.all([
    startPostgres({
      port: postgresPort,
      dataDir: join(workDir, 'postgres'),
      logFile: join(workDir, 'postgres.log'),
      user: 'reelrank',
      password: 'test-password',
    }),
    startTemporal({
      binary: temporalBinary,
      port: temporalPort,
      namespace: 'default',
      searchAttributes: searchAttributeRegistrations(),
      logFile: join(workDir, 'temporal.log'),
    }),
    startMinio({
      binary: minioBinary,
      port: minioPort,
      consolePort: minioConsolePort,
      dataDir: join(workDir, 'minio'),
      accessKey: TEST_S3_CREDENTIALS.accessKeyId,
      secretKey: TEST_S3_CREDENTIALS.secretAccessKey,
      logFile: join(workDir, 'minio.log'),
    }),
  ]);
  Object.assign(process.env, {
    TEST_WORK_DIR: workDir,
    TEST_POSTGRES_URL: postgres.adminUrl,
    TEST_TEMPORAL_ADDRESS: temporal.address,
    TEST_TEMPORAL_BINARY: temporalBinary,
    TEST_S3_ENDPOINT: minio.endpoint,
  });
  const stack: TestStack = { workDir, stop: async () => void (await Promise.all([postgres.stop(), temporal.stop(), minio.stop()])) };
  (globalThis as { reelrankTestStack?: TestStack }).reelrankTestStack = stack;
}
