import { GetObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { isMissingObject, readJsonObject, readTextObject, writeJsonObject } from './s3';

/** An S3 client answering GetObject from `objects` (NoSuchKey otherwise) and recording PutObject. */
function fakeS3(objects: Record<string, { text: string; metadata?: Record<string, string> }> = {}) {
  const puts: { key: string; body: string; contentType?: string }[] = [];
  const send = async (command: GetObjectCommand | PutObjectCommand) => {
    if (command instanceof PutObjectCommand) {
      puts.push({ key: command.input.Key!, body: command.input.Body as string, contentType: command.input.ContentType });
      return {};
    }
    const object = objects[command.input.Key!];
    if (!object) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    return { Body: { transformToString: async () => object.text }, Metadata: object.metadata };
  };
  return { s3: { send } as unknown as S3Client, puts };
}

describe('S3 objects', () => {
  it('takes NoSuchKey, NotFound and any 404 for a missing object, nothing else', () => {
    expect(isMissingObject(new NoSuchKey({ message: 'missing', $metadata: {} }))).toBe(true);
    expect(isMissingObject(new NotFound({ message: 'missing', $metadata: {} }))).toBe(true);
    const bare404 = new S3ServiceException({ name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: 404 } });
    expect(isMissingObject(bare404)).toBe(true);
    const denied = new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    expect(isMissingObject(denied)).toBe(false);
    expect(isMissingObject(new Error('socket hang up'))).toBe(false);
    expect(isMissingObject(undefined)).toBe(false);
  });

  it('reads JSON, and undefined for a missing object or a stored null', async () => {
    const { s3 } = fakeS3({ 'a.json': { text: '{"n":1}' }, 'null.json': { text: 'null' }, 'bad.json': { text: '{' } });
    expect(await readJsonObject(s3, 'b', 'a.json')).toEqual({ n: 1 });
    expect(await readJsonObject(s3, 'b', 'missing.json')).toBeUndefined();
    expect(await readJsonObject(s3, 'b', 'null.json')).toBeUndefined();
    await expect(readJsonObject(s3, 'b', 'bad.json')).rejects.toThrow(SyntaxError);
  });

  it('reads text with its metadata, and passes other errors on', async () => {
    const { s3 } = fakeS3({ 't.txt': { text: 'hello', metadata: { 'fetched-at': '2026-01-01T00:00:00Z' } } });
    expect(await readTextObject(s3, 'b', 't.txt')).toMatchObject({ text: 'hello', metadata: { 'fetched-at': '2026-01-01T00:00:00Z' } });
    const failing = {
      send: async () => {
        throw new Error('socket hang up');
      },
    } as unknown as S3Client;
    await expect(readTextObject(failing, 'b', 't.txt')).rejects.toThrow('socket hang up');
  });

  it('writes compact JSON, or indented with a final newline', async () => {
    const { s3, puts } = fakeS3();
    await writeJsonObject(s3, 'b', 'compact.json', { a: [1] });
    await writeJsonObject(s3, 'b', 'pretty.json', { a: 1 }, { pretty: true });
    expect(puts).toEqual([
      { key: 'compact.json', body: '{"a":[1]}', contentType: 'application/json' },
      { key: 'pretty.json', body: '{\n  "a": 1\n}\n', contentType: 'application/json' },
    ]);
  });
});
