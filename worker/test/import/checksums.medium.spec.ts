import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigratedDatabase, testBucket, type TestDatabase } from '@reelrank/testing';
import { uploadDataset } from '../../src/dataset/upload';
import { runMovieLensImport } from '../../src/import/run-import';
import { tableCounts, testImporter } from '../support';

const FILES = {
  'movies.csv': 'movieId,title,genres\n1,Toy Story (1995),Animation\n2,Heat (1995),Crime\n',
  'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n2,0113277,949\n',
  'tags.csv': 'userId,movieId,tag,timestamp\n7,1,pixar,1139045764\n',
  'ratings.csv': 'userId,movieId,rating,timestamp\n7,1,4.0,964982703\n7,2,3.5,964981247\n8,1,5.0,964982224\n',
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const NOTHING_MERGED = { movies: 0, genres: 0, movie_genres: 0, links: 0, users: 0, tags: 0, ratings: 0 };

/** The import checks the raw objects against the manifest `dataset:upload` wrote: a changed file is refused before any merge. */
describe('MovieLens import checksums', () => {
  let dir: string;
  let database: TestDatabase;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let s3: S3Client;

  const upload = (version: string) => uploadDataset({ s3, bucket: storage.bucket, from: dir, version });
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: body }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-checksums-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
    database = await createMigratedDatabase('checksums');
    storage = await testBucket('checksums');
    s3 = storage.s3;
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await storage?.empty();
    s3?.destroy();
    await database?.drop();
  });

  it('refuses a file whose bytes changed since the upload (same size): nothing is merged, the import is FAILED', async () => {
    await upload('same-size');
    const changed = FILES['ratings.csv'].replace('8,1,5.0', '8,1,1.0');
    await put('movielens/raw/same-size/ratings.csv', changed);
    const { importer, pool, close } = testImporter(database.url, s3, storage.bucket, { chunkLines: 1 });
    try {
      await expect(runMovieLensImport(importer, 'same-size')).rejects.toThrow(
        `ratings.csv of dataset version same-size changed since upload: sha256 ${sha256(changed)}, ` +
          `expected ${sha256(FILES['ratings.csv'])} (upload it again with npm run dataset:upload)`,
      );
      expect(await tableCounts(pool)).toEqual(NOTHING_MERGED);
      const { rows } = await pool.query(`SELECT status FROM dataset_imports WHERE dataset_version = 'same-size'`);
      expect(rows).toEqual([{ status: 'FAILED' }]);
    } finally {
      await close();
    }
  });

  it('refuses a file whose size changed, and a version without a manifest, before staging anything', async () => {
    await upload('longer');
    const longer = `${FILES['tags.csv']}8,2,heist,1139045764\n`;
    await put('movielens/raw/longer/tags.csv', longer);
    await upload('no-manifest');
    await s3.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: 'movielens/raw/no-manifest/manifest.json' }));
    const { importer, pool, close } = testImporter(database.url, s3, storage.bucket);
    try {
      await expect(importer.prepare({ datasetVersion: 'longer' })).rejects.toThrow(
        `tags.csv of dataset version longer changed since upload: ${Buffer.byteLength(longer)} bytes, ` +
          `expected ${Buffer.byteLength(FILES['tags.csv'])} (upload it again with npm run dataset:upload)`,
      );
      await expect(importer.prepare({ datasetVersion: 'no-manifest' })).rejects.toThrow(
        `s3://${storage.bucket}/movielens/raw/no-manifest/manifest.json is missing, so the files cannot be verified`,
      );
      expect(await tableCounts(pool)).toEqual(NOTHING_MERGED);
    } finally {
      await close();
    }
  });

  it('imports an intact upload and records the checksum it verified per file', async () => {
    const { manifest } = await upload('intact');
    const { importer, pool, close } = testImporter(database.url, s3, storage.bucket, { chunkLines: 1 });
    try {
      await runMovieLensImport(importer, 'intact');
      expect(await tableCounts(pool)).toMatchObject({ movies: 2, ratings: 3 });
      const { rows } = await pool.query(
        `SELECT f.file, f.sha256 FROM dataset_import_files f JOIN dataset_imports i ON i.id = f.import_id
         WHERE i.dataset_version = 'intact' ORDER BY f.file`,
      );
      expect(Object.fromEntries(rows.map((row) => [row.file, row.sha256]))).toEqual({
        links: manifest.files.links.sha256,
        movies: manifest.files.movies.sha256,
        ratings: manifest.files.ratings.sha256,
        tags: manifest.files.tags.sha256,
      });
    } finally {
      await close();
    }
  });
});
