import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadApiConfig } from './config/api-config';

/**
 * Writes the GraphQL schema generated from the code-first models to `file`. Needs no running
 * services: Prisma, Temporal and S3 clients connect lazily and are never used here.
 */
export async function writeSchemaFile(file: string): Promise<void> {
  const config = loadApiConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgresql://schema:schema@127.0.0.1:1/schema',
    S3_ACCESS_KEY_ID: 'schema',
    S3_SECRET_ACCESS_KEY: 'schema',
    JWT_SECRET: 'schema-generation-only-secret-0123456789',
  });
  const app = await NestFactory.create(AppModule.forRoot(config, { schemaFile: file }), { logger: false });
  await app.init();
  await app.close();
}
