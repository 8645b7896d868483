import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client, type S3Settings } from '@reelrank/storage';
import { ensureBuckets } from '@reelrank/stack';
import { randomBytes } from 'node:crypto';
import { TEST_S3_CREDENTIALS, testEnv } from './test-stack';

/** The test MinIO's address and credentials. */
export const testS3Settings = (): S3Settings => ({
  S3_ENDPOINT: testEnv('TEST_S3_ENDPOINT'),
  S3_REGION: 'us-east-1',
  S3_ACCESS_KEY_ID: TEST_S3_CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: TEST_S3_CREDENTIALS.secretAccessKey,
  S3_FORCE_PATH_STYLE: true,
});

/** A client for the test MinIO and a fresh bucket. */
export async function testBucket(prefix: string): Promise<{ s3: S3Client; bucket: string; empty(): Promise<void> }> {
  const s3 = createS3Client(testS3Settings());
  const bucket = `${prefix}-${randomBytes(4).toString('hex')}`;
  await ensureBuckets(s3, [bucket]);
  return {
    s3,
    bucket,
    empty: async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      const keys = (listed.Contents ?? []).map((object) => ({ Key: object.Key! }));
      if (keys.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
    },
  };
}
