import { Injectable, inject } from '@angular/core';
import type { ApolloCache, Reference, StoreObject } from '@apollo/client';
import { firstValueFrom } from 'rxjs';
import { RemoveSkipGQL, SkipMovieGQL, type SkipMovieMutation } from '../../graphql/generated';

interface SkipsConnection {
  readonly edges: readonly { readonly node: StoreObject }[];
  readonly totalCount: number;
}

/**
 * "Haven't seen it" for the signed-in user: the API never recommends a skipped movie to them again,
 * until the mark is removed (My ratings) or they rate the movie. Both calls update the cache
 * optimistically (Apollo rolls that back when the mutation fails, and the promise rejects).
 */
@Injectable({ providedIn: 'root' })
export class SkipService {
  private readonly skipMovie = inject(SkipMovieGQL);
  private readonly removeSkip = inject(RemoveSkipGQL);

  /** Marks the movie as not seen; it leaves the cached recommendation lists at once. */
  async skip(movieId: number): Promise<void> {
    await firstValueFrom(
      this.skipMovie.mutate({
        variables: { movieId },
        optimisticResponse: {
          skipMovie: {
            __typename: 'Skip',
            skippedAt: new Date().toISOString(),
            movie: { __typename: 'Movie', id: movieId, skippedByMe: true },
          },
        } as SkipMovieMutation,
        update: (cache) => removeFromRecommendations(cache, movieId),
      }),
    );
  }

  /** Removes the mark; the movie leaves the cached lists of skips at once. */
  async unskip(movieId: number): Promise<void> {
    await firstValueFrom(
      this.removeSkip.mutate({
        variables: { movieId },
        optimisticResponse: { removeSkip: true },
        update: (cache, { data }) => {
          if (!data?.removeSkip) return;
          cache.modify({ id: cache.identify({ __typename: 'Movie', id: movieId }), fields: { skippedByMe: () => false } });
          removeFromMySkips(cache, movieId);
        },
      }),
    );
  }
}

/** Drops the movie from every cached `recommendations` list. */
function removeFromRecommendations(cache: ApolloCache, movieId: number): void {
  cache.modify<{ recommendations: readonly StoreObject[] }>({
    id: 'ROOT_QUERY',
    fields: {
      recommendations(existing, { readField, isReference }) {
        if (isReference(existing)) return existing;
        const kept = existing.filter((pick) => readField('id', readField<Reference>('movie', pick)) !== movieId);
        return kept.length === existing.length ? existing : kept;
      },
    },
  });
}

/** Drops the movie from every cached `mySkips` page list and decrements its total. */
function removeFromMySkips(cache: ApolloCache, movieId: number): void {
  cache.modify<{ mySkips: SkipsConnection }>({
    id: 'ROOT_QUERY',
    fields: {
      mySkips(existing, { readField, isReference }) {
        if (isReference(existing)) return existing;
        const edges = existing.edges.filter((edge) => readField('id', readField<Reference>('movie', edge.node)) !== movieId);
        return edges.length === existing.edges.length ? existing : { ...existing, edges, totalCount: existing.totalCount - 1 };
      },
    },
  });
}
