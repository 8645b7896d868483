import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '@reelrank/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadApiConfig } from './config/api-config';

async function bootstrap(): Promise<void> {
  const config = loadApiConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    cors: config.CORS_ORIGINS.length ? { origin: config.CORS_ORIGINS, credentials: true } : false,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  if (config.TRUST_PROXY) app.set('trust proxy', 1);
  app.enableShutdownHooks();
  await app.listen(config.API_PORT, config.API_HOST);
  logger.log(`GraphQL on http://${config.API_HOST}:${config.API_PORT}/graphql`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
