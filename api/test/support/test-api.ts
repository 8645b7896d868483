import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { Client } from 'pg';
import request from 'supertest';
import { createMigratedDatabase, type TestDatabase, testServiceEnv } from '@reelrank/testing';
import { AppModule } from '../../src/app.module';
import { loadApiConfig } from '../../src/config/api-config';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; field?: string; fields?: { field: string; messages: string[] }[]; [key: string]: unknown };
}

/** Response data as tests read it: shapes are asserted with expect(), not typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GqlData = Record<string, any>;

export interface GqlResponse<T = GqlData> {
  status: number;
  headers: Record<string, string>;
  data: T | null | undefined;
  errors: GqlError[] | undefined;
}

/** The API on a real PostgreSQL database, queried over HTTP with supertest. */
export class TestApi {
  private constructor(
    readonly app: INestApplication,
    readonly database: TestDatabase,
    private readonly ownsDatabase: boolean,
  ) {}

  /**
   * Starts the API on `database` (or a fresh migrated one) with test defaults plus `env`. Its logs are silent
   * unless API_TEST_LOGS is set (then on stdout) or `logs` receives them (JSON lines, LOG_LEVEL info).
   */
  static async start(env: NodeJS.ProcessEnv = {}, database?: TestDatabase, logs?: DestinationStream): Promise<TestApi> {
    const db = database ?? (await createMigratedDatabase('api'));
    const config = loadApiConfig({
      ...testServiceEnv(db.url, 'api-test'),
      GRAPHIQL: 'false',
      MUTATION_RATE_LIMIT: '100000',
      AUTH_RATE_LIMIT: '100000',
      QUERY_RATE_LIMIT: '100000',
      // Tests that exercise the retrain triggers turn them on; others leave the shared Temporal alone.
      RETRAIN_SCHEDULE_ENABLED: 'false',
      RETRAIN_ENGAGEMENT_ENABLED: 'false',
      LOG_LEVEL: logs || process.env.API_TEST_LOGS ? 'info' : 'silent',
      ...env,
    });
    const app = await NestFactory.create(AppModule.forRoot(config, { logDestination: logs }), { bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
    app.flushLogs();
    return new TestApi(app, db, !database);
  }

  async gql<T = GqlData>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResponse<T>> {
    const call = request(this.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call.send({ query, variables });
    return { status: response.status, headers: response.headers, data: response.body.data, errors: response.body.errors };
  }

  /** Runs `sql` on the test database. */
  async sql<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsDatabase) await this.database.drop();
  }
}

/** The only error of a response, asserting there is exactly one. */
export function onlyError(response: GqlResponse<unknown>): GqlError {
  if (response.errors?.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(response.errors)}`);
  return response.errors[0];
}
