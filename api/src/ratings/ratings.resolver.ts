import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../auth/current-user.decorator';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { perItem } from '../graphql/limits';
import type { Loaders } from '../graphql/loaders';
import { Movie } from '../movies/models/movie.model';
import type { User } from '../users/models/user.model';
import { MyRatingsArgs, RateMovieArgs, RemoveRatingArgs } from './dto/ratings.args';
import { Rating, RatingConnection } from './models/rating.model';
import { RatingsService } from './ratings.service';

@Resolver(() => Rating)
export class RatingsResolver {
  constructor(private readonly ratings: RatingsService) {}

  @Mutation(() => Rating, { description: 'Rates a movie (replacing an earlier rating); NOT_FOUND for an unknown movie' })
  @UseGuards(GqlAuthGuard)
  rateMovie(@CurrentUser() user: User, @Args() { movieId, rating }: RateMovieArgs): Promise<Rating> {
    return this.ratings.rate(user.id, movieId, rating);
  }

  @Mutation(() => Boolean, { description: 'Removes your rating of a movie; false when you had not rated it' })
  @UseGuards(GqlAuthGuard)
  removeRating(@CurrentUser() user: User, @Args() { movieId }: RemoveRatingArgs): Promise<boolean> {
    return this.ratings.remove(user.id, movieId);
  }

  @Query(() => RatingConnection, { description: 'Your ratings, most recent first', complexity: perItem })
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
