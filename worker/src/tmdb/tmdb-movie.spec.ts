import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultTmdbDatasetDir } from '@reelrank/testing';
import { parseTmdbMovie, TmdbResponseError } from './tmdb-client';
import { toMovieDetails } from './tmdb-movie';

const sample = (file: string) => JSON.parse(readFileSync(path.join(defaultTmdbDatasetDir(), 'api-samples', file), 'utf8'));

describe('TMDB movie parsing and mapping', () => {
  /** The real /movie/550 answer as `append_to_response=credits,keywords` shapes it. */
  const fightClub = () => {
    const credits = sample('movie-550-credits.json');
    return {
      ...sample('movie-550.json'),
      credits: { cast: credits.cast, crew: credits.crew },
      keywords: { keywords: [{ id: 825, name: 'support group' }] },
    };
  };

  it('maps the real Fight Club answer to what Reelrank stores', () => {
    const details = toMovieDetails(parseTmdbMovie(JSON.stringify(fightClub())));
    expect(details).toMatchObject({
      overview: expect.stringMatching(/^A ticking-time-bomb insomniac/),
      tagline: 'Mischief. Mayhem. Soap.',
      runtime: 139,
      releaseDate: '1999-10-15',
      originalLanguage: 'en',
      posterPath: '/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg',
      backdropPath: '/hZkgoQYus5vegHoetLkCJzb17zJ.jpg',
      voteAverage: 8.44,
      voteCount: 27917,
      popularity: 93.958,
      genres: ['Drama'],
      keywords: ['support group'],
      directors: ['David Fincher'],
    });
    expect(details.cast).toHaveLength(10);
    expect(details.cast.slice(0, 3)).toEqual([
      { id: 819, name: 'Edward Norton', character: 'Narrator', profilePath: '/5XBzD5WuTyVQZeS4VI25z2moMeY.jpg', order: 0 },
      { id: 287, name: 'Brad Pitt', character: 'Tyler Durden', profilePath: '/cckcYc2v0yh1tc9QjRelptcOBko.jpg', order: 1 },
      { id: 1283, name: 'Helena Bonham Carter', character: 'Marla Singer', profilePath: '/hJMbNSPJ2PCahsP3rNEU39C8GWU.jpg', order: 2 },
    ]);
    expect(details.cast.map((member) => member.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('orders cast by billing order, not list position, and keeps every distinct director once', () => {
    const movie = parseTmdbMovie(
      JSON.stringify({
        id: 1,
        credits: {
          cast: [
            { id: 3, name: 'Third', character: 'C', profile_path: null, order: 2 },
            { id: 9, name: 'Unordered', character: '' },
            { id: 1, name: 'First', character: 'A', profile_path: '/a.jpg', order: 0 },
          ],
          crew: [
            { id: 7, name: 'Lana Wachowski', job: 'Director', department: 'Directing' },
            { id: 8, name: 'Lilly Wachowski', job: 'Director', department: 'Directing' },
            { id: 7, name: 'Lana Wachowski', job: 'Director', department: 'Directing' },
            { id: 9, name: 'Someone', job: 'Assistant Director', department: 'Directing' },
          ],
        },
      }),
    );
    const details = toMovieDetails(movie);
    expect(details.cast.map((member) => [member.name, member.order, member.character])).toEqual([
      ['First', 0, 'A'],
      ['Third', 2, 'C'],
      ['Unordered', 1, null],
    ]);
    expect(details.directors).toEqual(['Lana Wachowski', 'Lilly Wachowski']);
  });

  it('reads a sparse answer (the stub serves the 2017 dataset this way) as unknowns', () => {
    const details = toMovieDetails(
      parseTmdbMovie(
        JSON.stringify({
          id: 2,
          overview: '',
          tagline: '',
          runtime: 0,
          release_date: '',
          poster_path: null,
          backdrop_path: null,
          genres: [],
          credits: { cast: [], crew: [] },
          keywords: { keywords: [] },
          unknown_field: { anything: true },
        }),
      ),
    );
    expect(details).toEqual({
      overview: null,
      tagline: null,
      runtime: null,
      releaseDate: null,
      originalLanguage: null,
      posterPath: null,
      backdropPath: null,
      voteAverage: null,
      voteCount: null,
      popularity: null,
      genres: [],
      keywords: [],
      directors: [],
      cast: [],
    });
    expect(toMovieDetails(parseTmdbMovie('{"id":3,"release_date":"1999-02-31","runtime":81.6}'))).toMatchObject({
      releaseDate: null,
      runtime: 82,
    });
  });

  it('rejects bodies that are not movies', () => {
    expect(() => parseTmdbMovie('not json')).toThrow(TmdbResponseError);
    expect(() => parseTmdbMovie('{"title":"no id"}')).toThrow(/TMDB movie body is not a movie: id: /);
    expect(() => parseTmdbMovie('{"id":1,"genres":"Drama"}')).toThrow(/genres/);
  });
});
