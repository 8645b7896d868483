import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { PinoLogger } from 'nestjs-pino';

/**
 * Every log line an activity writes through Nest's Logger carries `workflowId`, `runId`, `activityType`,
 * `activityId` and `attempt` (a logging context per activity execution, as nestjs-pino makes one per request).
 */
export const activityLogContext =
  (logger: PinoLogger): ActivityInterceptorsFactory =>
  (context) => ({
    inbound: {
      execute: (input, next) => {
        const { workflowExecution, activityType, activityId, attempt } = context.info;
        const bindings = { workflowId: workflowExecution?.workflowId, runId: workflowExecution?.runId, activityType, activityId, attempt };
        return logger.runInContext(() => next(input), { bindings });
      },
    },
  });
