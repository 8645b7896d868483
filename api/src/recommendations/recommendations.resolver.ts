import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlTokenGuard } from '../auth/gql-token.guard';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import type { RequestAuth } from '../auth/request-auth';
import { perRow } from '../graphql/limits';
import type { Loaders } from '../graphql/loaders';
import { Movie } from '../movies/models/movie.model';
import { OnboardingMoviesArgs, RecommendationsArgs } from './dto/recommendations.args';
import { Recommendation, RecommendationSettings, SimilarMovie } from './models/recommendation.model';
import { PopularityService } from './popularity.service';
import { RecommendationsService } from './recommendations.service';

/** Resolves the movie id of a similar movie; the movie rows are primed by the query, so this rarely hits the database. */
async function movieOf(loaders: Loaders, id: number): Promise<Movie> {
  const movie = await loaders.movie.load(id);
  if (!movie) throw new Error(`recommended movie ${id} is missing`);
  return movie;
}

@Resolver(() => Recommendation)
export class RecommendationsResolver {
  private readonly settings: RecommendationSettings;

  constructor(
    private readonly service: RecommendationsService,
    private readonly popularity: PopularityService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.settings = { minRatings: config.RECOMMENDATIONS_MIN_RATINGS };
  }

  @Query(() => RecommendationSettings, {
    description: 'How recommendations work (e.g. how many ratings make them personal), for onboarding texts; works anonymously',
  })
  recommendationSettings(): RecommendationSettings {
    return this.settings;
  }

  @Query(() => [Recommendation], {
    description:
      'Movies for the signed-in user, best first (see RecommendationSource for how they are made), never one they rated or skipped. Reflects new ratings and skips at once.',
    complexity: perRow,
  })
  // The list query checks that the account exists and the token is not revoked itself (one statement per request, not two).
  @UseGuards(GqlTokenGuard)
  recommendations(
    @Args() { first }: RecommendationsArgs,
    @Context('auth') auth: RequestAuth,
    @Context('loaders') loaders: Loaders,
  ): Promise<Recommendation[]> {
    return this.service.recommend(auth.claims()!, first, loaders);
  }

  @Query(() => [Movie], {
    description:
      'Well-known, genre-diverse movies for a new user to rate (the most-rated movies of each genre in turn, well rated first), ' +
      'leaving out movies the signed-in user rated or skipped; works anonymously',
    complexity: perRow,
  })
  async onboardingMovies(
    @Args() { first }: OnboardingMoviesArgs,
    @Context('auth') auth: RequestAuth,
    @Context('loaders') loaders: Loaders,
  ): Promise<Movie[]> {
    const movies = await this.popularity.onboarding(auth.userId(), first);
    for (const movie of movies) loaders.movie.prime(movie.id, movie);
    return movies;
  }
}

@Resolver(() => SimilarMovie)
export class SimilarMovieResolver {
  @ResolveField(() => Movie)
  movie(@Parent() similar: SimilarMovie, @Context('loaders') loaders: Loaders): Promise<Movie> {
    return movieOf(loaders, similar.movieId);
  }
}
