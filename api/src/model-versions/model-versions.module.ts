import { Module } from '@nestjs/common';
import { ModelVersionsResolver } from './model-versions.resolver';
import { ModelVersionsService } from './model-versions.service';

@Module({ providers: [ModelVersionsService, ModelVersionsResolver], exports: [ModelVersionsService] })
export class ModelVersionsModule {}
