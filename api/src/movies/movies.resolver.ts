import { Args, Context, Float, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Genre, MAX_GENRES_PER_MOVIE } from '../genres/models/genre.model';
import type { GqlContext, NoArgs } from '../graphql/context';
import { perEdge, perRow, upToRows } from '../graphql/limits';
import { selectsField } from '../graphql/pagination';
import { type Loaders, mapValue } from '../graphql/loaders';
import { MovieArgs, MoviesArgs, MovieTagsArgs } from './dto/movies.args';
import { Movie, MovieConnection, MovieDetails, MovieTag } from './models/movie.model';
import { MoviesService } from './movies.service';
import { averageRating, bayesianAverage, RATING_PRIOR } from './rating-prior';

/**
 * The catalog queries and the Movie fields. Field resolvers without arguments take GraphQL's own
 * (parent, args, context) parameters instead of @Parent()/@Context() decorators: @nestjs/graphql then
 * calls them directly, without its per-call parameter and pipe machinery (a page of movie cards calls
 * them about a hundred times); the card fields answer synchronously when the page query primed them.
 */
@Resolver(() => Movie)
export class MoviesResolver {
  constructor(private readonly movies: MoviesService) {}

  @Query(() => MovieConnection, { name: 'movies', description: 'Browse and search the catalog', complexity: perEdge })
  async list(
    @Args() args: MoviesArgs,
    @Context() { auth, loaders }: GqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MovieConnection> {
    // A bad token fails only the fields that need the caller (myRating), not the page: no caller here then.
    const userId = auth.validUserId();
    const page = await this.movies.list(args, { withTotal: selectsField(info, 'totalCount'), userId });
    for (const { movie, myRating, ...card } of page.cards) {
      loaders.primeCard(movie, { ...card, ratingOf: userId === null ? undefined : { userId, rating: myRating ?? null } });
    }
    return page.connection;
  }

  @Query(() => Movie, { name: 'movie', nullable: true, description: 'A movie by MovieLens id; null when unknown' })
  byId(@Args() { id }: MovieArgs, @Context('loaders') loaders: Loaders): Promise<Movie | null> {
    return loaders.movie.load(id);
  }

  @ResolveField(() => [Genre], { complexity: upToRows(MAX_GENRES_PER_MOVIE) })
  genres(movie: Movie, _args: NoArgs, { loaders }: GqlContext): Promise<Genre[]> {
    return loaders.genres.load(movie.id);
  }

  @ResolveField(() => [MovieTag], { description: 'Distinct user tags, most frequent first', complexity: perRow })
  tags(@Parent() movie: Movie, @Args() { first }: MovieTagsArgs, @Context('loaders') loaders: Loaders): Promise<MovieTag[]> {
    return loaders.tags(first).load(movie.id);
  }

  @ResolveField(() => Int, { description: 'Number of ratings' })
  ratingCount(movie: Movie, _args: NoArgs, { loaders }: GqlContext): number | Promise<number> {
    return mapValue(loaders.stats.get(movie.id), (stats) => stats.ratingCount);
  }

  @ResolveField(() => Float, { nullable: true, description: 'Mean rating; null without ratings' })
  averageRating(movie: Movie, _args: NoArgs, { loaders }: GqlContext): number | null | Promise<number | null> {
    return mapValue(loaders.stats.get(movie.id), (stats) => averageRating(stats.ratingSum, stats.ratingCount));
  }

  @ResolveField(() => Float, {
    description:
      `Damped (Bayesian) mean that ranks the RATING order: (sum of ratings + ${RATING_PRIOR.mean} × ${RATING_PRIOR.weight}) / ` +
      `(number of ratings + ${RATING_PRIOR.weight}), i.e. ${RATING_PRIOR.weight} prior ratings of ${RATING_PRIOR.mean} stars`,
  })
  bayesianRating(movie: Movie, _args: NoArgs, { loaders }: GqlContext): number | Promise<number> {
    return mapValue(loaders.stats.get(movie.id), (stats) => bayesianAverage(stats.ratingSum, stats.ratingCount));
  }

  @ResolveField(() => Float, { nullable: true, description: "The signed-in user's rating; null when not rated or anonymous" })
  myRating(movie: Movie, _args: NoArgs, { auth, loaders }: GqlContext): number | null | Promise<number | null> {
    const userId = auth.userId();
    if (userId === null) return null;
    return mapValue(loaders.ratingsOf(userId).get(movie.id), (rating) => rating?.rating ?? null);
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the signed-in user marked this movie "Haven\'t seen it" (skipMovie); false when anonymous',
  })
  skippedByMe(movie: Movie, _args: NoArgs, { auth, loaders }: GqlContext): boolean | Promise<boolean> {
    const userId = auth.userId();
    if (userId === null) return false;
    return loaders.skipsOf(userId).get(movie.id);
  }

  @ResolveField(() => MovieDetails, { nullable: true, description: 'TMDB metadata; null until enriched or when TMDB has none' })
  details(movie: Movie, _args: NoArgs, { loaders }: GqlContext): MovieDetails | null | Promise<MovieDetails | null> {
    return loaders.details.get(movie.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'The IMDb page, when linked' })
  async imdbUrl(movie: Movie, _args: NoArgs, { loaders }: GqlContext): Promise<string | null> {
    const imdbId = (await loaders.links.load(movie.id))?.imdbId;
    return imdbId ? `https://www.imdb.com/title/${imdbId}/` : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The TMDB page, when linked' })
  async tmdbUrl(movie: Movie, _args: NoArgs, { loaders }: GqlContext): Promise<string | null> {
    const tmdbId = (await loaders.links.load(movie.id))?.tmdbId;
    return tmdbId ? `https://www.themoviedb.org/movie/${tmdbId}` : null;
  }
}
