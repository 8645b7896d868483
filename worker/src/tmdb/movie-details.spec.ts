import type { MovieToEnrich } from '@reelrank/workflows';
import { MOVIE_DETAILS_COLUMNS, movieDetailsRow } from './movie-details';

const movie: MovieToEnrich = { movieId: 2959, tmdbId: 550 };
const fetchedAt = new Date('2026-11-25T10:00:00Z');

describe('movieDetailsRow', () => {
  it('writes what toMovieDetails keeps of a found movie, the cast as JSON', () => {
    const row = movieDetailsRow(movie, {
      status: 'found',
      source: 'api',
      fetchedAt,
      movie: {
        id: 550,
        tagline: 'Mischief. Mayhem. Soap.',
        runtime: 139,
        release_date: '1999-10-15',
        vote_average: 8.4,
        genres: [{ id: 18, name: 'Drama' }],
        credits: {
          cast: [{ id: 287, name: 'Brad Pitt', character: 'Tyler Durden', order: 1 }],
          crew: [{ id: 7467, name: 'David Fincher', job: 'Director' }],
        },
      },
    });
    expect(row).toEqual({
      movie_id: 2959,
      tmdb_id: 550,
      status: 'ENRICHED',
      overview: null,
      tagline: 'Mischief. Mayhem. Soap.',
      runtime: 139,
      release_date: '1999-10-15',
      original_language: null,
      poster_path: null,
      backdrop_path: null,
      vote_average: 8.4,
      vote_count: null,
      popularity: null,
      genres: ['Drama'],
      keywords: [],
      directors: ['David Fincher'],
      cast: JSON.stringify([{ id: 287, name: 'Brad Pitt', character: 'Tyler Durden', profilePath: null, order: 1 }]),
      fetched_at: fetchedAt,
    });
  });

  it('writes a NOT_FOUND row without data, its lists empty', () => {
    const row = movieDetailsRow(movie, { status: 'not_found', source: 'cache', fetchedAt });
    expect(row).toMatchObject({ movie_id: 2959, tmdb_id: 550, status: 'NOT_FOUND', fetched_at: fetchedAt, cast: null });
    expect([row.genres, row.keywords, row.directors]).toEqual([[], [], []]);
    const data = MOVIE_DETAILS_COLUMNS.filter((column) => !['movie_id', 'tmdb_id', 'status', 'fetched_at'].includes(column));
    expect(data.filter((column) => row[column] !== null && !Array.isArray(row[column]))).toEqual([]);
  });

  it('has a value for every column the upsert writes, and nothing else', () => {
    const found = movieDetailsRow(movie, { status: 'found', source: 'api', fetchedAt, movie: { id: 550 } });
    const notFound = movieDetailsRow(movie, { status: 'not_found', source: 'api', fetchedAt });
    for (const row of [found, notFound]) expect(Object.keys(row).sort()).toEqual([...MOVIE_DETAILS_COLUMNS].sort());
  });
});
