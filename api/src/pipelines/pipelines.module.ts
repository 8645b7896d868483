import { Module } from '@nestjs/common';
import { PipelinesResolver } from './pipelines.resolver';
import { PipelinesService } from './pipelines.service';
import { RetrainTriggersService } from './retrain-triggers.service';

@Module({ providers: [PipelinesService, PipelinesResolver, RetrainTriggersService], exports: [PipelinesService] })
export class PipelinesModule {}
