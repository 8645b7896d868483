import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigratedDatabase, testBucket, type TestDatabase } from '@reelrank/testing';
import { uploadDataset } from '../../src/dataset/upload';
import { runMovieLensImport } from '../../src/import/run-import';
import { tableCounts, testImporter } from '../support';

/** Lines of text and raw bytes (a Buffer is a line with bytes that are not UTF-8), LF-terminated. */
const file = (lines: (string | Buffer)[]) => Buffer.concat(lines.flatMap((line) => [Buffer.from(line), Buffer.from('\n')]));
const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** Every file has a line in Latin-1 (é = 0xe9, not UTF-8) or with a stray byte; line numbers in the comments. */
const FILES = {
  'movies.csv': file([
    'movieId,title,genres', //                   1
    '1,Café au lait (1993),Comedy', //           2 valid UTF-8 (é = c3 a9)
    latin1('2,Café Society (2016),Drama'), //    3 é in Latin-1: byte 6 of the line
    '3,Heat (1995),Action', //                   4
  ]),
  'links.csv': file([
    'movieId,imdbId,tmdbId',
    '1,0106519,',
    Buffer.concat([Buffer.from('3,0113277,94'), Buffer.from([0xff])]), // 3 stray 0xff at byte 13
  ]),
  'tags.csv': file([
    'userId,movieId,tag,timestamp',
    '7,1,naïve,1445714994', //                   2 valid
    latin1('7,3,naïve,1445714995'), //           3 ï in Latin-1: byte 7
    Buffer.from([0x37, 0x2c, 0x33, 0x2c, 0xed, 0xa0, 0x80, 0x2c, 0x31]), // 4 a UTF-16 surrogate encoded in UTF-8 (ed a0 80): byte 5
  ]),
  'ratings.csv': file([
    'userId,movieId,rating,timestamp',
    '1,1,4.0,964982703', //                      2
    Buffer.concat([Buffer.from('1,3,4.0,96498270'), Buffer.from([0xc3])]), // 3 a truncated sequence at the end: byte 17
    '2,3,3.5,964982000', //                      4
  ]),
};

describe('MovieLens import of lines that are not UTF-8', () => {
  const version = 'invalid-utf8';
  let dir: string;
  let database: TestDatabase;
  let storage: Awaited<ReturnType<typeof testBucket>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-utf8-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
    database = await createMigratedDatabase('utf8');
    storage = await testBucket('utf8');
    await uploadDataset({ s3: storage.s3, bucket: storage.bucket, from: dir, version });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await storage?.empty();
    storage?.s3.destroy();
    await database?.drop();
  });

  it('quarantines each such line with the position of the bad byte and imports the rest of the file', async () => {
    const { importer, pool, close } = testImporter(database.url, storage.s3, storage.bucket);
    try {
      const result = await runMovieLensImport(importer, version);

      expect((await pool.query('SELECT id, title FROM movies ORDER BY id')).rows).toEqual([
        { id: 1, title: 'Café au lait' },
        { id: 3, title: 'Heat' },
      ]);
      expect(await tableCounts(pool)).toMatchObject({ movies: 2, links: 1, tags: 1, ratings: 2 });
      expect((await pool.query('SELECT tag FROM tags')).rows).toEqual([{ tag: 'naïve' }]);
      // Nothing stored anywhere holds the replacement character.
      const { rows: replaced } = await pool.query(
        `SELECT (SELECT count(*) FROM movies WHERE title LIKE '%' || U&'\\FFFD' || '%')::int
              + (SELECT count(*) FROM tags WHERE tag LIKE '%' || U&'\\FFFD' || '%')::int AS n`,
      );
      expect(replaced[0].n).toBe(0);

      const { rows: quarantine } = await pool.query(
        `SELECT file, line_number, reason FROM import_quarantine WHERE dataset_version = $1 ORDER BY file, line_number`,
        [version],
      );
      expect(quarantine.map((row) => [row.file, row.line_number, row.reason])).toEqual([
        ['links', 3, 'invalid UTF-8 at byte 13 of the line (0xff)'],
        ['movies', 3, 'invalid UTF-8 at byte 6 of the line (0xe9)'],
        ['ratings', 3, 'invalid UTF-8 at byte 17 of the line (0xc3)'],
        ['tags', 3, 'invalid UTF-8 at byte 7 of the line (0xef)'],
        ['tags', 4, 'invalid UTF-8 at byte 5 of the line (0xed)'],
      ]);
      expect(result.files.movies).toMatchObject({ rowsRead: 3, loaded: 2, rejected: 1 });
      expect(result.files.links).toMatchObject({ rowsRead: 2, loaded: 1, rejected: 1 });
      expect(result.files.tags).toMatchObject({ rowsRead: 3, loaded: 1, rejected: 2 });
      expect(result.files.ratings).toMatchObject({ rowsRead: 3, loaded: 2, rejected: 1 });
    } finally {
      await close();
    }
  });
});
