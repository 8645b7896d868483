import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { startTracingFromEnv, type Tracing, type TracingConfig } from './tracing';

/** The app's Tracing, or null when tracing is off. */
export const TRACING = Symbol('Tracing');

/** Starts tracing from the environment for the app's lifetime and exports the pending spans when it shuts down. */
@Global()
@Module({})
export class TracingModule implements OnApplicationShutdown {
  constructor(@Inject(TRACING) private readonly tracing: Tracing | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }

  static forRoot(config: TracingConfig, defaultServiceName: string): DynamicModule {
    return {
      module: TracingModule,
      providers: [{ provide: TRACING, useFactory: () => startTracingFromEnv(config, defaultServiceName) ?? null }],
      exports: [TRACING],
    };
  }
}
