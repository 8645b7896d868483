import { Module } from '@nestjs/common';
import { RatingsResolver } from './ratings.resolver';
import { RatingsService } from './ratings.service';
import { SkipsResolver } from './skips.resolver';
import { SkipsService } from './skips.service';

/** The signed-in user's feedback on movies: star ratings and "Haven't seen it" skips. */
@Module({ providers: [RatingsService, RatingsResolver, SkipsService, SkipsResolver], exports: [RatingsService, SkipsService] })
export class RatingsModule {}
