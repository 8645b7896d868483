import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger } from '@reelrank/config';
import { Logger } from 'nestjs-pino';
import { loadWorkerConfig } from './config/worker-config';
import { installTemporalRuntime } from './observability/temporal-runtime';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = createLogger('worker', config);
  const temporalMetricsUrl = await installTemporalRuntime(logger);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { logger, temporalMetricsUrl }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const worker = app.get(TemporalWorkerService);
  await worker.start();
  await worker.whenStopped();
  await app.close();
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
