/**
 * Taste benchmark: how the "for you" ranking serves new users, on ml-latest-small with seed 42,
 * against the targets of issue 11. Prints tables and, as the last stdout line, one JSON object.
 *
 *   npx tsx libs/recommender/bench/taste.bench.ts [--data-dir DIR] [--threads N]
 *
 * DIR holds MovieLens ratings.csv (with timestamps) and movies.csv; default ../shared/datasets/ml-latest-small
 * beside the repository. Measured, in one run:
 * - the new-user protocol (`rank-eval --protocol new-user`, the same code): taste, popularity,
 *   explicit ALS by predicted rating and EASE, each built per group from the group's training ratings;
 * - the persona check on models trained on all ratings (one persona per genre with ≥ 30 movies);
 * - the explicit model's 5-fold CV RMSE (`cv`) and the implicit model's all-users stratified P@10
 *   (`rank-eval --model implicit`), both with the engine's default parameters.
 */
import { resolve } from 'node:path';
import { AlsWorkerPool, crossValidate, defaultThreadCount, rankEvaluate, readMoviesFile, readRatingsFile } from '../src';
import { NEW_USER_RANKERS, runNewUserProtocol } from '../src/cli';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};
const dataDir = resolve(option('data-dir', resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'ml-latest-small')));
const threads = Number(option('threads', String(defaultThreadCount())));
const SEED = 42;
const K = 10;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The targets. */
const TARGETS = {
  likedPrecision: 0.36,
  dislikedShare: 0.015,
  coverageOverPopularity: 10,
  personaInGenre: 6,
  explicitRmse: 0.843,
  stratifiedPrecision: 0.32,
};

