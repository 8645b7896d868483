import { Injectable, inject } from '@angular/core';
import type { ApolloCache, Reference, StoreObject } from '@apollo/client';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import {
  MovieRatingStatsFragmentDoc,
  RateMovieGQL,
  RemoveRatingGQL,
  type MovieRatingStatsFragment,
  type RateMovieMutation,
} from '../../graphql/generated';

type Stats = MovieRatingStatsFragment;

/** Active queries that count or list the user's ratings. */
export const FIRST_RATING_REFETCH = ['MyRatings', 'MyRatingCount'];

/** The movie's rating fields after the signed-in user's rating changes to `rating` (null = removed). */
export function statsWithRating(current: Stats, rating: number | null): Stats {
  const previous = current.myRating;
  const count = current.ratingCount - (previous === null ? 0 : 1) + (rating === null ? 0 : 1);
  const sum = (current.averageRating ?? 0) * current.ratingCount - (previous ?? 0) + (rating ?? 0);
  return {
    id: current.id,
    myRating: rating,
    ratingCount: count,
    averageRating: count > 0 ? sum / count : null,
  };
}

interface RatingsConnection {
  readonly edges: readonly { readonly node: StoreObject }[];
  readonly totalCount: number;
}

/**
 * Rates and un-rates movies for the signed-in user. Both update the cache optimistically (the
 * movie's `myRating`, average and count everywhere it is shown); Apollo rolls the optimistic layer
 * back when the mutation fails, and the returned promise rejects.
 */
@Injectable({ providedIn: 'root' })
export class RatingService {
  private readonly apollo = inject(Apollo);
  private readonly rateMovie = inject(RateMovieGQL);
  private readonly removeRating = inject(RemoveRatingGQL);

  /** Sets the rating (0.5–5), or removes it for null. */
  set(movieId: number, rating: number | null): Promise<void> {
    return rating === null ? this.remove(movieId) : this.rate(movieId, rating);
  }

  async rate(movieId: number, rating: number): Promise<void> {
    const current = this.readStats(movieId);
    const optimisticResponse = current
      ? ({
          rateMovie: {
            __typename: 'Rating',
            rating,
            ratedAt: new Date().toISOString(),
            movie: { __typename: 'Movie', ...statsWithRating(current, rating) },
          },
        } as RateMovieMutation)
      : undefined;
    await firstValueFrom(
      this.rateMovie.mutate({
        variables: { movieId, rating },
        optimisticResponse,
        // A first rating of the movie adds to the user's ratings: the lists and counts on screen are
        // read again once it is saved (a page opened while the save was on its way read them before).
        ...(current?.myRating == null ? { refetchQueries: FIRST_RATING_REFETCH } : {}),
      }),
    );
  }

  async remove(movieId: number): Promise<void> {
    const current = this.readStats(movieId);
    await firstValueFrom(
      this.removeRating.mutate({
        variables: { movieId },
        optimisticResponse: { removeRating: true },
        update: (cache, { data }) => {
          if (!data?.removeRating) return;
          if (current) {
            const next = statsWithRating(current, null);
            cache.modify({
              id: cache.identify({ __typename: 'Movie', id: movieId }),
              fields: {
                myRating: () => null,
                ratingCount: () => next.ratingCount,
                averageRating: () => next.averageRating,
              },
            });
          }
          removeFromMyRatings(cache, movieId);
        },
      }),
    );
  }

  private readStats(movieId: number): Stats | null {
    const cache = this.apollo.client.cache;
    return cache.readFragment<Stats>({
      id: cache.identify({ __typename: 'Movie', id: movieId }),
      fragment: MovieRatingStatsFragmentDoc,
    });
  }
}

/** Drops the movie from every cached `myRatings` page list and decrements its total. */
function removeFromMyRatings(cache: ApolloCache, movieId: number): void {
  cache.modify<{ myRatings: RatingsConnection }>({
    id: 'ROOT_QUERY',
    fields: {
      myRatings(existing, { readField, isReference }) {
        if (isReference(existing)) return existing;
        const edges = existing.edges.filter(
          (edge) => readField('id', readField<Reference>('movie', edge.node)) !== movieId,
        );
        return edges.length === existing.edges.length
          ? existing
          : { ...existing, edges, totalCount: existing.totalCount - 1 };
      },
    },
  });
}
