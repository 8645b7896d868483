import { copyText, createStagingTableSql, STAGING_FORMATS, stagingTable } from './staging';

describe('staging', () => {
  it('escapes COPY text specials', () => {
    expect(copyText('plain')).toBe('plain');
    expect(copyText('a\\b\tc\rd\ne')).toBe('a\\\\b\\tc\\rd\\ne');
  });

  it('writes one COPY line per row with \\N for nulls', () => {
    expect(
      STAGING_FORMATS.movies.copyLine({ movieId: 1, title: 'Back\\slash', year: null, genres: ['A', 'B'] }, 2, '1,Back\\slash,A|B'),
    ).toBe('2\t1,Back\\\\slash,A|B\t1\tBack\\\\slash\t\\N\tA|B\n');
    expect(STAGING_FORMATS.ratings.copyLine({ userId: 1, movieId: 2, rating: 4.5, timestamp: 964982703 }, 7, 'ignored')).toBe(
      '7,1,2,4.5,964982703\n',
    );
  });

  it('names one unlogged table per import and file', () => {
    expect(stagingTable(12, 'ratings')).toBe('"import_staging"."movielens_12_ratings"');
    expect(createStagingTableSql(12, 'links')).toBe(
      'CREATE UNLOGGED TABLE "import_staging"."movielens_12_links" (line integer NOT NULL, raw text NOT NULL, movie_id integer NOT NULL, imdb_id text, tmdb_id integer) WITH (autovacuum_enabled = false)',
    );
    expect(() => stagingTable(0, 'movies')).toThrow();
  });
});
