import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Pool } from 'pg';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { WorkerHealth } from '../observability/worker-health';

/**
 * Connections of the worker process: an import takes up to six at once (three files staging, the progress
 * query, the merge and its reader), enrichment up to TMDB_CONCURRENCY (8 by default) for its writes, training
 * one or two per running activity (TRAINING_CONCURRENCY, 2 by default).
 */
const DATABASE_POOL_SIZE = 20;

/**
 * The worker's one PostgreSQL client: a pg pool of plain sessions (COPY, advisory locks, SET LOCAL), which
 * every activity service shares. Closed when the application shuts down, after the Temporal worker has
 * drained its activities (TemporalWorkerService.beforeApplicationShutdown). The worker is ready (`/readyz`) only
 * while PostgreSQL answers.
 */
@Injectable()
export class DatabasePool extends Pool implements OnApplicationShutdown {
  constructor(@Inject(WORKER_CONFIG) config: WorkerConfig, @Optional() health?: WorkerHealth) {
    super({ connectionString: config.DATABASE_URL, max: DATABASE_POOL_SIZE, application_name: 'reelrank-worker' });
    const logger = new Logger(DatabasePool.name);
    this.on('error', (error) => logger.warn(`idle database connection failed: ${error.message}`));
    health?.register('postgres', () => this.query('SELECT 1'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.end();
  }
}
