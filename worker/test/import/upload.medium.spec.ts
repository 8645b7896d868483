import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ML_LATEST_SMALL, TEST_S3_CREDENTIALS, testBucket, testEnv } from '@reelrank/testing';
import { DatasetUploadError, uploadDataset, type UploadProgress } from '../../src/dataset/upload';

const run = promisify(execFile);
const FILES = ['movies.csv', 'links.csv', 'tags.csv', 'ratings.csv'];

describe('dataset upload to the raw zone', () => {
  let root: string;
  let storage: Awaited<ReturnType<typeof testBucket>>;

  /** A copy of ml-latest-small named `name`, optionally changed by `edit`. */
  function folder(name: string, edit?: (dir: string) => void): string {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const file of FILES) copyFileSync(join(ML_LATEST_SMALL, file), join(dir, file));
    edit?.(dir);
    return dir;
  }

  const manifestOf = async (version: string) =>
    JSON.parse(
      await (
        await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: `movielens/raw/${version}/manifest.json` }))
      ).Body!.transformToString(),
    );

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'reelrank-upload-'));
    storage = await testBucket('upload');
  });

  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await storage?.empty();
    storage?.s3.destroy();
  });

  it('uploads each file with its sha256, writes a manifest, then skips what did not change', async () => {
    const dir = folder('ml-small-copy');
    const events: UploadProgress[] = [];
    const first = await uploadDataset({
      s3: storage.s3,
      bucket: storage.bucket,
      from: dir,
      onProgress: (event) => events.push(event),
      partSize: 5 * 1024 * 1024,
    });
    expect(first.datasetVersion).toBe('ml-small-copy'); // defaults to the folder name
    expect(first.uploaded).toEqual(['movies', 'links', 'tags', 'ratings']);
    expect(events.filter((event) => event.phase === 'uploaded').map((event) => event.file)).toEqual(['movies', 'links', 'tags', 'ratings']);
    expect(events.some((event) => event.phase === 'hashing')).toBe(true);

    const head = await storage.s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: 'movielens/raw/ml-small-copy/movies.csv' }));
    expect(head.Metadata?.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(dir, 'movies.csv')))
        .digest('hex'),
    );
    const manifest = await manifestOf('ml-small-copy');
    expect(manifest.files.movies).toEqual({
      key: 'movielens/raw/ml-small-copy/movies.csv',
      bytes: 484_688,
      sha256: head.Metadata?.sha256,
      rows: 9_742,
    });
    expect(manifest.files.ratings).toMatchObject({ bytes: 2_382_886, rows: 100_836 });

    const again = await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dir });
    expect(again.uploaded).toEqual([]);
    expect(again.skipped).toEqual(['movies', 'links', 'tags', 'ratings']);
    expect((await manifestOf('ml-small-copy')).uploadedAt).toBe(manifest.uploadedAt);

    appendFileSync(join(dir, 'tags.csv'), '1,1,new tag,1700000000\n');
    const changed = await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dir });
    expect(changed.uploaded).toEqual(['tags']);
    expect((await manifestOf('ml-small-copy')).files.tags.rows).toBe(3_684);
  });

  it('refuses a folder with a missing file or a wrong header before uploading anything', async () => {
    const missing = folder('missing', (dir) => rmSync(join(dir, 'tags.csv')));
    await expect(uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: missing })).rejects.toThrow(
      new DatasetUploadError(`${missing} is missing tags.csv (a MovieLens folder has movies.csv, links.csv, tags.csv and ratings.csv)`),
    );
    const wrong = folder('wrong-header', (dir) => writeFileSync(join(dir, 'links.csv'), 'movie,imdb,tmdb\n1,0114709,862\n'));
    await expect(uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: wrong })).rejects.toThrow(
      `${join(wrong, 'links.csv')}: expected header "movieId,imdbId,tmdbId", found "movie,imdb,tmdb"`,
    );
    await expect(uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: wrong, version: '../x' })).rejects.toThrow(
      /dataset version "..\/x" must be/,
    );
    const listed = await storage.s3
      .send(new GetObjectCommand({ Bucket: storage.bucket, Key: 'movielens/raw/wrong-header/movies.csv' }))
      .catch(() => undefined);
    expect(listed).toBeUndefined();
  });

  it('runs as `npm run dataset:upload` (tsx, no Nest) with a one-line error on a bad folder', async () => {
    const cli = resolve(__dirname, '../../src/dataset/upload-cli.ts');
    const env = {
      ...process.env,
      S3_ENDPOINT: testEnv('TEST_S3_ENDPOINT'),
      S3_ACCESS_KEY_ID: TEST_S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3_CREDENTIALS.secretAccessKey,
      S3_BUCKET: storage.bucket,
      MOVIELENS_DIR: folder('from-env'),
    };
    const tsx = require.resolve('tsx/cli');
    const ok = await run(process.execPath, [tsx, cli, '--version', 'cli-small'], { env, cwd: resolve(__dirname, '../../..') });
    expect(ok.stdout).toMatch(
      /^dataset:upload: s3:\/\/upload-[0-9a-f]+\/movielens\/raw\/cli-small\/ — uploaded movies, links, tags, ratings; movies 9742 rows/,
    );

    const bad = await run(process.execPath, [tsx, cli, '--from', join(root, 'nowhere')], {
      env,
      cwd: resolve(__dirname, '../../..'),
    }).catch((error) => error);
    expect(bad.code).toBe(1);
    expect(
      bad.stderr
        .trim()
        .split('\n')
        .filter((line: string) => line.startsWith('dataset:upload')),
    ).toEqual([`dataset:upload: ${join(root, 'nowhere')} is not a folder`]);
  });
});
