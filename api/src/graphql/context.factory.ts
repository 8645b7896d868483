import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AuthService } from '../auth/auth.service';
import { GenresService } from '../genres/genres.service';
import { MoviesService } from '../movies/movies.service';
import { RatingsService } from '../ratings/ratings.service';
import { SkipsService } from '../ratings/skips.service';
import type { ApiRequest, GqlContext } from './context';
import { Loaders } from './loaders';

/** Builds each request's GraphQL context: the lazily verified caller and fresh DataLoaders. */
@Injectable()
export class GqlContextFactory {
  constructor(
    private readonly auth: AuthService,
    private readonly movies: MoviesService,
    private readonly genres: GenresService,
    private readonly ratings: RatingsService,
    private readonly skips: SkipsService,
  ) {}

  create(req: ApiRequest, res: ServerResponse): GqlContext {
    const auth = this.auth.requestAuth(req.headers.authorization);
    req.auth = auth;
    return { req, res, auth, loaders: new Loaders({ movies: this.movies, genres: this.genres, ratings: this.ratings, skips: this.skips }) };
  }
}
