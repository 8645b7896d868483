import { createTestDatabase, type TestDatabase } from '@reelrank/testing';
import { createPrismaClient, type PrismaClient } from '../src/client';
import { applyMigrations } from '../src/migrate';

describe('createPrismaClient', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url);
    await prisma.movie.createMany({
      data: [
        { id: 1, title: 'Toy Story (1995)', year: 1995 },
        { id: 2, title: 'Jumanji (1995)', year: 1995 },
      ],
    });
    await prisma.user.create({ data: { id: 1, source: 'MOVIELENS' } });
  });

  /** Sets user 1's rating of movie 2. */
  function rateJumanji(rating: number) {
    const key = { userId: 1, movieId: 2 };
    return prisma.rating.upsert({ where: { userId_movieId: key }, create: { ...key, rating }, update: { rating } });
  }

  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('writes and reads a movie with its genre and a rating', async () => {
    await prisma.movie.update({
      where: { id: 1 },
      data: {
        genres: { create: { genre: { create: { name: 'Animation' } } } },
        link: { create: { imdbId: 'tt0114709', tmdbId: 862 } },
        ratings: { create: { userId: 1, rating: 4.5, ratedAt: new Date('2015-03-31T12:00:00Z') } },
      },
    });

    const movie = await prisma.movie.findUniqueOrThrow({
      where: { id: 1 },
      include: { genres: { include: { genre: true } }, link: true, ratings: true },
    });

    expect(movie).toMatchObject({
      title: 'Toy Story (1995)',
      year: 1995,
      genres: [{ genre: { name: 'Animation' } }],
      link: { imdbId: 'tt0114709', tmdbId: 862 },
      ratings: [{ userId: 1, rating: 4.5, ratedAt: new Date('2015-03-31T12:00:00Z') }],
    });
    expect(movie.createdAt).toBeInstanceOf(Date);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ role: 'USER', source: 'MOVIELENS', email: null });
  });

  it.each([0.5, 3, 5])('accepts a rating of %p', async (rating) => {
    expect(await rateJumanji(rating)).toMatchObject({ rating });
  });

  it.each([5.5, 0.3, 0, 2.25, -1])('rejects a rating of %p with the CHECK constraint', async (rating) => {
    await expect(rateJumanji(rating)).rejects.toThrow(/ratings_rating_check/);
  });
});
