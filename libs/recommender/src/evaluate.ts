/** Cross-validated rating accuracy and top-k ranking evaluation against a popularity baseline. */
import { ExplicitAlsTrainer, ImplicitAlsTrainer, runSweeps, runTasks, TrainOptions } from './als';
import { offThread } from './jobs';
import { topK, TopKTask } from './kernel';
import { averagePrecisionAtK, catalogCoverage, mae, meanAndStd, ndcgAtK, precisionAtK, recallAtK, rmse } from './metrics';
import { AlsModel, DEFAULT_EXPLICIT_PARAMS, DEFAULT_IMPLICIT_PARAMS, ExplicitModel, ExplicitParams, ImplicitParams } from './model';
import { deriveSeed } from './random';
import { Ratings } from './ratings';
import type { AlsWorkerPool } from './pool';
import { predictIndex } from './scoring';
import { buildCsr, CsrMatrix, sharedInt32 } from './sparse';
import { foldSplit, kFoldAssignments, stratifiedSplit, TrainTestSplit } from './split';

export interface AccuracyMetrics {
  rmse: number;
  mae: number;
}

export interface FoldResult extends AccuracyMetrics {
  fold: number;
  trainRatings: number;
  testRatings: number;
  seconds: number;
}

export interface CrossValidationResult {
  rmse: number;
  rmseStd: number;
  mae: number;
  maeStd: number;
  folds: FoldResult[];
  params: ExplicitParams;
  secondsPerSweep: number;
}

export interface CrossValidationOptions extends TrainOptions {
  folds?: number;
  seed?: number;
  onFold?: (result: FoldResult) => void;
}

/** RMSE and MAE of clipped predictions; users/items without training ratings get bias-only predictions. */
export function accuracy(model: ExplicitModel, test: Ratings): AccuracyMetrics {
  const predicted = new Float64Array(test.values.length);
  for (let r = 0; r < predicted.length; r++) predicted[r] = predictIndex(model, test.users[r], test.items[r]);
  return { rmse: rmse(predicted, test.values), mae: mae(predicted, test.values) };
}

/**
 * Trains explicit ALS on `train` up to the largest checkpoint and measures test accuracy after each
 * checkpoint sweep, so iteration counts can be compared from a single run.
 */
export async function accuracyAtCheckpoints(
  split: TrainTestSplit,
  params: ExplicitParams,
  checkpoints: readonly number[],
  options: TrainOptions = {},
): Promise<{ metrics: Map<number, AccuracyMetrics>; sweepSeconds: number[] }> {
  const trainer = await ExplicitAlsTrainer.create(split.train, params, options.pool);
  const metrics = new Map<number, AccuracyMetrics>();
  const sweepSeconds = await runSweeps(trainer, 'explicit', Math.max(...checkpoints), options.onSweep, (sweep) => {
    if (checkpoints.includes(sweep)) metrics.set(sweep, accuracy(trainer.model, split.test));
  });
  return { metrics, sweepSeconds };
}

