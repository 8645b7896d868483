import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ensureRetrainSchedule, notifyRatingsAdded } from '@reelrank/workflows';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { OnRatingsChanged, type RatingsChangedEvent } from '../ratings/ratings-changed.event';
import { TemporalClient } from '../temporal/temporal.module';

/** Longest wait for one Temporal call of a trigger. */
const TEMPORAL_CALL_TIMEOUT_MS = 5_000;

/** First and longest pause between attempts to create the nightly schedule while Temporal is unreachable. */
const SCHEDULE_RETRY_MS = { first: 2_000, max: 60_000 } as const;

/**
 * The API's two automatic retrain triggers: the nightly Temporal Schedule (RETRAIN_SCHEDULE_CRON in
 * RETRAIN_SCHEDULE_TIMEZONE), ensured (idempotently: created, or updated when its settings changed) at startup and retried in the background while Temporal is down (startup never waits for it), and the engagement
 * coordinator, signalled after every successful rating (fire-and-forget: failures are logged, never surfaced).
 */
@Injectable()
export class RetrainTriggersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RetrainTriggers');
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private pendingRatings = 0;
  private sending?: Promise<void>;
  private scheduling?: Promise<void>;

  constructor(
    private readonly client: TemporalClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RETRAIN_SCHEDULE_ENABLED) void this.ensureSchedule(SCHEDULE_RETRY_MS.first);
  }

  /** The engagement trigger: each new or changed rating counts once. */
  @OnRatingsChanged()
  countRating({ change }: RatingsChangedEvent): void {
    if (this.config.RETRAIN_ENGAGEMENT_ENABLED && change === 'rated') this.notify(1);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    // The shared Temporal connection closes after this hook: let calls in flight end first.
    await Promise.allSettled([this.sending, this.scheduling]);
  }

  /**
   * Counts `count` new ratings for the engagement coordinator; never throws. Counts are batched: at most one
   * signal-with-start is in flight, and ratings arriving meanwhile go out together in the next one.
   */
  notify(count: number): void {
    if (this.stopped || !Number.isInteger(count) || count <= 0) return;
    this.pendingRatings += count;
    if (!this.sending) this.sending = this.flush();
  }

  private async flush(): Promise<void> {
    while (this.pendingRatings > 0 && !this.stopped) {
      const count = this.pendingRatings;
      this.pendingRatings = 0;
      try {
        await this.client.withDeadline(Date.now() + TEMPORAL_CALL_TIMEOUT_MS, () =>
          notifyRatingsAdded(this.client, count, {
            taskQueue: this.config.PIPELINE_TASK_QUEUE,
            coordinator: { taskQueue: this.config.TRAINING_TASK_QUEUE },
          }),
        );
      } catch (error) {
        this.logger.error(`Could not notify the retrain coordinator of ${count} new rating(s): ${describe(error)}`);
      }
    }
    this.sending = undefined;
  }

  private async ensureSchedule(nextDelayMs: number): Promise<void> {
    if (this.stopped) return;
    const attempt = (async () => {
      try {
        const result = await this.client.withDeadline(Date.now() + TEMPORAL_CALL_TIMEOUT_MS, () =>
          ensureRetrainSchedule(this.client, {
            taskQueue: this.config.TRAINING_TASK_QUEUE,
            cron: this.config.RETRAIN_SCHEDULE_CRON,
            timezone: this.config.RETRAIN_SCHEDULE_TIMEZONE,
          }),
        );
        if (result.created || result.updated)
          this.logger.log(`Retrain schedule ${result.scheduleId} ${result.created ? 'created' : 'updated'}`);
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`Could not ensure the retrain schedule (retrying in ${Math.round(nextDelayMs / 1000)} s): ${describe(error)}`);
        this.retryTimer = setTimeout(() => void this.ensureSchedule(Math.min(nextDelayMs * 2, SCHEDULE_RETRY_MS.max)), nextDelayMs);
        this.retryTimer.unref();
      }
    })();
    this.scheduling = attempt;
    await attempt;
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
