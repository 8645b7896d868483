import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { createMigratedDatabase, testBucket, type TestDatabase } from '@reelrank/testing';
import { uploadDataset } from '../../src/dataset/upload';
import { runMovieLensImport } from '../../src/import/run-import';
import { tableChecksums, tableCounts, testImporter } from '../support';

const BOM = '\ufeff';
const crlf = (lines: string[]) => lines.map((line) => `${line}\r\n`).join('');
const lf = (lines: string[]) => lines.map((line) => `${line}\n`).join('');

/** A small MovieLens folder with every kind of bad row, a BOM and CRLF endings; line numbers are in the comments. */
const FILES = {
  'movies.csv':
    BOM +
    crlf([
      'movieId,title,genres', //                                   1
      '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy', // 2 superseded by line 10
      '2,"American President, The (1995)",Comedy|Drama|Romance', //  3
      '3,"Broken (1995),Comedy', //                                   4 broken quoting
      '4,Babylon 5,(no genres listed)', //                            5 no year, no genre
      '', //                                                          6 blank
      'x,Bad Id (1999),Drama', //                                     7 invalid movieId
      '5,Too Many (2000),Drama,extra', //                             8 4 columns
      '6,"Seven (a.k.a. Se7en) (1995) ",Mystery|Thriller', //         9 trailing space
      '1,Toy Story (1995),Adventure|Animation|Children|Comedy', //    10 the movie 1 kept
    ]),
  'links.csv': lf([
    'movieId,imdbId,tmdbId',
    '1,0114709,862',
    '2,0112346,9087',
    '4,0105946,', //            4 no tmdbId
    '6,114369,807', //          5 short imdbId
    '999,0000001,1', //         6 unknown movie
    '2,abc,1', //               7 invalid imdbId
  ]),
  'tags.csv': lf([
    'userId,movieId,tag,timestamp',
    '7,1,funny,1445714994', //            2 superseded by line 3 (same tag ignoring case, earlier)
    '7,1,Funny,1445714990', //            3
    '7,2,"  dark, gritty  ",1445714999', // 4 trimmed
    '7,999,funny,1445714994', //          5 unknown movie
    '8,1,   ,1445714994', //              6 empty tag
  ]),
  'ratings.csv': crlf([
    'userId,movieId,rating,timestamp',
    '1,1,4.0,964982703', //          2
    '1,2,5.5,964982703', //          3 bad rating
    '1,4,0.3,964982703', //          4 bad rating
    '1,6,abc,964982703', //          5 bad rating
    '1,999,4.0,964982703', //        6 unknown movie
    '2,1,3.5,964982000', //          7 superseded by line 9 (older)
    '1,1,4.0,964982703,extra', //    8 5 columns
    '2,1,4.5,964983000', //          9
    '"3,1,4.0,964982703', //         10 broken quoting
    '', //                           11 blank
    '3,2,0.5,1000000000', //         12
    '-1,2,3.0,1000000000', //        13 invalid userId
    '3,4,5,1000000000', //           14 rating written "5"
  ]),
};

