import { quarantineCsvUrl, quarantinedIn, reasonChoices } from './run-details';

const COUNTS = [
  { __typename: 'QuarantineCount' as const, file: 'movies', reason: 'invalid movieId "…": not a positive integer', rows: 2 },
  { __typename: 'QuarantineCount' as const, file: 'ratings', reason: 'invalid movieId "…": not a positive integer', rows: 3 },
  { __typename: 'QuarantineCount' as const, file: 'ratings', reason: 'unknown movieId N: not in movies.csv', rows: 7 },
];

describe('run details', () => {
  it('reason choices add up across files, most rows first, or of one file', () => {
    expect(reasonChoices(COUNTS, null)).toEqual([
      { reason: 'unknown movieId N: not in movies.csv', rows: 7 },
      { reason: 'invalid movieId "…": not a positive integer', rows: 5 },
    ]);
    expect(reasonChoices(COUNTS, 'movies')).toEqual([{ reason: 'invalid movieId "…": not a positive integer', rows: 2 }]);
    expect(quarantinedIn(COUNTS, null)).toBe(12);
    expect(quarantinedIn(COUNTS, 'ratings')).toBe(10);
  });

  it('builds the CSV address with the filters encoded', () => {
    expect(quarantineCsvUrl('ml-latest-small', { file: null, reason: null })).toBe('/api/admin/datasets/ml-latest-small/quarantine.csv');
    expect(quarantineCsvUrl('v1', { file: 'ratings', reason: 'unknown movieId N: not in movies.csv' })).toBe(
      '/api/admin/datasets/v1/quarantine.csv?file=ratings&reason=unknown+movieId+N%3A+not+in+movies.csv',
    );
  });
});
