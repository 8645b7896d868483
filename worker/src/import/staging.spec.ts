import { ByteSink } from './byte-sink';
import {
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  copyText,
  createStagingTableSql,
  RATING_TUPLE_BYTES,
  STAGING_FORMATS,
  stagingTable,
  writeRatingTuple,
} from './staging';

describe('staging', () => {
  it('escapes COPY text specials', () => {
    expect(copyText('plain')).toBe('plain');
    expect(copyText('a\\b\tc\rd\ne')).toBe('a\\\\b\\tc\\rd\\ne');
  });

  it('writes one COPY line per row with \\N for nulls', () => {
    expect(
      STAGING_FORMATS.movies.copyLine({ movieId: 1, title: 'Back\\slash', year: null, genres: ['A', 'B'] }, 2, '1,Back\\slash,A|B'),
    ).toBe('2\t1,Back\\\\slash,A|B\t1\tBack\\\\slash\t\\N\tA|B\n');
  });

  it('writes ratings as COPY binary tuples (line, user_id, movie_id, rating float4, ts int8)', () => {
    const sink = new ByteSink(8);
    STAGING_FORMATS.ratings.write(sink, { userId: 1, movieId: 2, rating: 4.5, timestamp: 964982703 }, 7, 'ignored');
    writeRatingTuple(sink, 2147483647, 2147483647, 70000, 0.5, 4102444800);
    expect(sink.length).toBe(2 * RATING_TUPLE_BYTES);
    const tuple = (hex: string) => hex.replace(/\s/g, '');
    expect(sink.bytes().toString('hex')).toBe(
      tuple(`0005 00000004 00000007 00000004 00000001 00000004 00000002 00000004 40900000 00000008 00000000 398477af`) +
        tuple(`0005 00000004 7fffffff 00000004 7fffffff 00000004 00011170 00000004 3f000000 00000008 00000000 f4865700`),
    );
    expect(COPY_BINARY_HEADER.toString('latin1')).toBe('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0');
    expect(COPY_BINARY_TRAILER.toString('hex')).toBe('ffff');
  });

  it('names one unlogged table per import and file', () => {
    expect(stagingTable(12, 'ratings')).toBe('"import_staging"."movielens_12_ratings"');
    expect(createStagingTableSql(12, 'links')).toBe(
      'CREATE UNLOGGED TABLE "import_staging"."movielens_12_links" (line integer NOT NULL, raw text NOT NULL, movie_id integer NOT NULL, imdb_id text, tmdb_id integer) WITH (autovacuum_enabled = false)',
    );
    expect(() => stagingTable(0, 'movies')).toThrow();
  });
});
