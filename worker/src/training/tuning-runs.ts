/**
 * Tuning runs (one configuration on one fold, or one implicit configuration on the validation split) and the
 * batch runner that makes them resumable: each finished run is recorded in the heartbeat details and in an S3
 * marker, so a retried attempt (another worker after a crash or a deploy) skips it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { readJsonObject, writeJsonObject } from '@reelrank/storage';
import { explicitTuningRun, implicitTuningRun, type AlsWorkerPool } from '@reelrank/recommender';
import {
  modelTuningPrefix,
  type ExplicitTuningUnit,
  type ExplicitUnitResult,
  type ImplicitTuningUnit,
  type ImplicitUnitResult,
  type RunSource,
  type TrainingSnapshot,
  type TuningBatchResult,
  type TuningHeartbeat,
} from '@reelrank/workflows';
import type { ActivityContext } from '../temporal/activity-context';
import type { LoadedSnapshot } from './snapshot';

/** S3 key of an explicit run's marker: `models/<version>/tuning/explicit/<configKey>/fold-<n>.json`. */
export const explicitMarkerKey = (version: string, configKey: string, fold: number) =>
  `${modelTuningPrefix(version)}explicit/${configKey}/fold-${fold}.json`;

/** S3 key of an implicit run's marker: `models/<version>/tuning/implicit/<configKey>.json`. */
export const implicitMarkerKey = (version: string, configKey: string) => `${modelTuningPrefix(version)}implicit/${configKey}.json`;

interface Marker<R> {
  snapshotAt: string;
  result: R;
}

type Sweep = (sweep: number, sweeps: number) => void;

/** The engine's explicit tuning run on the snapshot's (or its sample's) fold. */
export async function runExplicitUnit(
  snapshot: LoadedSnapshot,
  unit: ExplicitTuningUnit,
  protocol: { folds: number; seed: number },
  pool: AlsWorkerPool | undefined,
  onSweep: Sweep,
): Promise<Omit<ExplicitUnitResult, 'source'>> {
  const split = await snapshot.fold(protocol.folds, protocol.seed, unit.fold);
  const run = await explicitTuningRun(split, unit.params, unit.checkpoints, pool, onSweep);
  return { configKey: unit.configKey, fold: unit.fold, ...run };
}

/** The engine's implicit tuning run on the snapshot's (or its sample's) validation split. */
export async function runImplicitUnit(
  snapshot: LoadedSnapshot,
  unit: ImplicitTuningUnit,
  protocol: { k: number; testFraction: number; validationFraction: number; seed: number },
  pool: AlsWorkerPool | undefined,
  onSweep: Sweep,
): Promise<Omit<ImplicitUnitResult, 'source'>> {
  const validation = await snapshot.validationSplit(protocol.testFraction, protocol.validationFraction, protocol.seed);
  const run = await implicitTuningRun(validation, unit.params, unit.checkpoints, protocol.k, pool, onSweep);
  return { configKey: unit.configKey, ...run };
}

/** Reads and writes the per-run markers of a version. */
export class TuningMarkers {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async read<R>(key: string, snapshotAt: string): Promise<R | undefined> {
    const marker = await readJsonObject<Marker<R>>(this.s3, this.bucket, key);
    return marker?.snapshotAt === snapshotAt ? marker.result : undefined;
  }

  async write<R>(key: string, snapshotAt: string, result: R): Promise<void> {
    const marker: Marker<R> = { snapshotAt, result };
    await writeJsonObject(this.s3, this.bucket, key, marker);
  }
}

interface BatchSpec<U, R extends { source: RunSource }> {
  snapshot: TrainingSnapshot;
  units: U[];
  context: ActivityContext<TuningHeartbeat<R>>;
  markers: TuningMarkers;
  /** Identifies a run across attempts. */
  runKey(value: U | R): string;
  markerKey(unit: U): string;
  /** Whether a recorded result answers the unit (all its checkpoints). */
  answers(result: R, unit: U): boolean;
  compute(unit: U, onSweep: Sweep): Promise<Omit<R, 'source'>>;
  current(unit: U, sweep: number, sweeps: number): TuningHeartbeat<R>['current'];
}

/**
 * Runs the units in order. A unit finished by an earlier attempt (heartbeat details) or recorded in its S3
 * marker (for this snapshot) is reused; every computed unit writes its marker, and the heartbeat details list
 * the attempt's finished units, so a retry loses at most the unit in progress.
 */
export async function runTuningBatch<U, R extends { source: RunSource }>(spec: BatchSpec<U, R>): Promise<TuningBatchResult<R>> {
  const { context, markers, snapshot } = spec;
  const resumed = context.resumeDetails((details) =>
    Array.isArray((details as TuningHeartbeat<R>)?.completed) ? (details as TuningHeartbeat<R>) : undefined,
  );
  const previous = (resumed?.completed ?? []).filter(Boolean);
  const completed: R[] = [];
  let computed = 0;
  let reused = 0;
  for (const unit of spec.units) {
    context.throwIfCancelled();
    const key = spec.runKey(unit);
    let result: R | undefined;
    const fromHeartbeat = previous.find((r) => spec.runKey(r) === key && spec.answers(r, unit));
    if (fromHeartbeat) result = { ...fromHeartbeat, source: 'heartbeat' };
    if (!result) {
      const stored = await markers.read<R>(spec.markerKey(unit), snapshot.snapshotAt);
      if (stored && spec.answers(stored, unit)) result = { ...stored, source: 'stored' };
    }
    if (result) reused++;
    else {
      const fresh = await spec.compute(unit, (sweep, sweeps) => {
        context.heartbeat({ completed, current: spec.current(unit, sweep, sweeps) } satisfies TuningHeartbeat<R>);
        if (sweep < sweeps) context.throwIfCancelled();
      });
      result = { ...fresh, source: 'computed' } as R;
      await markers.write(spec.markerKey(unit), snapshot.snapshotAt, result);
      computed++;
    }
    completed.push(result);
    context.heartbeat({ completed } satisfies TuningHeartbeat<R>);
  }
  return { results: completed, computed, reused, attempt: context.attempt };
}
