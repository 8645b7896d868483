import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Connection } from '@temporalio/client';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { testEnv, testS3Settings } from '@reelrank/testing';
import { createS3Client } from '../../storage/src';
import { assertPortFree, getFreePort, PortInUseError } from '../src/ports';
import { ensureBuckets } from '../src/minio';

describe('test stack (real services)', () => {
  it('serves PostgreSQL', async () => {
    const client = new Client({ connectionString: testEnv('TEST_POSTGRES_URL') });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    await client.end();
    expect(rows[0].server_version).toMatch(/^\d+\.\d+/);
  });

  it('serves Temporal with the project search attributes registered', async () => {
    const connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    await connection.close();
    expect(Object.keys(customAttributes ?? {})).toEqual(
      expect.arrayContaining(['DatasetVersion', 'PipelineStage', 'PipelineType', 'ModelVersion']),
    );
  });

  it('serves S3 through MinIO and creates buckets idempotently', async () => {
    const s3 = createS3Client(testS3Settings());
    await ensureBuckets(s3, ['stack-spec']);
    await ensureBuckets(s3, ['stack-spec']);
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'stack-spec' }))).rejects.toThrow();
    await s3.send(new PutObjectCommand({ Bucket: 'stack-spec', Key: 'hello.txt', Body: 'hi' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'stack-spec', Key: 'hello.txt' }));
    expect(await object.Body?.transformToString()).toBe('hi');
  });
});

describe('assertPortFree', () => {
  it('explains a port in use in one line, naming the variable to change', async () => {
    const port = await getFreePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const error = await assertPortFree(port, 'PostgreSQL', 'POSTGRES_PORT').catch((e: Error) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toMatch(new RegExp(`^Port ${port} \\(PostgreSQL\\) is already in use: .*POSTGRES_PORT`));
      expect((error as Error).message).not.toContain('\n');
    } finally {
      blocker.close();
    }
    await expect(assertPortFree(port, 'PostgreSQL', 'POSTGRES_PORT')).resolves.toBeUndefined();
  });
});
