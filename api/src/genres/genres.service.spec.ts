import type { PrismaService } from '../prisma/prisma.service';
import { GenresService } from './genres.service';

describe('GenresService.list', () => {
  it('shares one read between callers at once, and reads again after it answered', async () => {
    let reads = 0;
    const prisma = { $queryRaw: async () => [{ id: 1, name: `Drama ${++reads}`, movieCount: 3 }] } as unknown as PrismaService;
    const genres = new GenresService(prisma);

    const together = await Promise.all(Array.from({ length: 16 }, () => genres.list()));
    expect(reads).toBe(1);
    expect(new Set(together).size).toBe(1);

    expect(await genres.list()).toEqual([{ id: 1, name: 'Drama 2', movieCount: 3 }]);
    expect(reads).toBe(2);
  });
});
