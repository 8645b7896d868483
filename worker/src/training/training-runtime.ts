import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { AlsWorkerPool } from '@reelrank/recommender';
import { ModelStore, type ObjectStorage } from '@reelrank/storage';
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import { SnapshotCache, SnapshotMismatchError } from './snapshot';
import { TuningMarkers } from './tuning-runs';

/**
 * What the training activities share: the worker's pg pool, the model store, the snapshot cache, the tuning
 * markers and one ALS worker-thread pool.
 */
export class TrainingRuntime {
  readonly modelStore: ModelStore;
  readonly snapshots: SnapshotCache;
  readonly markers: TuningMarkers;
  private alsPool?: AlsWorkerPool;

  constructor(
    readonly pool: Pool,
    readonly storage: ObjectStorage,
    options: { threads: number },
  ) {
    this.threadCount = options.threads;
    this.modelStore = new ModelStore(storage);
    this.snapshots = new SnapshotCache(storage.client, storage.bucket, () => this.threads());
    this.markers = new TuningMarkers(storage.client, storage.bucket);
  }

  private readonly threadCount: number;

  /** The shared ALS thread pool (TRAINING_THREADS; 0 = all cores, at most 8), created on first use and after a failure. */
  threads(): AlsWorkerPool {
    this.alsPool ??= new AlsWorkerPool({ threads: this.threadCount || undefined });
    return this.alsPool;
  }

  /** Runs engine work: a broken thread pool is replaced for the next attempt; snapshot mismatches are not retried. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const message = (error as Error)?.message ?? '';
      if (/^(ALS worker|worker pool closed)/.test(message) && this.alsPool) {
        const broken = this.alsPool;
        this.alsPool = undefined;
        void broken.close().catch(() => undefined);
      }
      if (error instanceof SnapshotMismatchError) throw ApplicationFailure.nonRetryable(error.message, 'SnapshotMismatch');
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (let token: string | undefined; ;) {
      const listed = await this.storage.client.send(
        new ListObjectsV2Command({ Bucket: this.storage.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const keys = (listed.Contents ?? []).map((object) => ({ Key: object.Key as string }));
      if (keys.length) await this.storage.client.send(new DeleteObjectsCommand({ Bucket: this.storage.bucket, Delete: { Objects: keys } }));
      if (!listed.IsTruncated) return;
      token = listed.NextContinuationToken;
    }
  }

  async close(): Promise<void> {
    const als = this.alsPool;
    this.alsPool = undefined;
    await als?.close().catch(() => undefined);
  }
}
