import { Module } from '@nestjs/common';
import { ModelStore } from '@reelrank/storage';
import { MoviesModule } from '../movies/movies.module';
import { RatingsModule } from '../ratings/ratings.module';
import { ActiveModelService } from './active-model.service';
import { MovieRecommendationFieldsResolver } from './movie-recommendation-fields.resolver';
import { PopularityService } from './popularity.service';
import { RecommendationsResolver, SimilarMovieResolver } from './recommendations.resolver';
import { RecommendationsService } from './recommendations.service';
import { UserStateCache } from './user-state.cache';

/**
 * Recommendations, similar movies, predicted ratings and onboarding movies from the active model
 * (ModelStore in object storage, precomputed lists in PostgreSQL), with cold start when there is none.
 */
@Module({
  imports: [RatingsModule, MoviesModule],
  providers: [
    ModelStore,
    ActiveModelService,
    UserStateCache,
    PopularityService,
    RecommendationsService,
    RecommendationsResolver,
    SimilarMovieResolver,
    MovieRecommendationFieldsResolver,
  ],
  exports: [ActiveModelService, RecommendationsService, PopularityService, UserStateCache],
})
export class RecommendationsModule {}
