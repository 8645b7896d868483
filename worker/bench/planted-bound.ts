// `npx tsx worker/bench/planted-bound.ts --data <folder with ratings.csv + planted.json>`
//
// The best explicit RMSE a model of the planted form can expect on held-out ratings of a planted data set
// (`dataset:generate`) when it is told every movie's true bias and factors and μ, and only has to estimate each user's
// bias and factors from that user's training ratings. Per user (ratings.csv is sorted by userId), a seeded 20 % of the
// ratings is held out; [b_u, x_u] is the ridge solution of r − μ − b_i against [1, y_i] on the rest, for each λ of
// RIDGE; the prediction is clip(μ + b_u + b_i + x_u·y_i, 0.5, 5). The noise floor on the same held-out ratings uses
// the true user (plantedModel's). Prints the test RMSE per λ next to that floor, then the best λ per bucket of users by
// training ratings, with the least-squares textbook estimate floor·(1 + p/n)^½ (p = rank + 1 unknowns, n training
// ratings): the gap is estimation error from the per-user sample size, which no model of this form avoids.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { choleskyFactor, choleskySolve } from '../../libs/recommender/src/kernel';
import { GENERATOR_VERSION, plantedModel, rng, type PlantedManifest } from '../src/dataset/generate';

const HOLDOUT_SHARE = 0.2;
const HOLDOUT_SEED = 1;
const RIDGE = [0.5, 1, 2, 4, 6, 8, 12, 16];
const BUCKETS = [
  { label: '< 50', below: 50 },
  { label: '50–100', below: 100 },
  { label: '100–200', below: 200 },
  { label: '≥ 200', below: Infinity },
];

class Tally {
  squares = 0;
  count = 0;
  add(error: number): void {
    this.squares += error * error;
    this.count++;
  }
  get rmse(): number {
    return Math.sqrt(this.squares / this.count);
  }
}

