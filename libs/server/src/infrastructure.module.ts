import { DynamicModule, Global, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3Client, type S3Settings } from '@reelrank/common';
import { DATABASE_URL, PrismaService } from './prisma.service';

export interface InfrastructureSettings extends S3Settings {
  DATABASE_URL: string;
  S3_BUCKET: string;
}

/** The project's object storage bucket and a client for it. */
@Injectable()
export class ObjectStorage implements OnModuleDestroy {
  readonly client: S3Client;

  constructor(
    settings: S3Settings,
    readonly bucket: string,
  ) {
    this.client = createS3Client(settings);
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

/** PostgreSQL (through Prisma) and object storage, for any app of the monorepo. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(settings: InfrastructureSettings): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: DATABASE_URL, useValue: settings.DATABASE_URL },
        PrismaService,
        { provide: ObjectStorage, useFactory: () => new ObjectStorage(settings, settings.S3_BUCKET) },
      ],
      exports: [PrismaService, ObjectStorage],
    };
  }
}
