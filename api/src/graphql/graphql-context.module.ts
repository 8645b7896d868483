import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GenresModule } from '../genres/genres.module';
import { MoviesModule } from '../movies/movies.module';
import { RatingsModule } from '../ratings/ratings.module';
import { GqlContextFactory } from './context.factory';

@Module({
  imports: [AuthModule, MoviesModule, GenresModule, RatingsModule],
  providers: [GqlContextFactory],
  exports: [GqlContextFactory],
})
export class GraphqlContextModule {}
