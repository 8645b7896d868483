import { DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_URL, PrismaService } from './prisma.service';

/** The API's one PrismaService, for every module. */
@Global()
@Module({})
export class PrismaModule {
  static forRoot(settings: { DATABASE_URL: string }): DynamicModule {
    return {
      module: PrismaModule,
      providers: [{ provide: DATABASE_URL, useValue: settings.DATABASE_URL }, PrismaService],
      exports: [PrismaService],
    };
  }
}