/** k-fold cross-validation of explicit ALS (ratings shuffled with the seed, dealt into folds). */
export async function crossValidate(
  ratings: Ratings,
  params: Partial<ExplicitParams> = {},
  options: CrossValidationOptions = {},
): Promise<CrossValidationResult> {
  const full = { ...DEFAULT_EXPLICIT_PARAMS, ...params };
  const folds = options.folds ?? 5;
  const assignment = kFoldAssignments(ratings.values.length, folds, options.seed ?? full.seed);
  const results: FoldResult[] = [];
  const sweepSeconds: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const split = foldSplit(ratings, assignment, fold);
    const started = performance.now();
    const run = await accuracyAtCheckpoints(split, full, [full.iterations], options);
    const result: FoldResult = {
      fold,
      ...(run.metrics.get(full.iterations) as AccuracyMetrics),
      trainRatings: split.train.values.length,
      testRatings: split.test.values.length,
      seconds: (performance.now() - started) / 1000,
    };
    sweepSeconds.push(...run.sweepSeconds);
    results.push(result);
    options.onFold?.(result);
  }
  const rmseStats = meanAndStd(results.map((r) => r.rmse));
  const maeStats = meanAndStd(results.map((r) => r.mae));
  return {
    rmse: rmseStats.mean,
    rmseStd: rmseStats.std,
    mae: maeStats.mean,
    maeStd: maeStats.std,
    folds: results,
    params: full,
    secondsPerSweep: median(sweepSeconds),
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface RankingMetrics {
  precisionAtK: number;
  recallAtK: number;
  ndcgAtK: number;
  mapAtK: number;
  coverage: number;
  /** Users with at least one held-out item (the ones averaged over). */
  users: number;
}

/** Each user's rated items as a user × item CSR (what their top-k must leave out). */
export function itemsByUser(ratings: Ratings): CsrMatrix {
  return buildCsr(ratings.users, ratings.items, ratings.values, ratings.userIds.length, ratings.itemIds.length);
}

/**
 * Top-k lists of all users (row-major users × k, padded with −1), leaving out each user's row of
 * `exclude`: implicit models rank by x·y, explicit ones by the unclipped predicted rating. Runs on
 * the pool's worker threads when one is given.
 */
export async function modelTopK(model: AlsModel, exclude: CsrMatrix, k: number, pool?: AlsWorkerPool): Promise<Int32Array> {
  const users = model.userIds.length;
  const explicit = model.kind === 'explicit';
  const task: TopKTask = {
    kind: 'top-k',
    start: 0,
    end: users,
    k,
    rank: model.rank,
    userFactors: model.userFactors,
    itemFactors: model.itemFactors,
    globalMean: model.globalMean,
    userBias: explicit ? model.userBias : undefined,
    itemBias: explicit ? model.itemBias : undefined,
    excludeIndptr: exclude.indptr,
    excludeIndices: exclude.indices,
    out: sharedInt32(users * k),
  };
  const parts = pool ? pool.threads * 2 : 1;
  const tasks = Array.from({ length: parts }, (_, p) => ({
    ...task,
    start: Math.floor((users * p) / parts),
    end: Math.floor((users * (p + 1)) / parts),
  }));
  await runTasks(tasks, pool);
  return task.out;
}

/** The popularity baseline's top-k lists: most-rated training items the user has not rated. */
export function popularityTopK(train: Ratings, exclude: CsrMatrix, k: number): Int32Array {
  const counts = new Float64Array(train.itemIds.length);
  for (let r = 0; r < train.items.length; r++) counts[train.items[r]]++;
  const users = train.userIds.length;
  const out = new Int32Array(users * k).fill(-1);
  const excludedFor = new Int32Array(counts.length).fill(-1);
  for (let u = 0; u < users; u++) {
    for (const item of rowItems(exclude, u)) excludedFor[item] = u;
    out.set(
      topK(counts, k, (item) => excludedFor[item] === u),
      u * k,
    );
  }
  return out;
}

/**
 * Ranking metrics of top-k `lists` (users × k, −1 padded, built without each user's training
 * items) against the held-out items, all relevant, averaged over users with ≥ 1 held-out item.
 * Coverage is over the whole item catalogue of the data set.
 */
export function evaluateRanking(split: TrainTestSplit, k: number, lists: Int32Array): RankingMetrics {
  const users = split.test.userIds.length;
  const testByUser = itemsByUser(split.test);
  const evaluated: Int32Array[] = [];
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let map = 0;
  for (let u = 0; u < users; u++) {
    const relevant = new Set(rowItems(testByUser, u));
    if (relevant.size === 0) continue;
    const row = lists.subarray(u * k, (u + 1) * k);
    const length = row.indexOf(-1);
    const list = length === -1 ? row : row.subarray(0, length);
    evaluated.push(list);
    precision += precisionAtK(list, relevant, k);
    recall += recallAtK(list, relevant, k);
    ndcg += ndcgAtK(list, relevant, k);
    map += averagePrecisionAtK(list, relevant, k);
  }
  const n = Math.max(1, evaluated.length);
  return {
    precisionAtK: precision / n,
    recallAtK: recall / n,
    ndcgAtK: ndcg / n,
    mapAtK: map / n,
    coverage: catalogCoverage(evaluated, split.test.itemIds.length, k),
    users: evaluated.length,
  };
}

function rowItems(matrix: CsrMatrix, row: number): Int32Array {
  return matrix.indices.subarray(matrix.indptr[row], matrix.indptr[row + 1]);
}

export interface RankEvaluationOptions extends TrainOptions {
  kind: AlsModel['kind'];
  k?: number;
  testFraction?: number;
  seed?: number;
  params?: Partial<ExplicitParams> | Partial<ImplicitParams>;
}

export interface RankEvaluationResult extends RankingMetrics {
  k: number;
  testFraction: number;
  popularity: RankingMetrics;
  params: ExplicitParams | ImplicitParams;
  trainRatings: number;
  testRatings: number;
  secondsPerSweep: number;
}

/** The stratified split used by rank evaluation and by implicit tuning (which only sees `train`). */
export function rankingSplit(ratings: Ratings, testFraction: number, seed: number): TrainTestSplit {
  return stratifiedSplit(ratings, testFraction, deriveSeed(seed, 101));
}

/**
 * The validation split implicit tuning carves (stratified) from the training part of the ranking split, with
 * each user's validation-training items (what the top-k lists leave out).
 */
export function validationSplit(train: Ratings, validationFraction: number, seed: number): TrainTestSplit & { trained: CsrMatrix } {
  const validation = stratifiedSplit(train, validationFraction, deriveSeed(seed, 202));
  return { ...validation, trained: itemsByUser(validation.train) };
}

/**
 * Trains on the stratified training part and reports model and popularity ranking metrics. With a pool, the
 * splits, the matrices and the metrics are computed on its threads too.
 */
export async function rankEvaluate(ratings: Ratings, options: RankEvaluationOptions): Promise<RankEvaluationResult> {
  const k = options.k ?? 10;
  const testFraction = options.testFraction ?? 0.25;
  const seed = options.seed ?? 42;
  const pool = options.pool;
  const split = await offThread(pool, 'rankingSplit', ratings, testFraction, seed);
  const { model, secondsPerSweep } = await trainWithTimings(split.train, options);
  const trained = await offThread(pool, 'itemsByUser', split.train);
  const [modelLists, popularityLists] = await Promise.all([
    modelTopK(model, trained, k, pool),
    offThread(pool, 'popularityTopK', split.train, trained, k),
  ]);
  const [metrics, popularity] = await Promise.all([
    offThread(pool, 'evaluateRanking', split, k, modelLists),
    offThread(pool, 'evaluateRanking', split, k, popularityLists),
  ]);
  return {
    ...metrics,
    k,
    testFraction,
    popularity,
    params: model.params,
    trainRatings: split.train.values.length,
    testRatings: split.test.values.length,
    secondsPerSweep,
  };
}

async function trainWithTimings(train: Ratings, options: RankEvaluationOptions): Promise<{ model: AlsModel; secondsPerSweep: number }> {
  const trainer =
    options.kind === 'explicit'
      ? await ExplicitAlsTrainer.create(train, { ...DEFAULT_EXPLICIT_PARAMS, ...(options.params as Partial<ExplicitParams>) }, options.pool)
      : await ImplicitAlsTrainer.create(
          train,
          { ...DEFAULT_IMPLICIT_PARAMS, ...(options.params as Partial<ImplicitParams>) },
          options.pool,
        );
  const seconds = await runSweeps(trainer, options.kind, trainer.model.params.iterations, options.onSweep);
  return { model: trainer.model, secondsPerSweep: median(seconds) };
}
