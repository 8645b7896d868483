import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mulberry32, rankEvaluate } from '@reelrank/recommender';
import type { ObjectStorage } from '@reelrank/storage';
import type { TrainingSnapshot } from '@reelrank/workflows';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { SNAPSHOT_FORMAT, SNAPSHOT_RECORD_BYTES } from './snapshot';
import { TrainingRuntime } from './training-runtime';
import { runExplicitUnit, runImplicitUnit } from './tuning-runs';

/** Big enough that any one step of loading, splitting or matrix building on the main thread takes far above the bound. */
const RATINGS = 2_000_000;
const USERS = 13_000;
const MOVIES = 15_000;
/**
 * The longest the event loop may stall. With decoding, splits and matrices on the main thread it stalls for
 * seconds (4.7 s at 2M ratings); what is left there takes milliseconds, stretched to a few hundred on a busy
 * machine (the pool's threads and other processes share its cores).
 */
const MAX_STALL_MS = 1000;

/** A snapshot object: each user rates distinct movies (ascending), ratings 0.5..5, times in 2020. */
function snapshotBytes(): Buffer {
  const random = mulberry32(7);
  const bytes = Buffer.alloc(RATINGS * SNAPSHOT_RECORD_BYTES);
  const perUser = Math.ceil(RATINGS / USERS);
  for (let r = 0, user = 1, movie = 0; r < RATINGS; r++) {
    if (r % perUser === 0) [user, movie] = [user + 1, Math.floor(random() * (MOVIES - 4 * perUser))];
    movie += 1 + Math.floor(random() * 3);
    const o = r * SNAPSHOT_RECORD_BYTES;
    bytes.writeInt32LE(user, o);
    bytes.writeInt32LE(movie, o + 4);
    bytes.writeUInt8(1 + Math.floor(random() * 10), o + 8);
    bytes.writeDoubleLE(1_577_836_800 + r, o + 9);
  }
  return bytes;
}

describe('training work on the worker', () => {
  const descriptor: TrainingSnapshot = {
    version: 'm1',
    key: 'models/m1/snapshot/ratings.bin',
    snapshotAt: '2026-12-01T00:00:00.000Z',
    ratings: RATINGS,
    users: USERS,
    movies: MOVIES,
    bytes: RATINGS * SNAPSHOT_RECORD_BYTES,
    seconds: 1,
  };
  let runtime: TrainingRuntime;

  beforeAll(() => {
    const bytes = snapshotBytes();
    const client = {
      send: async (command: unknown) => {
        expect(command).toBeInstanceOf(GetObjectCommand);
        return {
          Metadata: { format: SNAPSHOT_FORMAT, 'snapshot-at': descriptor.snapshotAt },
          // As S3 streams a body (64 KiB chunks): the records are decoded on the event loop as they arrive.
          Body: Readable.from(
            Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, c) => bytes.subarray(c * 65536, (c + 1) * 65536)),
          ),
        };
      },
    } as unknown as S3Client;
    runtime = new TrainingRuntime({} as Pool, { client, bucket: 'models' } as ObjectStorage, { threads: 2 });
  });

  afterAll(() => runtime.close());

  it(`keeps the event loop free (no stall over ${MAX_STALL_MS} ms) while a resumed tuning attempt loads ${RATINGS} ratings, splits, trains and measures`, async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const snapshot = await runtime.snapshots.load(descriptor);
    const explicit = await runExplicitUnit(
      snapshot,
      {
        configKey: 'e',
        params: { rank: 4, lambda: 0.08, pseudoCount: 10, biasLambda: 2, iterations: 1, seed: 42 },
        fold: 0,
        checkpoints: [1],
      },
      { folds: 3, seed: 42 },
      runtime.threads(),
      () => undefined,
    );
    const implicit = await runImplicitUnit(
      snapshot,
      {
        configKey: 'i',
        params: { rank: 4, lambda: 2, alpha: 4, confidence: 'log', epsilon: 1, iterations: 1, seed: 42 },
        checkpoints: [1],
      },
      { k: 10, testFraction: 0.25, validationFraction: 0.25, seed: 42 },
      runtime.threads(),
      () => undefined,
    );
    const ranking = await rankEvaluate(snapshot.ratings, {
      kind: 'implicit',
      k: 10,
      testFraction: 0.25,
      seed: 42,
      params: { rank: 4, lambda: 2, alpha: 4, confidence: 'log', iterations: 1 },
      pool: runtime.threads(),
    });
    delay.disable();
    const stallMs = delay.max / 1e6;
    console.info(
      `main thread: longest stall ${stallMs.toFixed(0)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms) over ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s of loading, tuning and evaluating ${RATINGS} ratings`,
    );
    expect(explicit.trainRatings + explicit.testRatings).toBe(RATINGS);
    expect(implicit.checkpoints).toHaveLength(1);
    expect(ranking.users).toBeGreaterThan(USERS / 2);
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  }, 180_000);
});
