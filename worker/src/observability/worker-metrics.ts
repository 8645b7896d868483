import { Injectable } from '@nestjs/common';
import { TIMED_RETRAIN_STAGES, type StageTimings } from '@reelrank/workflows';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StagedChunk } from '../import/movielens-importer';

/** The worker's own Prometheus metrics (the Temporal SDK's are served beside them, see WorkerMetricsServer). */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();

  private readonly importRows = new Counter({
    name: 'reelrank_import_rows_total',
    help: 'MovieLens rows committed to staging, by file and outcome (staged or rejected)',
    labelNames: ['file', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly importRowsPerSecond = new Gauge({
    name: 'reelrank_import_rows_per_second',
    help: 'Rows per second (staged and rejected) of the latest staging chunk committed, by file',
    labelNames: ['file'] as const,
    registers: [this.registry],
  });

  private readonly retrainStageDuration = new Histogram({
    name: 'reelrank_retrain_stage_duration_seconds',
    help: 'Seconds per stage of the retrains that reached promotion (workflow time, from model_versions.timings)',
    labelNames: ['stage'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  importChunkStaged(chunk: StagedChunk): void {
    this.importRows.inc({ file: chunk.file, outcome: 'staged' }, chunk.staged);
    this.importRows.inc({ file: chunk.file, outcome: 'rejected' }, chunk.rejected);
    if (chunk.seconds > 0) this.importRowsPerSecond.set({ file: chunk.file }, (chunk.staged + chunk.rejected) / chunk.seconds);
  }

  retrainStagesTimed(timings: StageTimings): void {
    for (const stage of TIMED_RETRAIN_STAGES) {
      const seconds = timings[stage];
      if (seconds !== undefined) this.retrainStageDuration.observe({ stage }, seconds);
    }
  }
}
