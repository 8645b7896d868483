import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { InfrastructureModule } from '@reelrank/server';
import { join } from 'node:path';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { HealthModule } from './health/health.module';
import { TemporalModule } from './temporal/temporal.module';

/** The committed schema, the contract with the web app; rewritten from the code-first models in development. */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');

export interface AppModuleOptions {
  /** Where to write the generated schema; defaults to SCHEMA_FILE in development and nowhere otherwise. */
  schemaFile?: string;
}

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, options: AppModuleOptions = {}): DynamicModule {
    const production = config.NODE_ENV === 'production';
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        TemporalModule.forRoot(config),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: options.schemaFile ?? (config.NODE_ENV === 'development' ? SCHEMA_FILE : true),
          sortSchema: true,
          graphiql: config.GRAPHIQL,
          introspection: !production || config.GRAPHIQL,
          includeStacktraceInErrorResponses: !production,
        }),
        HealthModule,
        ...(config.WEB_DIST_DIR ? [ServeStaticModule.forRoot({ rootPath: config.WEB_DIST_DIR, exclude: ['/graphql{/*path}'] })] : []),
      ],
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
    };
  }
}
