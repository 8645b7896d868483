import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerModule } from '@nestjs/throttler';
import { ObjectStorageModule } from '@reelrank/storage';
import { TracingModule } from '@reelrank/tracing';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { AccountModule } from './account/account.module';
import { AuthModule } from './auth/auth.module';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { ApiConfigModule } from './config/api-config.module';
import { GenresModule } from './genres/genres.module';
import type { ApiRequest } from './graphql/context';
import { GqlContextFactory } from './graphql/context.factory';
import { createFormatError } from './graphql/format-error';
import { GraphqlContextModule } from './graphql/graphql-context.module';
import { complexityPlugin, depthLimitRule, maxAliasesLimitRule, maxDirectivesLimitRule } from './graphql/limits';
import {
  AUTH_THROTTLER,
  clientIpTracker,
  GqlThrottlerGuard,
  isAuthRateLimited,
  isMutation,
  MUTATIONS_THROTTLER,
} from './graphql/throttler.guard';
import { QueryRateLimiter } from './graphql/query-rate-limit';
import { GraphqlValidationPipe } from './graphql/validation.pipe';
import { HealthModule } from './health/health.module';
import { ModelVersionsModule } from './model-versions/model-versions.module';
import { MoviesModule } from './movies/movies.module';
import { ApiMetrics } from './observability/api-metrics';
import { graphqlOperationPlugin } from './observability/graphql-operation.plugin';
import { ObservabilityModule, type ObservabilityOptions } from './observability/observability.module';
import { PipelinesModule } from './pipelines/pipelines.module';
import { PrismaModule } from './prisma/prisma.module';
import { RatingsModule } from './ratings/ratings.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { TemporalModule } from './temporal/temporal.module';
import { graphqlOperationSpanName, graphqlRequestSpan } from './tracing/graphql-request-span';
import { UsersModule } from './users/users.module';
import { securityHeaders } from './security/security-headers';
import { graphiqlAssets, graphiqlAssetsPath, graphiqlLandingPage } from './graphiql/graphiql';

/** The committed schema, the contract with the web app; rewritten from the code-first models in development. */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');

export interface AppModuleOptions extends ObservabilityOptions {
  /** Where to write the generated schema; defaults to SCHEMA_FILE in development and nowhere otherwise. */
  schemaFile?: string;
}

const GRAPHQL_PATH = '/graphql';

@Module({})
export class AppModule implements NestModule {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly queryRateLimiter: QueryRateLimiter,
  ) {}

  /** A trace span per GraphQL request; security headers on every response (GraphQL, the web app and errors alike); anonymous floods refused before GraphQL. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(graphqlRequestSpan(GRAPHQL_PATH)).forRoutes(GRAPHQL_PATH);
    consumer.apply(securityHeaders()).forRoutes('{*path}');
    if (this.config.GRAPHIQL) consumer.apply(graphiqlAssets(GRAPHQL_PATH)).forRoutes(`${graphiqlAssetsPath(GRAPHQL_PATH)}/{*file}`);
    consumer.apply(this.queryRateLimiter.refuseExhaustedClients()).forRoutes(GRAPHQL_PATH);
  }

  static forRoot(config: ApiConfig, options: AppModuleOptions = {}): DynamicModule {
    const production = config.NODE_ENV === 'production';
    const development = config.NODE_ENV === 'development';
    const queryRateLimiter = new QueryRateLimiter(config.QUERY_RATE_LIMIT);
    return {
      module: AppModule,
      imports: [
        ApiConfigModule.forRoot(config),
        TracingModule.forRoot(config, 'reelrank-api'),
        ObservabilityModule.forRoot(config, options),
        PrismaModule.forRoot(config),
        ObjectStorageModule.forRoot(config),
        TemporalModule.forRoot(config),
        EventEmitterModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [GraphqlContextModule],
          inject: [GqlContextFactory, ApiMetrics],
          useFactory: (contexts: GqlContextFactory, metrics: ApiMetrics) => ({
            path: GRAPHQL_PATH,
            autoSchemaFile: options.schemaFile ?? (development ? SCHEMA_FILE : true),
            sortSchema: true,
            // GraphiQL comes from graphiqlLandingPage (@nestjs/apollo's loads it from a CDN); without it no landing page at
            // all (@nestjs/apollo would serve GraphQL Playground outside production).
            graphiql: false,
            playground: false,
            introspection: config.GRAPHQL_INTROSPECTION,
            includeStacktraceInErrorResponses: development,
            autoTransformHttpErrors: false,
            // No "Did you mean …?" hints naming schema fields in production's errors.
            formatError: createFormatError({ development, hideSuggestions: production }),
            parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
            validationRules: [
              depthLimitRule(config.GRAPHQL_MAX_DEPTH),
              maxAliasesLimitRule(config.GRAPHQL_MAX_ALIASES),
              maxDirectivesLimitRule(config.GRAPHQL_MAX_DIRECTIVES),
            ],
            // No cache hints are used: without the (default) cache-control plugin Apollo does not wrap every field resolver.
            plugins: [
              graphqlOperationSpanName,
              graphqlOperationPlugin(metrics),
              complexityPlugin(config.GRAPHQL_MAX_COMPLEXITY),
              queryRateLimiter.plugin(),
              ApolloServerPluginCacheControlDisabled(),
              ...(config.GRAPHIQL ? [graphiqlLandingPage(GRAPHQL_PATH)] : []),
            ],
            context: ({ req, res }: { req: ApiRequest; res: ServerResponse }) => contexts.create(req, res),
          }),
        }),
        ThrottlerModule.forRoot({
          throttlers: [
            {
              name: MUTATIONS_THROTTLER,
              ttl: 60_000,
              limit: config.MUTATION_RATE_LIMIT,
              skipIf: (context) => !isMutation(context),
            },
            {
              name: AUTH_THROTTLER,
              ttl: 60_000,
              limit: config.AUTH_RATE_LIMIT,
              skipIf: (context) => !isAuthRateLimited(context),
              getTracker: clientIpTracker,
            },
          ],
        }),
        HealthModule,
        UsersModule,
        AuthModule,
        AccountModule,
        MoviesModule,
        GenresModule,
        RatingsModule,
        RecommendationsModule,
        PipelinesModule,
        ModelVersionsModule,
        ...(config.WEB_DIST_DIR
          ? [ServeStaticModule.forRoot({ rootPath: config.WEB_DIST_DIR, exclude: ['/graphql{/*path}', '/api{/*path}', '/metrics'] })]
          : []),
      ],
      providers: [
        { provide: APP_PIPE, useClass: GraphqlValidationPipe },
        { provide: APP_GUARD, useClass: GqlThrottlerGuard },
        { provide: QueryRateLimiter, useValue: queryRateLimiter },
      ],
    };
  }
}
