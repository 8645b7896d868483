/**
 * Test data in the shape the API returns (with __typename, which the cache needs). Used by specs
 * only; nothing in the app imports this file, so it never reaches a bundle.
 */
import type { ComponentFixture } from '@angular/core/testing';
import type { Session } from '../auth/auth-service';

export interface MovieCardData {
  __typename: 'Movie';
  id: number;
  title: string;
  year: number | null;
  averageRating: number | null;
  ratingCount: number;
  myRating: number | null;
  details: { __typename: 'MovieDetails'; posterUrl: string | null } | null;
}

export function movieCard(id: number, overrides: Partial<MovieCardData> = {}): MovieCardData {
  return {
    __typename: 'Movie',
    id,
    title: `Movie ${id}`,
    year: 1990 + (id % 30),
    averageRating: 3.5,
    ratingCount: 10,
    myRating: null,
    details: null,
    ...overrides,
  };
}

export function moviesPage(
  movies: readonly MovieCardData[],
  { totalCount = movies.length, hasNextPage = false }: { totalCount?: number; hasNextPage?: boolean } = {},
) {
  return {
    movies: {
      __typename: 'MovieConnection',
      totalCount,
      edges: movies.map((node) => ({ __typename: 'MovieEdge', cursor: `cursor-${node.id}`, node })),
      pageInfo: {
        __typename: 'PageInfo',
        endCursor: movies.length ? `cursor-${movies[movies.length - 1].id}` : null,
        hasNextPage,
      },
    },
  };
}

export const GENRES = {
  genres: ['Action', 'Comedy', 'Drama', 'Sci-Fi'].map((name, i) => ({
    __typename: 'Genre',
    id: i + 1,
    name,
    movieCount: 100 - i,
  })),
};

export function session(overrides: Partial<Session['user']> = {}, token = 'token-1'): Session {
  return {
    accessToken: token,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { __typename: 'User', id: 7, email: 'ada@example.com', displayName: 'Ada', role: 'USER', ...overrides } as Session['user'],
  };
}

/** Apollo delivers results after a macrotask, outside Angular's pending-task tracking. */
export async function settle(fixture?: ComponentFixture<unknown>, { ms = 0, rounds = 2 } = {}): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await fixture?.whenStable();
  }
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * jsdom has no IntersectionObserver, which `@defer (on viewport)` needs: installs an inert one
 * (nothing ever intersects) and returns a function that removes it again.
 */
export function stubIntersectionObserver(): () => void {
  const had = 'IntersectionObserver' in window;
  if (!had) {
    window.IntersectionObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
      takeRecords(): IntersectionObserverEntry[] {
        return [];
      }
    } as unknown as typeof IntersectionObserver;
  }
  return () => {
    if (!had) Reflect.deleteProperty(window, 'IntersectionObserver');
  };
}
