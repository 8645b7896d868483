import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import type { Genre } from './models/genre.model';

@Injectable()
export class GenresService {
  constructor(private readonly prisma: PrismaService) {}

  private listing?: Promise<Required<Genre>[]>;

  /** Every genre by name, with its number of movies. Callers at once (aliases of one query too) share one read. */
  list(): Promise<Required<Genre>[]> {
    this.listing ??= this.readList().finally(() => (this.listing = undefined));
    return this.listing;
  }

  private readList(): Promise<Required<Genre>[]> {
    return this.prisma.$queryRaw<Required<Genre>[]>`
      SELECT g.id, g.name, count(mg.movie_id)::integer AS "movieCount"
      FROM genres g LEFT JOIN movie_genres mg ON mg.genre_id = g.id
      GROUP BY g.id
      ORDER BY g.name`;
  }

  /** Batch for the loader: genres of each movie, by name. */
  async genresOfMovies(movieIds: readonly number[]): Promise<Map<number, Genre[]>> {
    const rows = await this.prisma.movieGenre.findMany({
      where: { movieId: { in: [...movieIds] } },
      select: { movieId: true, genre: { select: { id: true, name: true } } },
      orderBy: { genre: { name: 'asc' } },
    });
    const result = new Map<number, Genre[]>();
    for (const { movieId, genre } of rows) result.set(movieId, [...(result.get(movieId) ?? []), genre]);
    return result;
  }

  /** Batch for the loader: number of movies of each genre. */
  async movieCounts(genreIds: readonly number[]): Promise<Map<number, number>> {
    const rows = await this.prisma.movieGenre.groupBy({
      by: ['genreId'],
      where: { genreId: { in: [...genreIds] } },
      _count: { _all: true },
    });
    return new Map(rows.map((row) => [row.genreId, row._count._all]));
  }
}
