import { Module } from '@nestjs/common';
import { RatingsModule } from '../ratings/ratings.module';
import { PipelinesResolver } from './pipelines.resolver';
import { PipelinesService } from './pipelines.service';
import { RetrainTriggersService } from './retrain-triggers.service';

@Module({ imports: [RatingsModule], providers: [PipelinesService, PipelinesResolver, RetrainTriggersService], exports: [PipelinesService] })
export class PipelinesModule {}
