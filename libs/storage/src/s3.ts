import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';

export interface S3Settings {
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  S3_FORCE_PATH_STYLE: boolean;
}

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.S3_ENDPOINT,
    region: settings.S3_REGION,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE,
    credentials: {
      accessKeyId: settings.S3_ACCESS_KEY_ID,
      secretAccessKey: settings.S3_SECRET_ACCESS_KEY,
    },
  });
}

/** Whether an S3 error means the object (or bucket) is not there: NoSuchKey from GET, NotFound or a bare 404 from HEAD. */
export function isMissingObject(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);
}

export interface StoredText {
  text: string;
  /** The object's user metadata (`x-amz-meta-*`, names in lower case). */
  metadata: Record<string, string>;
  lastModified?: Date;
}

/** The object's body as UTF-8 text, or undefined when there is no such object. */
export async function readTextObject(
  s3: S3Client,
  bucket: string,
  key: string,
  options: { signal?: AbortSignal } = {},
): Promise<StoredText | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: options.signal });
    return {
      text: (await object.Body?.transformToString('utf8')) ?? '',
      metadata: object.Metadata ?? {},
      lastModified: object.LastModified,
    };
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}

/** The object parsed as JSON, or undefined when there is no such object (or it holds `null`). */
export async function readJsonObject<T>(s3: S3Client, bucket: string, key: string): Promise<T | undefined> {
  const stored = await readTextObject(s3, bucket, key);
  return stored ? ((JSON.parse(stored.text) as T | null) ?? undefined) : undefined;
}

/** Writes `value` as JSON (`pretty`: indented by two spaces, with a final newline, for objects people read). */
export async function writeJsonObject(
  s3: S3Client,
  bucket: string,
  key: string,
  value: unknown,
  options: { pretty?: boolean } = {},
): Promise<void> {
  const body = options.pretty ? `${JSON.stringify(value, null, 2)}\n` : JSON.stringify(value);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
}

/** The names of the "folders" right under `prefix` (`<prefix><name>/...`), sorted, over every page of the listing. */
export async function listFolders(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
    for (const folder of page.CommonPrefixes ?? []) if (folder.Prefix) names.push(folder.Prefix.slice(prefix.length, -1));
    token = page.NextContinuationToken;
  } while (token);
  return names.sort();
}
