import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdirSync } from 'node:fs';
import { ManagedProcess } from './managed-process';

export interface MinioOptions {
  binary: string;
  port: number;
  consolePort: number;
  dataDir: string;
  accessKey: string;
  secretKey: string;
  logFile: string;
}

export interface RunningMinio {
  process: ManagedProcess;
  endpoint: string;
  consoleUrl: string;
  stop(): Promise<void>;
}

/** Runs the real MinIO server with its data in `dataDir`. */
export async function startMinio(options: MinioOptions): Promise<RunningMinio> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const server = new ManagedProcess({
    name: 'minio',
    command: options.binary,
    args: [
      'server',
      options.dataDir,
      '--address',
      `127.0.0.1:${options.port}`,
      '--console-address',
      `127.0.0.1:${options.consolePort}`,
      '--quiet',
    ],
    env: {
      MINIO_ROOT_USER: options.accessKey,
      MINIO_ROOT_PASSWORD: options.secretKey,
      MINIO_BROWSER_REDIRECT: 'off',
      MINIO_UPDATE: 'off',
      MINIO_CALLHOME_ENABLE: 'off',
    },
    logFile: options.logFile,
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  await server.waitUntilReady(async () => (await fetch(`${endpoint}/minio/health/ready`)).ok, 60_000);
  return { process: server, endpoint, consoleUrl: `http://localhost:${options.consolePort}`, stop: () => server.stop() };
}

/** Creates each bucket that does not exist yet. */
export async function ensureBuckets(client: S3Client, buckets: string[]): Promise<void> {
  for (const Bucket of buckets) {
    try {
      await client.send(new HeadBucketCommand({ Bucket }));
    } catch {
      await client.send(new CreateBucketCommand({ Bucket }));
    }
  }
}
