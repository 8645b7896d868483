import { DynamicModule, Global, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';

/** The API's Temporal client; connects lazily so the API starts (and reports) while Temporal is down. */
@Injectable()
export class TemporalClient extends Client implements OnModuleDestroy {
  async onModuleDestroy(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({})
export class TemporalModule {
  static forRoot(settings: { TEMPORAL_ADDRESS: string; TEMPORAL_NAMESPACE: string }): DynamicModule {
    return {
      module: TemporalModule,
      providers: [
        {
          provide: TemporalClient,
          useFactory: () =>
            new TemporalClient({
              connection: Connection.lazy({ address: settings.TEMPORAL_ADDRESS }),
              namespace: settings.TEMPORAL_NAMESPACE,
              // Starts, signals and queries are spans of the active trace, which their headers carry to the workflow.
              interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
            }),
        },
      ],
      exports: [TemporalClient],
    };
  }
}
