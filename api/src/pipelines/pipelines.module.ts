import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatasetVersionsResolver } from './dataset-versions.resolver';
import { DatasetVersionsService } from './dataset-versions.service';
import { PipelinesResolver } from './pipelines.resolver';
import { PipelinesService } from './pipelines.service';
import { QuarantineExportController } from './quarantine-export.controller';
import { QuarantineService } from './quarantine.service';
import { RetrainTriggersService } from './retrain-triggers.service';

@Module({
  imports: [AuthModule],
  providers: [
    PipelinesService,
    PipelinesResolver,
    RetrainTriggersService,
    QuarantineService,
    DatasetVersionsService,
    DatasetVersionsResolver,
  ],
  controllers: [QuarantineExportController],
  exports: [PipelinesService],
})
export class PipelinesModule {}
