import { NetworkStatus } from '@apollo/client';
import type { ObservableQuery } from '@apollo/client';
import { errorMessage } from './api-error';

/** A cursor-paged list as pages show it. */
export type ListState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly items: readonly T[];
      readonly totalCount: number;
      readonly hasNextPage: boolean;
      readonly endCursor: string | null;
      /** A next page is on its way (fetchMore). */
      readonly loadingMore: boolean;
    };

export const LOADING: ListState<never> = { status: 'loading' };

export interface ConnectionPage<T> {
  readonly totalCount: number;
  readonly edges: readonly { readonly node: T }[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

/** Maps a watched query result to a list state; `pick` selects the connection from the data. */
export function listState<TData, T>(result: ObservableQuery.Result<TData>, pick: (data: TData) => ConnectionPage<T>): ListState<T> {
  const data = result.dataState === 'complete' ? (result.data as TData) : undefined;
  if (!data) {
    if (result.error) return { status: 'error', message: errorMessage(result.error) };
    return LOADING;
  }
  const page = pick(data);
  return {
    status: 'ready',
    items: page.edges.map((edge) => edge.node),
    totalCount: page.totalCount,
    hasNextPage: page.pageInfo.hasNextPage,
    endCursor: page.pageInfo.endCursor,
    loadingMore: result.networkStatus === NetworkStatus.fetchMore,
  };
}
