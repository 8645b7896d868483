import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@reelrank/config';
import { loadWorkerConfig } from './config/worker-config';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadWorkerConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: false });
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
