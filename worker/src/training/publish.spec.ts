import {
  AlsWorkerPool,
  itemGenres,
  itemsByUser,
  mulberry32,
  ratingsFromTriplets,
  similarItems,
  TasteProfile,
  trainExplicit,
  trainImplicit,
  type RatingInput,
} from '@reelrank/recommender';
import { recommendationRows, similarRows, type ServingModels } from './publish';

/**
 * 700 users × 400 movies with planted taste (rated movies and ratings follow hidden 4-factor vectors), movies
 * with zero to three of six genres; every seventh user has skipped three movies.
 */
async function servingModels(): Promise<{
  models: ServingModels;
  skipped: Map<number, number[]>;
  ratings: ReturnType<typeof ratingsFromTriplets>;
}> {
  const random = mulberry32(12);
  const users = 700;
  const movies = 400;
  const taste = (n: number) => Float64Array.from({ length: n * 4 }, () => random() - 0.5);
  const userTaste = taste(users);
  const movieTaste = taste(movies);
  const u: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  for (let user = 0; user < users; user++) {
    const count = 3 + Math.floor(random() ** 3 * 120);
    const chosen = new Set<number>();
    while (chosen.size < count) {
      const movie = Math.floor(random() ** 2 * movies);
      let affinity = 0;
      for (let f = 0; f < 4; f++) affinity += userTaste[user * 4 + f] * movieTaste[movie * 4 + f];
      if (random() < 0.5 + 2 * affinity) chosen.add(movie);
    }
    for (const movie of chosen) {
      let affinity = 0;
      for (let f = 0; f < 4; f++) affinity += userTaste[user * 4 + f] * movieTaste[movie * 4 + f];
      u.push(10 + user);
      i.push(5000 + movie);
      v.push(Math.min(5, Math.max(0.5, Math.round((3.5 + 6 * affinity + random() - 0.5) * 2) / 2)));
    }
  }
  const ratings = ratingsFromTriplets(u, i, v);
  const names = ['Action', 'Animation', 'Comedy', 'Drama', 'Horror', 'Romance'];
  const genresOf = new Map(
    Array.from(ratings.itemIds, (id) => [
      id,
      [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => names[Math.floor(random() * 6)]))],
    ]),
  );
  const explicit = await trainExplicit(ratings, { rank: 6, iterations: 6, seed: 3 });
  const implicit = await trainImplicit(ratings, { rank: 6, lambda: 5, iterations: 6, seed: 3 });
  const skipped = new Map<number, number[]>();
  for (let user = 0; user < users; user += 7) skipped.set(10 + user, [5000 + ((user * 3) % movies), 5001, 5002]);
  return { models: { explicit, implicit, genres: itemGenres(implicit.itemIds, implicit.itemCounts, genresOf) }, skipped, ratings };
}

/** Publish's rows before chunks: one TasteProfile per user on the calling thread, similarItems per movie. */
function referenceRows(
  models: ServingModels,
  ratings: ReturnType<typeof ratingsFromTriplets>,
  skipped: Map<number, number[]>,
  topN: number,
) {
  const { explicit, implicit, genres } = models;
  const byUser = itemsByUser(ratings);
  const real = (value: number) => (Number.isFinite(value) ? String(Math.fround(value)) : 'NaN');
  let recommendations = '';
  for (let u = 0; u < implicit.userIds.length; u++) {
    const rated: RatingInput[] = [];
    for (let p = byUser.indptr[u]; p < byUser.indptr[u + 1]; p++)
      rated.push({ itemId: implicit.itemIds[byUser.indices[p]], rating: byUser.values[p] });
    const taste = new TasteProfile({ explicit, implicit, genres }, rated);
    let rank = 0;
    for (const pick of taste.top(topN, skipped.get(implicit.userIds[u]))) {
      if (pick.source !== 'model') break;
      const because = taste.because(pick.itemId, 3.5);
      rank++;
      recommendations += `v1\t${implicit.userIds[u]}\t${rank}\t${pick.itemId}\t${real(pick.score)}\t${real(pick.predictedRating)}\t${because ? because.itemId : '\\N'}\n`;
    }
  }
  let similar = '';
  for (let i = 0; i < implicit.itemIds.length; i++) {
    if (implicit.itemCounts[i] < 5) continue;
    const movieId = implicit.itemIds[i];
    similar += similarItems(implicit, movieId, { k: 12, minRatings: 5, genres })
      .map((s, r) => `v1\t${movieId}\t${r + 1}\t${s.itemId}\t${real(s.similarity)}\n`)
      .join('');
  }
  return { recommendations, similar };
}

async function collect(rows: AsyncGenerator<string>): Promise<string> {
  let text = '';
  for await (const chunk of rows) text += chunk;
  return text;
}

describe('publish rows', () => {
  let pool: AlsWorkerPool;

  beforeAll(() => {
    pool = new AlsWorkerPool({ threads: 2 });
  });
  afterAll(() => pool.close());

  it('are the rows of one fold-in per user and one scan per movie, in chunks on the pool’s threads and inline', async () => {
    const { models, skipped, ratings } = await servingModels();
    const expected = referenceRows(models, ratings, skipped, 20);
    expect(expected.recommendations.split('\n').length).toBeGreaterThan(10_000);
    const rated = itemsByUser(ratings);
    for (const threads of [pool, undefined]) {
      const progress: number[] = [];
      let users = 0;
      const recommendations = await collect(
        recommendationRows(models, rated, skipped, { version: 'v1', topN: 20 }, threads, (listed, _, done) => {
          users += listed;
          progress.push(done);
        }),
      );
      expect(recommendations).toBe(expected.recommendations);
      expect(progress).toEqual([256, 512, 700]);
      expect(users).toBe(
        new Set(
          expected.recommendations
            .split('\n')
            .filter(Boolean)
            .map((row) => row.split('\t')[1]),
        ).size,
      );
      let similarRowCount = 0;
      const similar = await collect(
        similarRows(models, { version: 'v1', similarK: 12, similarMinRatings: 5 }, threads, (_, rows) => (similarRowCount += rows)),
      );
      expect(similar).toBe(expected.similar);
      expect(similarRowCount).toBe(expected.similar.split('\n').length - 1);
    }
  });
});
