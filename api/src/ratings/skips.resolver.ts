import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../auth/current-user.decorator';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { perEdge } from '../graphql/limits';
import type { Loaders } from '../graphql/loaders';
import { Movie } from '../movies/models/movie.model';
import type { User } from '../users/models/user.model';
import { MySkipsArgs, RemoveSkipArgs, SkipMovieArgs } from './dto/skips.args';
import { Skip, SkipConnection } from './models/skip.model';
import { SkipsService } from './skips.service';

@Resolver(() => Skip)
export class SkipsResolver {
  constructor(private readonly skips: SkipsService) {}

  @Mutation(() => Skip, {
    description:
      '"Haven\'t seen it": the movie is never recommended to you (until removeSkip or a rating of it). ' +
      'Skipping it again keeps the first mark; NOT_FOUND for an unknown movie, BAD_USER_INPUT for a movie you rated',
  })
  @UseGuards(GqlAuthGuard)
  async skipMovie(@CurrentUser() user: User, @Args() { movieId }: SkipMovieArgs, @Context('loaders') loaders: Loaders): Promise<Skip> {
    const { skip, movie } = await this.skips.skip(user.id, movieId);
    loaders.movie.prime(movie.id, movie);
    loaders.skipsOf(user.id).clear(movieId).prime(movieId, true);
    // Only an unrated movie can be skipped.
    loaders.ratingsOf(user.id).clear(movieId).prime(movieId, null);
    return skip;
  }

  @Mutation(() => Boolean, { description: 'Removes your "Haven\'t seen it" mark of a movie; false when you had none' })
  @UseGuards(GqlAuthGuard)
  async removeSkip(@CurrentUser() user: User, @Args() { movieId }: RemoveSkipArgs, @Context('loaders') loaders: Loaders): Promise<boolean> {
    const removed = await this.skips.remove(user.id, movieId);
    loaders.skipsOf(user.id).clear(movieId).prime(movieId, false);
    return removed;
  }

  @Query(() => SkipConnection, { description: 'The movies you marked "Haven\'t seen it", most recent first', complexity: perEdge })
  @UseGuards(GqlAuthGuard)
  mySkips(@CurrentUser() user: User, @Args() { first, after }: MySkipsArgs): Promise<SkipConnection> {
    return this.skips.list(user.id, first, after);
  }

  @ResolveField(() => Movie)
  async movie(@Parent() skip: Skip, @Context('loaders') loaders: Loaders): Promise<Movie> {
    const movie = await loaders.movie.load(skip.movieId);
    if (!movie) throw new Error(`movie ${skip.movieId} of a skip is missing`);
    return movie;
  }
}
