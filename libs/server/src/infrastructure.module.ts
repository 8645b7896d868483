import { DynamicModule, Global, Module } from '@nestjs/common';
import { ObjectStorageModule, type ObjectStorageSettings } from './object-storage';
import { DATABASE_URL, PrismaService } from './prisma.service';

export interface InfrastructureSettings extends ObjectStorageSettings {
  DATABASE_URL: string;
}

/** PostgreSQL through Prisma, and object storage: the API's infrastructure. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(settings: InfrastructureSettings): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [ObjectStorageModule.forRoot(settings)],
      providers: [{ provide: DATABASE_URL, useValue: settings.DATABASE_URL }, PrismaService],
      exports: [PrismaService],
    };
  }
}
