import { Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Loaders } from '../graphql/loaders';
import { GenresService } from './genres.service';
import { Genre } from './models/genre.model';

@Resolver(() => Genre)
export class GenresResolver {
  constructor(private readonly genres: GenresService) {}

  @Query(() => [Genre], { name: 'genres', description: 'Every genre by name, with movie counts' })
  list(): Promise<Genre[]> {
    return this.genres.list();
  }

  @ResolveField(() => Int, { description: 'Number of movies in this genre' })
  movieCount(@Parent() genre: Genre, @Context('loaders') loaders: Loaders): number | Promise<number> {
    return genre.movieCount ?? loaders.genreMovieCount.load(genre.id);
  }
}
