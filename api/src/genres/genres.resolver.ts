import { Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { upToRows } from '../graphql/limits';
import type { Loaders } from '../graphql/loaders';
import { GenresService } from './genres.service';
import { Genre, MAX_GENRES } from './models/genre.model';

@Resolver(() => Genre)
export class GenresResolver {
  constructor(private readonly genres: GenresService) {}

  @Query(() => [Genre], { name: 'genres', description: 'Every genre by name, with movie counts', complexity: upToRows(MAX_GENRES) })
  list(): Promise<Genre[]> {
    return this.genres.list();
  }

  @ResolveField(() => Int, { description: 'Number of movies in this genre' })
  movieCount(@Parent() genre: Genre, @Context('loaders') loaders: Loaders): number | Promise<number> {
    return genre.movieCount ?? loaders.genreMovieCount.load(genre.id);
  }
}
