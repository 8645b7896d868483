import {
  coversCheckpoints,
  type ExplicitTuningUnit,
  type ExplicitUnitResult,
  type TrainingSnapshot,
  type TuningHeartbeat,
} from '@reelrank/workflows';
import { NO_ACTIVITY, type ActivityContext } from '../temporal/activity-context';
import { runTuningBatch, type TuningMarkers } from './tuning-runs';

const snapshot: TrainingSnapshot = {
  version: 'v1',
  key: 'models/v1/snapshot/ratings.bin',
  snapshotAt: '2026-11-25T00:00:00.000Z',
  ratings: 3,
  users: 2,
  movies: 2,
  bytes: 27,
  seconds: 0,
};

const unit = (configKey: string): ExplicitTuningUnit => ({
  configKey,
  params: { rank: 2, lambda: 0.1, pseudoCount: 0, biasLambda: 2, iterations: 3, seed: 42 },
  fold: 0,
  checkpoints: [3],
});

const result = (configKey: string, source: ExplicitUnitResult['source'] = 'computed'): ExplicitUnitResult => ({
  configKey,
  fold: 0,
  checkpoints: [{ iterations: 3, rmse: 0.9, mae: 0.7 }],
  trainRatings: 2,
  testRatings: 1,
  seconds: 0.1,
  source,
});

function harness(options: {
  heartbeat?: TuningHeartbeat<ExplicitUnitResult>;
  stored?: Record<string, ExplicitUnitResult>;
  attempt?: number;
}) {
  const heartbeats: TuningHeartbeat<ExplicitUnitResult>[] = [];
  const written: string[] = [];
  const computed: string[] = [];
  const context: ActivityContext<TuningHeartbeat<ExplicitUnitResult>> = {
    ...NO_ACTIVITY,
    attempt: options.attempt ?? 1,
    resumeDetails: (read) => read(options.heartbeat),
    heartbeat: (details) => heartbeats.push(JSON.parse(JSON.stringify(details))),
  };
  const markers = {
    read: async (key: string, snapshotAt: string) => (snapshotAt === snapshot.snapshotAt ? options.stored?.[key] : undefined),
    write: async (key: string) => void written.push(key),
  } as unknown as TuningMarkers;
  const run = (units: ExplicitTuningUnit[]) =>
    runTuningBatch<ExplicitTuningUnit, ExplicitUnitResult>({
      snapshot,
      units,
      context,
      markers,
      runKey: (value) => `${value.configKey}#${value.fold}`,
      markerKey: (u) => `marker/${u.configKey}`,
      answers: (r, u) => coversCheckpoints(r, u.checkpoints),
      compute: async (u, onSweep) => {
        computed.push(u.configKey);
        for (let sweep = 1; sweep <= 3; sweep++) onSweep(sweep, 3);
        return result(u.configKey);
      },
      current: (u, sweep, sweeps) => ({ configKey: u.configKey, fold: u.fold, sweep, sweeps }),
    });
  return { run, heartbeats, written, computed };
}

describe('runTuningBatch', () => {
  it('computes every run, writes its marker and heartbeats each sweep and each finished run', async () => {
    const h = harness({});
    const out = await h.run([unit('a'), unit('b')]);
    expect(out).toMatchObject({ computed: 2, reused: 0, attempt: 1 });
    expect(out.results.map((r) => [r.configKey, r.source])).toEqual([
      ['a', 'computed'],
      ['b', 'computed'],
    ]);
    expect(h.written).toEqual(['marker/a', 'marker/b']);
    expect(h.heartbeats.map((d) => [d.completed.length, d.current?.configKey, d.current?.sweep])).toEqual([
      [0, 'a', 1],
      [0, 'a', 2],
      [0, 'a', 3],
      [1, undefined, undefined],
      [1, 'b', 1],
      [1, 'b', 2],
      [1, 'b', 3],
      [2, undefined, undefined],
    ]);
  });

  it('resumes: runs in the previous attempt’s heartbeat details or in S3 markers are not computed again', async () => {
    const h = harness({
      heartbeat: { completed: [result('a')], current: { configKey: 'b', fold: 0, sweep: 2, sweeps: 3 } },
      stored: { 'marker/b': result('b') },
      attempt: 2,
    });
    const out = await h.run([unit('a'), unit('b'), unit('c')]);
    expect(out).toMatchObject({ computed: 1, reused: 2, attempt: 2 });
    expect(out.results.map((r) => [r.configKey, r.source])).toEqual([
      ['a', 'heartbeat'],
      ['b', 'stored'],
      ['c', 'computed'],
    ]);
    expect(h.computed).toEqual(['c']);
    expect(h.written).toEqual(['marker/c']);
  });

  it('recomputes a recorded run that lacks a wanted checkpoint', async () => {
    const h = harness({ stored: { 'marker/a': result('a') } });
    const out = await h.run([{ ...unit('a'), checkpoints: [3, 5] }]);
    expect(out).toMatchObject({ computed: 1, reused: 0 });
  });
});