interface Check {
  measure: string;
  value: number;
  target: string;
  pass: boolean;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

async function main(): Promise<void> {
  const pool = threads > 1 ? new AlsWorkerPool({ threads }) : undefined;
  const result: Record<string, unknown> = { dataDir, seed: SEED, k: K, threads };
  const checks: Check[] = [];
  const check = (measure: string, value: number, target: string, pass: boolean) => checks.push({ measure, value, target, pass });
  const out: string[] = [];
  try {
    const ratings = readRatingsFile(resolve(dataDir, 'ratings.csv'));
    const movies = readMoviesFile(resolve(dataDir, 'movies.csv'));
    log(`${dataDir}: ${ratings.values.length} ratings, ${ratings.userIds.length} users, ${movies.length} movies`);

    let started = performance.now();
    const run = await runNewUserProtocol(ratings, { k: K, seed: SEED, movies, personaMovies: movies, ease: true, pool, log });
    const newUserSeconds = seconds(started);

    started = performance.now();
    const cv = await crossValidate(ratings, {}, { folds: 5, seed: SEED, pool });
    const cvSeconds = seconds(started);
    log(`explicit 5-fold CV RMSE ${cv.rmse.toFixed(4)} ± ${cv.rmseStd.toFixed(4)} (${cvSeconds.toFixed(1)} s)`);

    started = performance.now();
    const stratified = await rankEvaluate(ratings, { kind: 'implicit', k: K, seed: SEED, pool });
    const stratifiedSeconds = seconds(started);
    log(`implicit stratified P@${K} ${stratified.precisionAtK.toFixed(4)} (popularity ${stratified.popularity.precisionAtK.toFixed(4)})`);

    const { taste, popularity } = run.metrics;
    const baselines = Object.entries(run.metrics).filter(([name]) => name !== 'taste');
    const users = taste.users;
    out.push(
      `New-user protocol: ${run.groups} groups of users with ≥ ${run.minRatings} ratings; profile = first ${run.profileSize} ratings by time;`,
      `held out: later ratings (≥ ${run.likedMin} liked, ≤ ${run.dislikedMax} disliked); ${users} users with a liked held-out movie; seed ${SEED}`,
      '',
      `${'ranker'.padEnd(40)}${['liked-P@10', 'liked-NDCG@10', 'disliked', 'blockbusters', 'coverage'].map((h) => h.padStart(14)).join('')}`,
    );
    for (const [name, m] of Object.entries(run.metrics)) {
      const label = NEW_USER_RANKERS[name as keyof typeof NEW_USER_RANKERS] ?? name;
      const cells = [m.likedPrecisionAtK, m.likedNdcgAtK, m.dislikedShare, m.blockbusterShare, m.coverage];
      out.push(`${label.padEnd(40)}${cells.map((v) => v.toFixed(4).padStart(14)).join('')}`);
    }

    const personas = run.personas ?? [];
    out.push('', `Personas (8 most-rated movies of the genre at 5★, 5 most-rated crime dramas at 2★): movies of the genre in the top ${K}`);
    const genreWidth = Math.max(...personas.map((p) => p.genre.length));
    for (const persona of personas) {
      const pass = persona.inGenre >= TARGETS.personaInGenre;
      out.push(
        `  ${persona.genre.padEnd(genreWidth)}  ${String(persona.inGenre).padStart(2)}/${K}  ≥ ${TARGETS.personaInGenre}  ${pass ? 'PASS' : 'FAIL'}`,
      );
    }

    check(`taste liked-P@${K}`, taste.likedPrecisionAtK, `≥ ${TARGETS.likedPrecision}`, taste.likedPrecisionAtK >= TARGETS.likedPrecision);
    check(
      `taste liked-P@${K} − popularity's (${popularity.likedPrecisionAtK.toFixed(4)})`,
      taste.likedPrecisionAtK - popularity.likedPrecisionAtK,
      '≥ 0',
      taste.likedPrecisionAtK >= popularity.likedPrecisionAtK,
    );
    check(
      `taste disliked share of the top ${K}`,
      taste.dislikedShare,
      `≤ ${TARGETS.dislikedShare}`,
      taste.dislikedShare <= TARGETS.dislikedShare,
    );
    const coverageRatio = popularity.coverage > 0 ? taste.coverage / popularity.coverage : Infinity;
    check(
      `taste coverage ÷ popularity's (${taste.coverage.toFixed(4)} ÷ ${popularity.coverage.toFixed(4)})`,
      coverageRatio,
      `≥ ${TARGETS.coverageOverPopularity}`,
      coverageRatio >= TARGETS.coverageOverPopularity,
    );
    const worst = personas.reduce((a, b) => (b.inGenre < a.inGenre ? b : a), personas[0]);
    check(
      `personas: fewest of the genre in the top ${K} (${worst?.genre ?? 'none'})`,
      worst?.inGenre ?? 0,
      `≥ ${TARGETS.personaInGenre}`,
      personas.length > 0 && personas.every((p) => p.inGenre >= TARGETS.personaInGenre),
    );
    check('explicit 5-fold CV RMSE (default params)', cv.rmse, `≤ ${TARGETS.explicitRmse}`, cv.rmse <= TARGETS.explicitRmse);
    check(
      `implicit all-users stratified P@${K} (default params)`,
      stratified.precisionAtK,
      `≥ ${TARGETS.stratifiedPrecision}`,
      stratified.precisionAtK >= TARGETS.stratifiedPrecision,
    );
    const bestBaseline = baselines.reduce((a, b) => (b[1].likedPrecisionAtK > a[1].likedPrecisionAtK ? b : a));

    const aimed = taste.likedPrecisionAtK > bestBaseline[1].likedPrecisionAtK;
    const aim = `(aim, not a target) taste liked-P@${K} above the best baseline, ${bestBaseline[0]} ${bestBaseline[1].likedPrecisionAtK.toFixed(4)}`;
    const width = Math.max(aim.length, ...checks.map((c) => c.measure.length));
    out.push('', 'Targets');
    for (const c of checks) {
      out.push(`  ${c.measure.padEnd(width)}  ${c.value.toFixed(4).padStart(8)}  ${c.target.padEnd(8)}  ${c.pass ? 'PASS' : 'FAIL'}`);
    }
    out.push(
      `  ${aim.padEnd(width)}  ${taste.likedPrecisionAtK.toFixed(4).padStart(8)}  ${'> best'.padEnd(8)}  ${aimed ? 'yes' : 'no'}`,
      '',
      `Times: new-user protocol with personas ${newUserSeconds.toFixed(1)} s, CV ${cvSeconds.toFixed(1)} s, stratified ranking ${stratifiedSeconds.toFixed(1)} s (${threads} thread(s))`,
    );

    Object.assign(result, {
      newUser: run.metrics,
      personas: personas.map(({ genre, inGenre }) => ({ genre, inGenre })),
      explicitRmse: cv.rmse,
      explicitRmseStd: cv.rmseStd,
      stratifiedPrecisionAtK: stratified.precisionAtK,
      stratifiedNdcgAtK: stratified.ndcgAtK,
      stratifiedPopularityPrecisionAtK: stratified.popularity.precisionAtK,
      checks: checks.map(({ measure, value, pass }) => ({ measure, value, pass })),
      aboveEveryBaseline: aimed,
      seconds: { newUser: newUserSeconds, cv: cvSeconds, stratified: stratifiedSeconds },
    });
  } finally {
    await pool?.close();
  }
  result.allTargetsMet = checks.every((c) => c.pass);
  process.stdout.write(`${out.join('\n')}\n${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