interface BucketTally {
  users: number;
  trainRatings: number;
  /** Σ over test ratings of the least-squares excess factor 1 + p/n_u. */
  excess: number;
  floor: Tally;
  model: Tally[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  if (!values.data) {
    console.error('--data <folder with ratings.csv and planted.json> is required');
    process.exit(2);
  }
  const manifest = JSON.parse(readFileSync(join(values.data, 'planted.json'), 'utf8')) as PlantedManifest;
  if (manifest.generator !== 'planted-taste' || manifest.version !== GENERATOR_VERSION) {
    console.error(`${values.data}/planted.json is not planted-taste data of generator version ${GENERATOR_VERSION}`);
    process.exit(2);
  }

  const started = performance.now();
  const model = plantedModel(manifest);
  const { rank, mu, movieBias, movieFactors } = model;
  const dims = rank + 1;
  const movieIndex = new Map<number, number>();
  model.movieIds.forEach((id, index) => movieIndex.set(id, index));

  const newTally = (): BucketTally => ({ users: 0, trainRatings: 0, excess: 0, floor: new Tally(), model: RIDGE.map(() => new Tally()) });
  const buckets = BUCKETS.map(newTally);
  const overall = newTally();
  const random = rng(HOLDOUT_SEED);
  const gram = new Float64Array(dims * dims);
  const rhs = new Float64Array(dims);
  const regularised = new Float64Array(dims * dims);
  const chol = new Float64Array(dims * dims);
  /** A user's estimated [b_u, x_u]. */
  const solution = new Float64Array(dims);
  const solutionFactors = solution.subarray(1);
  let movies = new Int32Array(1024);
  let stars = new Float64Array(1024);
  let count = 0;
  let currentUser = -1;

  function finishUser(): void {
    if (count < 2) return; // nothing to hold out from a single rating (planted users have at least 20)
    const testCount = Math.max(1, Math.round(count * HOLDOUT_SHARE));
    for (let i = 0; i < testCount; i++) {
      // partial Fisher–Yates: the first testCount positions become the held-out ratings
      const j = i + Math.floor(random() * (count - i));
      [movies[i], movies[j]] = [movies[j], movies[i]];
      [stars[i], stars[j]] = [stars[j], stars[i]];
    }
    gram.fill(0);
    rhs.fill(0);
    for (let t = testCount; t < count; t++) {
      const movie = movies[t];
      const target = stars[t] - mu - movieBias[movie];
      const y = movieFactors.subarray(movie * rank, (movie + 1) * rank);
      for (let a = 0; a < dims; a++) {
        const fa = a === 0 ? 1 : y[a - 1];
        rhs[a] += fa * target;
        for (let b = 0; b <= a; b++) gram[a * dims + b] += fa * (b === 0 ? 1 : y[b - 1]);
      }
    }
    const trainCount = count - testCount;
    const bucket = buckets[BUCKETS.findIndex((b) => trainCount < b.below)];
    const truth = model.user(currentUser);
    for (const tally of [bucket, overall]) {
      tally.users++;
      tally.trainRatings += trainCount;
      tally.excess += testCount * (1 + dims / trainCount);
      for (let t = 0; t < testCount; t++) tally.floor.add(model.truth(truth, movies[t]) - stars[t]);
    }
    RIDGE.forEach((lambda, l) => {
      regularised.set(gram);
      for (let a = 0; a < dims; a++) regularised[a * dims + a] += lambda;
      if (!choleskyFactor(regularised, chol, dims)) throw new Error(`user ${currentUser + 1}: ridge system not positive definite`);
      solution.set(rhs);
      choleskySolve(chol, solution, dims);
      for (let t = 0; t < testCount; t++) {
        const movie = movies[t];
        const prediction = Math.min(5, Math.max(0.5, mu + solution[0] + movieBias[movie] + model.taste(solutionFactors, movie)));
        bucket.model[l].add(prediction - stars[t]);
        overall.model[l].add(prediction - stars[t]);
      }
    });
  }

  const lines = createInterface({ input: createReadStream(join(values.data, 'ratings.csv')), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    const third = line.indexOf(',', second + 1);
    const user = Number(line.slice(0, first)) - 1;
    const movie = movieIndex.get(Number(line.slice(first + 1, second)));
    if (movie === undefined) throw new Error(`ratings.csv: movieId of "${line}" is not a planted movie`);
    if (user !== currentUser) {
      finishUser();
      currentUser = user;
      count = 0;
    }
    if (count === movies.length) {
      const grownMovies = new Int32Array(count * 2);
      grownMovies.set(movies);
      movies = grownMovies;
      const grownStars = new Float64Array(count * 2);
      grownStars.set(stars);
      stars = grownStars;
    }
    movies[count] = movie;
    stars[count++] = Number(line.slice(second + 1, third));
  }
  finishUser();

  const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)} %`;
  const best = RIDGE.reduce((b, _, l) => (overall.model[l].rmse < overall.model[b].rmse ? l : b), 0);
  const floor = overall.floor.rmse;
  console.log(
    `${values.data}: ${overall.floor.count.toLocaleString('en-US')} held-out ratings of ${overall.users.toLocaleString('en-US')} users`,
  );
  console.log(
    `noise floor: ${floor.toFixed(4)} on the held-out ratings (planted.json, all ratings: ${manifest.noiseFloor.rmse.toFixed(4)}); ` +
      `${(overall.trainRatings / overall.users).toFixed(1)} training ratings per user, ${dims} unknowns per user`,
  );
  console.log('\nKnown movies, users estimated by ridge (test RMSE vs the noise floor on the same ratings):');
  console.table(
    RIDGE.map((lambda, l) => ({
      λ: lambda,
      'test RMSE': Number(overall.model[l].rmse.toFixed(4)),
      'vs floor': pct(overall.model[l].rmse / floor),
      best: l === best ? '◀' : '',
    })),
  );
  console.log(`\nPer bucket of training ratings per user, λ = ${RIDGE[best]}:`);
  console.table(
    [...BUCKETS.map((b, i) => ({ label: b.label, tally: buckets[i] })), { label: 'all', tally: overall }]
      .filter(({ tally }) => tally.users > 0)
      .map(({ label, tally }) => ({
        'training ratings': label,
        users: tally.users,
        'mean training': Number((tally.trainRatings / tally.users).toFixed(1)),
        'test ratings': tally.floor.count,
        'noise floor': Number(tally.floor.rmse.toFixed(4)),
        'bound RMSE': Number(tally.model[best].rmse.toFixed(4)),
        'vs floor': pct(tally.model[best].rmse / tally.floor.rmse),
        'least squares (1+p/n)^½': pct(Math.sqrt(tally.excess / tally.floor.count)),
      })),
  );
  console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
