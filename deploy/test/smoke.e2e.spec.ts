import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import request from 'supertest';
import { createMigratedDatabase, type TestDatabase, testServiceEnv } from '@reelrank/testing';
import { createS3Client } from '../../libs/storage/src';
import { ensureBuckets } from '../../libs/stack/src';
import { AppModule } from '../../api/src/app.module';
import { loadApiConfig } from '../../api/src/config/api-config';
import { loadWorkerConfig } from '../../worker/src/config/worker-config';
import { TemporalWorkerService } from '../../worker/src/temporal/temporal-worker.service';
import { WorkerModule } from '../../worker/src/worker.module';
import { PIPELINE_RUNS, runStartOptions, TASK_QUEUES, type RunWorkflow } from '../../workflows/src';

/** The whole loop on real services: API over HTTP, Temporal server, worker, PostgreSQL, MinIO. */
describe('stack smoke test', () => {
  const bucket = 'smoke-test';
  let database: TestDatabase;
  let api: INestApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    database = await createMigratedDatabase('smoke');
    const env = testServiceEnv(database.url, bucket);
    const workerConfig = loadWorkerConfig(env);
    await ensureBuckets(createS3Client(workerConfig), [bucket]);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(workerConfig), { logger: false });
    await worker.get(TemporalWorkerService).start();
    api = await NestFactory.create(AppModule.forRoot(loadApiConfig({ ...env, GRAPHIQL: 'false' })), { logger: false });
    await api.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database?.drop();
  });

  it('answers the health query over HTTP with every service up', async () => {
    const response = await request(api.getHttpServer())
      .post('/graphql')
      .send({ query: '{ health { ok checkedAt services { name up latencyMs error } } }' })
      .expect(200);
    const health = response.body.data.health;
    expect(health.services.map((service: { name: string }) => service.name)).toEqual(['postgres', 'temporal', 's3']);
    expect(health.services.filter((service: { up: boolean }) => !service.up)).toEqual([]);
    expect(health.ok).toBe(true);
    expect(Date.parse(health.checkedAt)).not.toBeNaN();
  });

  it('runs a workflow to completion on the real Temporal server through the worker', async () => {
    const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection });
      const result = await client.workflow.execute<RunWorkflow<'system-check'>>(PIPELINE_RUNS['system-check'].workflowType, {
        ...runStartOptions('system-check', TASK_QUEUES),
        workflowExecutionTimeout: '1 minute',
      });
      expect(result.workerReachable).toBe(true);
      expect(result.dependencies.map(({ name, up }) => ({ name, up }))).toEqual([
        { name: 'postgres', up: true },
        { name: 's3', up: true },
      ]);
    } finally {
      await connection.close();
    }
  });

  it('reports a service that is down instead of failing', async () => {
    const broken = await NestFactory.create(
      AppModule.forRoot(loadApiConfig({ ...testServiceEnv(database.url, 'no-such-bucket'), GRAPHIQL: 'false' })),
      { logger: false },
    );
    await broken.init();
    try {
      const response = await request(broken.getHttpServer())
        .post('/graphql')
        .send({ query: '{ health { ok services { name up error } } }' })
        .expect(200);
      const s3 = response.body.data.health.services.find((service: { name: string }) => service.name === 's3');
      expect(response.body.data.health.ok).toBe(false);
      expect(s3.up).toBe(false);
      expect(s3.error).toBeTruthy();
    } finally {
      await broken.close();
    }
  });
});
