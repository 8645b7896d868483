import { Module } from '@nestjs/common';
import { MoviesResolver } from './movies.resolver';
import { MoviesService } from './movies.service';

@Module({ providers: [MoviesService, MoviesResolver], exports: [MoviesService] })
export class MoviesModule {}
