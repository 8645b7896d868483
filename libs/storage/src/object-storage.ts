import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3Client, type S3Settings } from './s3';

export interface ObjectStorageSettings extends S3Settings {
  S3_BUCKET: string;
}

/**
 * The project's object storage bucket and a client for it. The client closes at application shutdown, after
 * the worker has drained its activities (they may still read and write objects while it does).
 */
@Injectable()
export class ObjectStorage implements OnApplicationShutdown {
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

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}

/** Object storage, for any app of the monorepo (the worker's only infrastructure from this package). */
@Global()
@Module({})
export class ObjectStorageModule {
  static forRoot(settings: ObjectStorageSettings): DynamicModule {
    return {
      module: ObjectStorageModule,
      providers: [{ provide: ObjectStorage, useFactory: () => new ObjectStorage(settings, settings.S3_BUCKET) }],
      exports: [ObjectStorage],
    };
  }
}
