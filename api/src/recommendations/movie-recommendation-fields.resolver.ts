import { Args, Context, Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '../graphql/context';
import { perRow } from '../graphql/limits';
import { Movie } from '../movies/models/movie.model';
import { SimilarMoviesArgs } from './dto/recommendations.args';
import { SimilarMovie } from './models/recommendation.model';
import { RecommendationLoaders } from './recommendation-loaders';
import { RecommendationsService } from './recommendations.service';

/** Movie fields that come from the active recommender model (batched per request). */
@Resolver(() => Movie)
export class MovieRecommendationFieldsResolver {
  constructor(private readonly recommendations: RecommendationsService) {}

  @ResolveField(() => [SimilarMovie], {
    description:
      "Movies similar to this one, most similar first: the active model's precomputed list (cosine of item factors); empty without a model",
    complexity: perRow,
  })
  similar(@Parent() movie: Movie, @Args() { first }: SimilarMoviesArgs, @Context() context: GqlContext): Promise<SimilarMovie[]> {
    return RecommendationLoaders.of(context, this.recommendations).similar(first).load(movie.id);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description:
      'The rating the active model predicts the signed-in user would give (0.5..5), from their current ratings; ' +
      'null when anonymous, without a model or for a movie the model does not know',
  })
  async predictedRating(@Parent() movie: Movie, @Context() context: GqlContext): Promise<number | null> {
    const userId = context.auth.userId();
    if (userId === null) return null;
    return RecommendationLoaders.of(context, this.recommendations).predictedRating(userId).load(movie.id);
  }
}
