import { convertToParamMap } from '@angular/router';
import {
  EMPTY_FILTERS,
  MAX_YEAR,
  effectiveSort,
  filtersFromParams,
  filtersToParams,
  filtersToVariables,
  hasFilters,
} from './browse-filters';

const parse = (params: Record<string, string | string[]>) => filtersFromParams(convertToParamMap(params));

describe('browse filters', () => {
  it('reads every filter from the query params', () => {
    expect(parse({ q: 'alien', genre: ['Sci-Fi', 'Horror'], from: '1979', to: '1999', sort: 'rating' })).toEqual({
      search: 'alien',
      genres: ['Horror', 'Sci-Fi'],
      yearFrom: 1979,
      yearTo: 1999,
      sort: 'RATING',
    });
  });

  it('has no filters without params', () => {
    expect(parse({})).toEqual(EMPTY_FILTERS);
  });

  it('drops invalid values from hand-edited links', () => {
    expect(parse({ from: '19x9', to: '99999', sort: 'shuffle', genre: ['', ' '] })).toEqual(EMPTY_FILTERS);
    expect(parse({ from: String(MAX_YEAR + 1) }).yearFrom).toBeNull();
  });

  it('swaps a reversed year range', () => {
    const { yearFrom, yearTo } = parse({ from: '2000', to: '1990' });
    expect([yearFrom, yearTo]).toEqual([1990, 2000]);
  });

  it('ignores RELEVANCE without a search', () => {
    expect(parse({ sort: 'relevance' }).sort).toBeNull();
    expect(parse({ sort: 'relevance', q: 'heat' }).sort).toBe('RELEVANCE');
  });

  it('de-duplicates genres', () => {
    expect(parse({ genre: ['Drama', 'Drama'] }).genres).toEqual(['Drama']);
  });

  it('writes only the filters in use, with null removing the others', () => {
    expect(filtersToParams({ search: 'heat', genres: ['Crime'], yearFrom: null, yearTo: 1999, sort: 'YEAR' })).toEqual({
      q: 'heat',
      genre: ['Crime'],
      from: null,
      to: 1999,
      sort: 'year',
    });
    expect(filtersToParams({ ...EMPTY_FILTERS, search: '   ' })['q']).toBeNull();
  });

  it('round-trips through the URL', () => {
    const filters = { search: 'blade', genres: ['Action', 'Sci-Fi'], yearFrom: 1980, yearTo: 2020, sort: 'TITLE' as const };
    const params = filtersToParams(filters);
    const asStrings = Object.fromEntries(
      Object.entries(params)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, Array.isArray(v) ? v : String(v)]),
    );
    expect(parse(asStrings)).toEqual(filters);
  });

  it('maps filters to the movies arguments', () => {
    expect(filtersToVariables({ search: ' heat ', genres: ['Crime'], yearFrom: 1990, yearTo: null, sort: null })).toEqual({
      filter: { search: 'heat', genres: ['Crime'], yearFrom: 1990 },
      sort: null,
    });
    expect(filtersToVariables(EMPTY_FILTERS)).toEqual({ filter: {}, sort: null });
  });

  it('knows the API default order', () => {
    expect(effectiveSort(EMPTY_FILTERS)).toBe('POPULARITY');
    expect(effectiveSort({ ...EMPTY_FILTERS, search: 'x' })).toBe('RELEVANCE');
    expect(effectiveSort({ ...EMPTY_FILTERS, search: 'x', sort: 'YEAR' })).toBe('YEAR');
  });

  it('tells whether anything narrows the list (the order does not)', () => {
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, sort: 'RATING' })).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, genres: ['Drama'] })).toBe(true);
  });
});
