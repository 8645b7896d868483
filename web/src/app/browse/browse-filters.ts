import type { ParamMap, Params } from '@angular/router';
import type { MovieFilter, MovieSort } from '../graphql/catalog.generated';

/** The browse page state, as the URL holds it: `?q=alien&genre=Horror&genre=Sci-Fi&from=1980&to=1999&sort=rating`. */
export interface BrowseFilters {
  readonly search: string;
  readonly genres: readonly string[];
  readonly yearFrom: number | null;
  readonly yearTo: number | null;
  /** Null: the API default (RELEVANCE when searching, else POPULARITY). */
  readonly sort: MovieSort | null;
}

export const EMPTY_FILTERS: BrowseFilters = { search: '', genres: [], yearFrom: null, yearTo: null, sort: null };

export const SORTS: readonly MovieSort[] = ['POPULARITY', 'RATING', 'TITLE', 'YEAR', 'RELEVANCE'];
export const MIN_YEAR = 1874;
export const MAX_YEAR = new Date().getFullYear() + 5;
const MAX_SEARCH = 100;
const MAX_GENRES = 20;

function year(raw: string | null): number | null {
  if (!raw || !/^\d{4}$/.test(raw)) return null;
  const value = Number(raw);
  return value >= MIN_YEAR && value <= MAX_YEAR ? value : null;
}

/** Reads filters from query params, dropping anything invalid (hand-edited or stale links). */
export function filtersFromParams(params: ParamMap): BrowseFilters {
  const search = (params.get('q') ?? '').slice(0, MAX_SEARCH);
  const genres = [...new Set(params.getAll('genre').filter((g) => g.trim()))].slice(0, MAX_GENRES).sort();
  let yearFrom = year(params.get('from'));
  let yearTo = year(params.get('to'));
  if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) [yearFrom, yearTo] = [yearTo, yearFrom];
  const rawSort = params.get('sort')?.toUpperCase() as MovieSort | undefined;
  let sort = rawSort && SORTS.includes(rawSort) ? rawSort : null;
  // Relevance needs a search; without one the API would reject it.
  if (sort === 'RELEVANCE' && !search.trim()) sort = null;
  return { search, genres, yearFrom, yearTo, sort };
}

/** Query params for `router.navigate`: defaults are null, which removes them from the URL. */
export function filtersToParams(filters: BrowseFilters): Params {
  return {
    q: filters.search.trim() ? filters.search : null,
    genre: filters.genres.length ? [...filters.genres] : null,
    from: filters.yearFrom,
    to: filters.yearTo,
    sort: filters.sort ? filters.sort.toLowerCase() : null,
  };
}

/** The `movies` arguments for these filters. */
export function filtersToVariables(filters: BrowseFilters): { filter: MovieFilter; sort: MovieSort | null } {
  const search = filters.search.trim();
  return {
    filter: {
      ...(search ? { search } : {}),
      ...(filters.genres.length ? { genres: [...filters.genres] } : {}),
      ...(filters.yearFrom !== null ? { yearFrom: filters.yearFrom } : {}),
      ...(filters.yearTo !== null ? { yearTo: filters.yearTo } : {}),
    },
    sort: filters.sort,
  };
}

/** The order in effect, including the API's default. */
export function effectiveSort(filters: BrowseFilters): MovieSort {
  return filters.sort ?? (filters.search.trim() ? 'RELEVANCE' : 'POPULARITY');
}

export function sameFilters(a: BrowseFilters, b: BrowseFilters): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function hasFilters(filters: BrowseFilters): boolean {
  return !sameFilters({ ...filters, sort: null }, EMPTY_FILTERS);
}
