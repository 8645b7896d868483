import DataLoader from 'dataloader';
import type { GqlContext } from '../graphql/context';
import type { SimilarMovie } from './models/recommendation.model';
import type { RecommendationsService } from './recommendations.service';

const perRequest = new WeakMap<GqlContext, RecommendationLoaders>();

/**
 * The recommendation DataLoaders of one GraphQL request (beside the context's Loaders): `similar` and
 * `predictedRating` of every movie of a list cost one batch each. Kept per request context, so nothing
 * is shared across requests or users.
 */
export class RecommendationLoaders {
  private readonly similarLoaders = new Map<number, DataLoader<number, SimilarMovie[]>>();
  private readonly predictedLoaders = new Map<number, DataLoader<number, number | null>>();

  private constructor(
    private readonly context: GqlContext,
    private readonly service: RecommendationsService,
  ) {}

  static of(context: GqlContext, service: RecommendationsService): RecommendationLoaders {
    let loaders = perRequest.get(context);
    if (!loaders) {
      loaders = new RecommendationLoaders(context, service);
      perRequest.set(context, loaders);
    }
    return loaders;
  }

  /** The `first` most similar movies of each movie. */
  similar(first: number): DataLoader<number, SimilarMovie[]> {
    let loader = this.similarLoaders.get(first);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.service.similar(ids, first, this.context.loaders);
        return ids.map((id) => found.get(id) ?? []);
      });
      this.similarLoaders.set(first, loader);
    }
    return loader;
  }

  /** `userId`'s predicted rating of each movie. */
  predictedRating(userId: number): DataLoader<number, number | null> {
    let loader = this.predictedLoaders.get(userId);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.service.predictedRatings(userId, ids);
        return ids.map((id) => found.get(id) ?? null);
      });
      this.predictedLoaders.set(userId, loader);
    }
    return loader;
  }
}