describe('MovieLens import of a file with bad rows', () => {
  const version = 'bad-rows';
  let dir: string;
  let database: TestDatabase;
  let storage: Awaited<ReturnType<typeof testBucket>>;
  let s3: S3Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelrank-bad-rows-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
    database = await createMigratedDatabase('badrows');
    storage = await testBucket('bad-rows');
    s3 = storage.s3;
    await uploadDataset({ s3, bucket: storage.bucket, from: dir, version });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await storage?.empty();
    s3?.destroy();
    await database?.drop();
  });

  it('loads every good row and quarantines every bad one with its line and reason', async () => {
    const { importer, pool, close } = testImporter(database.url, s3, storage.bucket, { chunkLines: 3 });
    try {
      const result = await runMovieLensImport(importer, version);

      expect(await tableCounts(pool)).toEqual({ movies: 4, genres: 8, movie_genres: 9, links: 4, users: 4, tags: 2, ratings: 4 });
      const { rows: movies } = await pool.query('SELECT id, title, year FROM movies ORDER BY id');
      expect(movies).toEqual([
        { id: 1, title: 'Toy Story', year: 1995 },
        { id: 2, title: 'American President, The', year: 1995 },
        { id: 4, title: 'Babylon 5', year: null },
        { id: 6, title: 'Seven (a.k.a. Se7en)', year: 1995 },
      ]);
      const { rows: genres } = await pool.query(
        `SELECT g.name FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id WHERE mg.movie_id = 1 ORDER BY g.name`,
      );
      expect(genres.map((row) => row.name)).toEqual(['Adventure', 'Animation', 'Children', 'Comedy']); // line 10 wins
      expect((await pool.query('SELECT movie_id, imdb_id, tmdb_id FROM links ORDER BY movie_id')).rows).toEqual([
        { movie_id: 1, imdb_id: 'tt0114709', tmdb_id: 862 },
        { movie_id: 2, imdb_id: 'tt0112346', tmdb_id: 9087 },
        { movie_id: 4, imdb_id: 'tt0105946', tmdb_id: null },
        { movie_id: 6, imdb_id: 'tt0114369', tmdb_id: 807 },
      ]);
      expect((await pool.query(`SELECT user_id, movie_id, rating, rated_at FROM ratings ORDER BY 1, 2`)).rows).toEqual([
        { user_id: 1, movie_id: 1, rating: 4, rated_at: new Date(964982703 * 1000) },
        { user_id: 2, movie_id: 1, rating: 4.5, rated_at: new Date(964983000 * 1000) },
        { user_id: 3, movie_id: 2, rating: 0.5, rated_at: new Date(1000000000 * 1000) },
        { user_id: 3, movie_id: 4, rating: 5, rated_at: new Date(1000000000 * 1000) },
      ]);
      expect((await pool.query('SELECT user_id, movie_id, tag, created_at FROM tags ORDER BY id')).rows).toEqual([
        { user_id: 7, movie_id: 1, tag: 'Funny', created_at: new Date(1445714990 * 1000) },
        { user_id: 7, movie_id: 2, tag: 'dark, gritty', created_at: new Date(1445714999 * 1000) },
      ]);
      expect((await pool.query(`SELECT id, source FROM users ORDER BY id`)).rows.map((row) => row.id)).toEqual([1, 2, 3, 7]);

      const { rows: quarantine } = await pool.query(
        `SELECT file, line_number, raw_text, reason FROM import_quarantine WHERE dataset_version = $1 ORDER BY file, line_number`,
        [version],
      );
      expect(quarantine.map((row) => [row.file, row.line_number, row.raw_text, row.reason])).toEqual([
        ['links', 6, '999,0000001,1', 'unknown movieId 999: not in movies.csv'],
        ['links', 7, '2,abc,1', 'invalid imdbId "abc": expected digits, optionally after "tt"'],
        ['movies', 2, '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy', 'duplicate movieId 1: superseded by line 10'],
        ['movies', 4, '3,"Broken (1995),Comedy', expect.stringMatching(/^broken quoting: Quote Not Closed/)],
        ['movies', 7, 'x,Bad Id (1999),Drama', 'invalid movieId "x": not a positive integer'],
        ['movies', 8, '5,Too Many (2000),Drama,extra', 'expected 3 columns, got 4'],
        ['ratings', 3, '1,2,5.5,964982703', 'invalid rating "5.5": must be 0.5 to 5.0 in half steps'],
        ['ratings', 4, '1,4,0.3,964982703', 'invalid rating "0.3": must be 0.5 to 5.0 in half steps'],
        ['ratings', 5, '1,6,abc,964982703', 'invalid rating "abc": not a number'],
        ['ratings', 6, '1,999,4.0,964982703', 'unknown movieId 999: not in movies.csv'],
        ['ratings', 7, '2,1,3.5,964982000', 'duplicate rating of movieId 1 by userId 2: superseded by line 9 (latest timestamp wins)'],
        ['ratings', 8, '1,1,4.0,964982703,extra', 'expected 4 columns, got 5'],
        ['ratings', 10, '"3,1,4.0,964982703', expect.stringMatching(/^broken quoting: Quote Not Closed/)],
        ['ratings', 13, '-1,2,3.0,1000000000', 'invalid userId "-1": not a positive integer'],
        [
          'tags',
          2,
          '7,1,funny,1445714994',
          'duplicate tag of movieId 1 by userId 7 (case-insensitive): superseded by line 3 (earliest wins)',
        ],
        ['tags', 5, '7,999,funny,1445714994', 'unknown movieId 999: not in movies.csv'],
        ['tags', 6, '8,1,   ,1445714994', 'empty tag'],
      ]);

      expect(result.files.movies).toEqual({
        rowsRead: 8,
        bytesRead: Buffer.byteLength(FILES['movies.csv']),
        totalBytes: Buffer.byteLength(FILES['movies.csv']),
        blankLines: 1,
        loaded: 4,
        updated: 0,
        unchanged: 0,
        rejected: 4,
        duplicates: 1,
      });
      expect(result.files.ratings).toMatchObject({
        rowsRead: 12,
        blankLines: 1,
        loaded: 4,
        updated: 0,
        unchanged: 0,
        rejected: 8,
        duplicates: 1,
      });
      expect(result.files.links).toMatchObject({ rowsRead: 6, loaded: 4, rejected: 2, duplicates: 0 });
      expect(result.files.tags).toMatchObject({ rowsRead: 5, loaded: 2, rejected: 3, duplicates: 1 });
      expect(result.genres).toEqual({ inserted: 8, total: 8 });
      expect(result.movieGenres).toEqual({ inserted: 9, deleted: 0 });
      expect(result.users).toEqual({ inserted: 4 });
      expect((await pool.query(`SELECT nextval('users_id_seq')::int AS next`)).rows[0].next).toBe(10_000_001);

      // Once merged, nothing is left in the staging schema.
      expect((await pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'import_staging'`)).rows[0].n).toBe(0);
    } finally {
      await close();
    }
  });

  it('re-imports the same version without changing anything', async () => {
    const { importer, pool, close } = testImporter(database.url, s3, storage.bucket);
    try {
      const before = await tableChecksums(pool);
      const result = await runMovieLensImport(importer, version);
      for (const file of ['movies', 'links', 'tags', 'ratings'] as const) {
        expect(result.files[file]).toMatchObject({ loaded: 0, updated: 0 });
      }
      expect(result.files.ratings).toMatchObject({ rowsRead: 12, unchanged: 4, rejected: 8 });
      expect(result.genres.inserted).toBe(0);
      expect(result.movieGenres).toEqual({ inserted: 0, deleted: 0 });
      expect(result.users.inserted).toBe(0);
      const after = await tableChecksums(pool);
      expect({ ...after, users_id_seq: '' }).toEqual({ ...before, users_id_seq: '' });
      expect((await pool.query(`SELECT count(*)::int AS n FROM import_quarantine`)).rows[0].n).toBe(17);
    } finally {
      await close();
    }
  });
});
