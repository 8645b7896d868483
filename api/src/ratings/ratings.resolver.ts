import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../auth/current-user.decorator';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { perEdge } from '../graphql/limits';
import type { Loaders } from '../graphql/loaders';
import { Movie } from '../movies/models/movie.model';
import type { User } from '../users/models/user.model';
import { MyRatingsArgs, RateMovieArgs, RemoveRatingArgs } from './dto/ratings.args';
import { Rating, RatingConnection } from './models/rating.model';
import { RatingsService } from './ratings.service';

@Resolver(() => Rating)
export class RatingsResolver {
  constructor(private readonly ratings: RatingsService) {}

  @Mutation(() => Rating, {
    description: 'Rates a movie (replacing an earlier rating and removing a skip of it); NOT_FOUND for an unknown movie',
  })
  @UseGuards(GqlAuthGuard)
  async rateMovie(
    @CurrentUser() user: User,
    @Args() { movieId, rating }: RateMovieArgs,
    @Context('loaders') loaders: Loaders,
  ): Promise<Rating> {
    const saved = await this.ratings.rate(user.id, movieId, rating);
    // The write read the movie and its new stats: the movie's fields need no further query (and an earlier
    // mutation of the same request that loaded them does not leave them stale).
    loaders.stats.clear(movieId);
    loaders.ratingsOf(user.id).clear(movieId);
    // A rating removes the user's skip of the movie.
    loaders.skipsOf(user.id).clear(movieId).prime(movieId, false);
    loaders.primeCard(saved.movie, { stats: saved.stats, ratingOf: { userId: user.id, rating: saved.rating } });
    return saved.rating;
  }

  @Mutation(() => Boolean, { description: 'Removes your rating of a movie; false when you had not rated it' })
  @UseGuards(GqlAuthGuard)
  removeRating(@CurrentUser() user: User, @Args() { movieId }: RemoveRatingArgs): Promise<boolean> {
    return this.ratings.remove(user.id, movieId);
  }

  @Query(() => RatingConnection, { description: 'Your ratings, most recent first', complexity: perEdge })
  @UseGuards(GqlAuthGuard)
  myRatings(@CurrentUser() user: User, @Args() { first, after }: MyRatingsArgs): Promise<RatingConnection> {
    return this.ratings.list(user.id, first, after);
  }

  @ResolveField(() => Movie)
  async movie(@Parent() rating: Rating, @Context('loaders') loaders: Loaders): Promise<Movie> {
    const movie = await loaders.movie.load(rating.movieId);
    if (!movie) throw new Error(`movie ${rating.movieId} of a rating is missing`);
    return movie;
  }
}
