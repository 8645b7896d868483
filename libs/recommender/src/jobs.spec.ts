import { offThread } from './jobs';
import { AlsWorkerPool } from './pool';
import { ratingsFromTriplets } from './ratings';
import { foldSplit, kFoldAssignments } from './split';

/** Whether a typed array lives in a SharedArrayBuffer (by tag: Jest's realm has its own constructor). */
const isShared = (array: ArrayBufferView) => Object.prototype.toString.call(array.buffer) === '[object SharedArrayBuffer]';

describe('pool jobs', () => {
  let pool: AlsWorkerPool;
  beforeAll(() => (pool = new AlsWorkerPool({ threads: 2 })));
  afterAll(() => pool.close());

  const ratings = ratingsFromTriplets([5, 5, 9, 9, 9, 12], [3, 4, 3, 7, 8, 4], [4, 3.5, 1, 5, 2, 4.5]);

  it('runs a job on a thread with the inline result, its typed arrays in SharedArrayBuffers', async () => {
    const assignment = await pool.call('kFoldAssignments', 6, 2, 42);
    expect(isShared(assignment)).toBe(true);
    expect(Array.from(assignment)).toEqual(Array.from(kFoldAssignments(6, 2, 42)));
    const split = await pool.call('foldSplit', ratings, assignment, 1);
    const inline = foldSplit(ratings, kFoldAssignments(6, 2, 42), 1);
    expect(isShared(split.train.values)).toBe(true);
    expect({ train: Array.from(split.train.values), test: Array.from(split.test.users) }).toEqual({
      train: Array.from(inline.train.values),
      test: Array.from(inline.test.users),
    });
  });

  it("rejects with the job's own error and stays usable", async () => {
    const failure = pool.call('kFoldAssignments', 6, 1, 42);
    await expect(failure).rejects.toMatchObject({ name: 'RangeError', message: 'folds must be an integer ≥ 2, got 1' });
    expect(await pool.call('ratedItemCount', ratings)).toBe(4);
  });

  it('runs inline without a pool', async () => {
    expect(Array.from(await offThread(undefined, 'kFoldAssignments', 6, 2, 42))).toEqual(Array.from(kFoldAssignments(6, 2, 42)));
  });
});
