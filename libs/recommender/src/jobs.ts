/**
 * The data preparation and metrics around the ALS solves, as jobs for {@link AlsWorkerPool.call}: dense ids of
 * decoded rating records, folds and splits, the trainers' matrices, accuracy and ranking metrics, the new-user groups.
 * At millions of ratings each takes from a tenth of a second to seconds; a server (the Temporal worker) runs
 * them on the pool's threads so its event loop never stalls. Every job is a plain function of cloneable
 * values; the typed arrays of its result come back in SharedArrayBuffers, so handing them to later jobs and
 * kernel tasks copies nothing.
 */
import { explicitTrainingData, implicitDataFromExplicit, implicitTrainingData } from './als';
import { accuracy, evaluateRanking, itemsByUser, popularityTopK, rankingSplit, validationSplit } from './evaluate';
import { blockbusters, groupTrainingRatings, newUserPlan, ratedItemCount } from './new-user';
import type { AlsWorkerPool } from './pool';
import { denseRatings } from './ratings';
import { similarBlock } from './similar';
import { tasteLists } from './taste';
import { foldSplit, kFoldAssignments, sampleUsers } from './split';

// A function, not a constant: als.ts and evaluate.ts import this module, so the table is read only once all are loaded.
const jobTable = () => ({
  denseRatings,
  kFoldAssignments,
  sampleUsers,
  foldSplit,
  rankingSplit,
  validationSplit,
  itemsByUser,
  explicitTrainingData,
  implicitTrainingData,
  implicitDataFromExplicit,
  accuracy,
  evaluateRanking,
  popularityTopK,
  newUserPlan,
  groupTrainingRatings,
  blockbusters,
  ratedItemCount,
  similarBlock,
  tasteLists,
});

type Jobs = ReturnType<typeof jobTable>;
export type JobName = keyof Jobs;
export type JobArgs<K extends JobName> = Parameters<Jobs[K]>;
export type JobResult<K extends JobName> = ReturnType<Jobs[K]>;

/** Runs job `name` on the calling thread (the pool's threads do, and callers without a pool). */
export function runJob<K extends JobName>(name: K, args: JobArgs<K>): JobResult<K> {
  const job = jobTable()[name] as (...values: unknown[]) => JobResult<K>;
  if (typeof job !== 'function') throw new Error(`unknown pool job ${String(name)}`);
  return job(...args);
}

/** Job `name` on one of the pool's threads, or inline without a pool. */
export async function offThread<K extends JobName>(pool: AlsWorkerPool | undefined, name: K, ...args: JobArgs<K>): Promise<JobResult<K>> {
  return pool ? pool.call(name, ...args) : runJob(name, args);
}

/**
 * Job `name` once per argument list of `calls`, spread across the pool's threads with at most two calls per
 * thread in flight (one at a time inline without a pool); yields the results in the order of `calls`.
 */
export async function* offThreadInOrder<K extends JobName>(
  pool: AlsWorkerPool | undefined,
  name: K,
  calls: Iterable<JobArgs<K>>,
): AsyncGenerator<JobResult<K>> {
  const limit = Math.max(1, (pool?.threads ?? 0) * 2);
  const pending: Promise<JobResult<K>>[] = [];
  const iterator = calls[Symbol.iterator]();
  const fill = () => {
    while (pending.length < limit) {
      const next = iterator.next();
      if (next.done) return;
      const result = offThread(pool, name, ...next.value);
      result.catch(() => undefined); // awaited in order below; a later call's failure must not go unhandled meanwhile
      pending.push(result);
    }
  };
  for (fill(); pending.length > 0; fill()) yield await (pending.shift() as Promise<JobResult<K>>);
}

/** `value` with every typed array moved into a SharedArrayBuffer (recursively through arrays and plain objects). */
export function sharedCopy<T>(value: T): T {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value.buffer instanceof SharedArrayBuffer) return value;
    const typed = value as unknown as Int32Array;
    const Type = typed.constructor as Int32ArrayConstructor;
    const shared = new Type(new SharedArrayBuffer(typed.byteLength));
    shared.set(typed);
    return shared as unknown as T;
  }
  if (Array.isArray(value)) return value.map(sharedCopy) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, sharedCopy(entry)])) as T;
  }
  return value;
}
