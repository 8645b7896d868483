import { Injectable, inject } from '@angular/core';
import type { ApolloCache, Reference, StoreObject } from '@apollo/client';
import { Apollo } from 'apollo-angular';
import { defer, firstValueFrom, from, switchMap, type Observable } from 'rxjs';
import {
  MovieRatingStatsFragmentDoc,
  RateMovieGQL,
  RemoveRatingGQL,
  type MovieRatingStatsFragment,
  type RateMovieMutation,
} from '../../graphql/generated';

type Stats = MovieRatingStatsFragment;

/** Active queries that count or list the user's ratings. */
export const FIRST_RATING_REFETCH: readonly string[] = ['MyRatings', 'MyRatingCount'];

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

  /** Saves on their way (each resolves when its mutation settles, either way). */
  private readonly saving = new Set<Promise<void>>();
  /** Each movie's latest save: the next save of that movie is sent once it settled, so the server applies them in order. */
  private readonly latestSave = new Map<number, Promise<void>>();

  /** Sets the rating (0.5–5), or removes it for null. */
  set(movieId: number, rating: number | null): Promise<void> {
    return rating === null ? this.remove(movieId) : this.rate(movieId, rating);
  }

  /**
   * `query` once the saves on their way have landed (at once when there are none). For what lists
   * or counts the user's ratings, or is computed from them: a rating saved as the user leaves a page
   * (MovieRating flushes on destroy) would otherwise race the next page's query.
   */
  afterSaves<T>(query: () => Observable<T>): Observable<T> {
    return defer(() => (this.saving.size ? from(Promise.allSettled([...this.saving])).pipe(switchMap(query)) : query()));
  }

  rate(movieId: number, rating: number): Promise<void> {
    return this.inOrder(movieId, () => this.sendRating(movieId, rating));
  }

  remove(movieId: number): Promise<void> {
    return this.inOrder(movieId, () => this.sendRemoval(movieId));
  }

  /** Runs `send` after the movie's earlier saves settled (two saves in flight could land in either order). */
  private async inOrder(movieId: number, send: () => Promise<void>): Promise<void> {
    const done = this.begin();
    const previous = this.latestSave.get(movieId);
    const save = (previous ?? Promise.resolve()).catch(() => undefined).then(send);
    this.latestSave.set(movieId, save);
    try {
      await save;
    } finally {
      if (this.latestSave.get(movieId) === save) this.latestSave.delete(movieId);
      done();
    }
  }

  /** Marks a save as on its way; the returned function marks it settled. */
  private begin(): () => void {
    let settle!: () => void;
    const save = new Promise<void>((resolve) => (settle = resolve));
    this.saving.add(save);
    return () => {
      this.saving.delete(save);
      settle();
    };
  }

  private async sendRating(movieId: number, rating: number): Promise<void> {
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
        // A first rating of the movie adds to the user's ratings: the lists and counts on screen
        // are read again once it is saved.
        ...(current?.myRating == null ? { refetchQueries: () => this.activeQueries(FIRST_RATING_REFETCH) } : {}),
      }),
    );
  }

  private async sendRemoval(movieId: number): Promise<void> {
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

  /** Those of `names` that are on screen (naming others makes Apollo warn). */
  private activeQueries(names: readonly string[]): string[] {
    const active = new Set([...this.apollo.client.getObservableQueries('active')].map((query) => query.queryName));
    return names.filter((name) => active.has(name));
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
        const edges = existing.edges.filter((edge) => readField('id', readField<Reference>('movie', edge.node)) !== movieId);
        return edges.length === existing.edges.length ? existing : { ...existing, edges, totalCount: existing.totalCount - 1 };
      },
    },
  });
}
