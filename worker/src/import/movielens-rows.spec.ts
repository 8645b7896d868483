import {
  headerProblem,
  isRejection,
  normaliseImdbId,
  parseGenres,
  parseId,
  parseLinkRow,
  parseMovieRow,
  parseRating,
  parseRatingRow,
  parseTagRow,
  parseTimestamp,
  Rejection,
  MovieIdSet,
  scanRatingLine,
  scanRatingLineAt,
  splitTitle,
} from './movielens-rows';

const movies = new Set([1, 2, 6003, 144606]);
const reason = (value: unknown) => (value instanceof Rejection ? value.reason : `accepted ${JSON.stringify(value)}`);

describe('splitTitle', () => {
  it.each([
    ['Toy Story (1995)', 'Toy Story', 1995],
    ['American President, The (1995)', 'American President, The', 1995],
    ['Twelve Monkeys (a.k.a. 12 Monkeys) (1995)', 'Twelve Monkeys (a.k.a. 12 Monkeys)', 1995],
    ['Léon: The Professional (a.k.a. The Professional) (Léon) (1994)', 'Léon: The Professional (a.k.a. The Professional) (Léon)', 1994],
    ['From Dusk Till Dawn 2: Texas Blood Money (1999) ', 'From Dusk Till Dawn 2: Texas Blood Money', 1999],
    ['  Runaway Brain (1995)  ', 'Runaway Brain', 1995],
    ['Death Note: Desu nôto (2006–2007)', 'Death Note: Desu nôto', 2006],
    ['Some Series (2010-)', 'Some Series', 2010],
    ['Babylon 5', 'Babylon 5', null],
    ['Hyena Road', 'Hyena Road', null],
    ['1492: Conquest of Paradise (1992)', '1492: Conquest of Paradise', 1992],
    ['2001: A Space Odyssey (1968)', '2001: A Space Odyssey', 1968],
    ['Movie (12345)', 'Movie (12345)', null],
    ['Too Early (1066)', 'Too Early (1066)', null],
    ['(1995)', '(1995)', null],
    ['Year Inside (1995) Text', 'Year Inside (1995) Text', null],
  ])('%j → %j, %p', (raw, title, year) => {
    expect(splitTitle(raw)).toEqual({ title, year });
  });
});

describe('parseGenres', () => {
  it('splits, trims and de-duplicates', () => {
    expect(parseGenres('Adventure|Animation| Children |Adventure')).toEqual(['Adventure', 'Animation', 'Children']);
  });
  it('maps "(no genres listed)" and empty to no genre', () => {
    expect(parseGenres('(no genres listed)')).toEqual([]);
    expect(parseGenres('')).toEqual([]);
    expect(parseGenres('Drama|(no genres listed)')).toEqual(['Drama']);
  });
});

describe('normaliseImdbId', () => {
  it.each([
    ['0114709', 'tt0114709'],
    ['114709', 'tt0114709'],
    ['tt0114709', 'tt0114709'],
    ['TT0114709', 'tt0114709'],
    ['10872600', 'tt10872600'],
    ['00114709', 'tt0114709'],
    [' 0114709 ', 'tt0114709'],
    ['', null],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseImdbId(raw)).toEqual(expected);
  });
  it.each(['abc', '0', 'tt', '12-34', '12345678901'])('rejects %j', (raw) => {
    expect(isRejection(normaliseImdbId(raw))).toBe(true);
  });
});

describe('scalar parsers', () => {
  it.each(['1', '610', '007', ' 42 ', '2147483647'])('accepts id %j', (raw) => expect(parseId(raw, 'userId')).toBe(Number(raw)));
  it.each(['0', '-1', 'abc', '1.5', '', '2147483648', '1e3', '+1'])('rejects id %j', (raw) => {
    expect(reason(parseId(raw, 'userId'))).toMatch(/^invalid userId/);
  });
  it.each([
    ['4.0', 4],
    ['4', 4],
    ['0.5', 0.5],
    ['5.0', 5],
    ['3.50', 3.5],
  ])('accepts rating %j', (raw, rating) => expect(parseRating(raw)).toBe(rating));
  it.each(['5.5', '0.3', '0', '0.0', 'abc', '', '-1', '4.25', 'NaN', 'Infinity', '1e0', '4.'])('rejects rating %j', (raw) => {
    expect(reason(parseRating(raw))).toMatch(/^invalid rating/);
  });
  it('parses Unix seconds and rejects the rest', () => {
    expect(parseTimestamp('964982703')).toBe(964982703);
    expect(parseTimestamp('0')).toBe(0);
    for (const raw of ['-1', 'yesterday', '', '1.5', '99999999999']) expect(isRejection(parseTimestamp(raw))).toBe(true);
  });
});

describe('row parsers', () => {
  it('parses a movie', () => {
    expect(parseMovieRow(['1', 'Toy Story (1995)', 'Adventure|Animation'])).toEqual({
      movieId: 1,
      title: 'Toy Story',
      year: 1995,
      genres: ['Adventure', 'Animation'],
    });
    expect(parseMovieRow(['2', 'Babylon 5', '(no genres listed)'])).toEqual({ movieId: 2, title: 'Babylon 5', year: null, genres: [] });
  });
  it('rejects bad movies with a reason', () => {
    expect(reason(parseMovieRow(['1', 'Toy Story (1995)']))).toBe('expected 3 columns, got 2');
    expect(reason(parseMovieRow(['x', 'Toy Story (1995)', 'Drama']))).toMatch(/^invalid movieId "x"/);
    expect(reason(parseMovieRow(['3', '  ', 'Drama']))).toBe('empty title');
  });
  it('parses links, keeping tmdbId empty as null, and checks the movie', () => {
    expect(parseLinkRow(['1', '0114709', '862'], movies)).toEqual({ movieId: 1, imdbId: 'tt0114709', tmdbId: 862 });
    expect(parseLinkRow(['6003', '0290538', ''], movies)).toEqual({ movieId: 6003, imdbId: 'tt0290538', tmdbId: null });
    expect(reason(parseLinkRow(['99', '0114709', '862'], movies))).toBe('unknown movieId 99: not in movies.csv');
    expect(reason(parseLinkRow(['1', '0114709', 'x'], movies))).toMatch(/^invalid tmdbId/);
  });
  it('parses ratings and checks the movie', () => {
    expect(parseRatingRow(['1', '2', '4.5', '964982703'], movies)).toEqual({ userId: 1, movieId: 2, rating: 4.5, timestamp: 964982703 });
    expect(reason(parseRatingRow(['1', '99', '4.5', '964982703'], movies))).toBe('unknown movieId 99: not in movies.csv');
    expect(reason(parseRatingRow(['1', '2', '5.5', '964982703'], movies))).toMatch(/^invalid rating "5.5"/);
    expect(reason(parseRatingRow(['1', '2', '4.5'], movies))).toBe('expected 4 columns, got 3');
    expect(reason(parseRatingRow(['1', '2', '4.5', '1', '2'], movies))).toBe('expected 4 columns, got 5');
  });
  it('takes user ids up to 10,000,000 (the ids above are sign-up accounts)', () => {
    expect(parseRatingRow(['10000000', '2', '4.5', '1'], movies)).toMatchObject({ userId: 10_000_000 });
    expect(reason(parseRatingRow(['10000001', '2', '4.5', '1'], movies))).toBe('userId 10000001 outside the supported range 1–10000000');
    expect(reason(parseTagRow(['2147483647', '1', 'x', '1'], movies))).toBe('userId 2147483647 outside the supported range 1–10000000');
    expect(reason(parseRatingRow(['2147483648', '2', '4.5', '1'], movies))).toMatch(/^invalid userId "2147483648": out of range/);
  });
  it('trims tags, rejects empty ones and keys them case-insensitively', () => {
    expect(parseTagRow(['2', '1', '  Highly Quotable ', '1445714996'], movies)).toEqual({
      userId: 2,
      movieId: 1,
      tag: 'Highly Quotable',
      tagKey: 'highly quotable',
      timestamp: 1445714996,
    });
    expect((parseTagRow(['2', '1', 'ÜBER', '1'], movies) as { tagKey: string }).tagKey).toBe('über');
    expect(reason(parseTagRow(['2', '1', '   ', '1445714996'], movies))).toBe('empty tag');
    expect(reason(parseTagRow(['2', '1', 'a\u0000b', '1'], movies))).toBe('contains a NUL character');
  });
});

describe('headerProblem', () => {
  const expected = ['userId', 'movieId', 'rating', 'timestamp'];
  it('accepts the header, also quoted or padded', () => {
    expect(headerProblem('userId,movieId,rating,timestamp', expected)).toBeUndefined();
    expect(headerProblem('"userId", movieId ,rating,timestamp', expected)).toBeUndefined();
  });
  it('explains a wrong header', () => {
    expect(headerProblem('user,movie,rating', expected)).toBe(
      'expected header "userId,movieId,rating,timestamp", found "user,movie,rating"',
    );
  });
});

describe('MovieIdSet', () => {
  it('answers like a Set, below and above the bitmap range', () => {
    const ids = [1, 7, 8, 255, 170875, 2 ** 24, 2147483647];
    const set = new MovieIdSet(ids);
    for (const id of [...ids, 0, 2, 6, 9, 254, 256, 170874, 2 ** 24 - 1, 2 ** 24 + 1, 2147483646])
      expect(set.has(id)).toBe(ids.includes(id));
    expect(new MovieIdSet([]).has(1)).toBe(false);
  });
});

describe('scanRatingLine (fast path)', () => {
  const scan = (line: string) => {
    const out = { userId: 0, movieId: 0, rating: 0, timestamp: 0 };
    return scanRatingLine(line, out) ? out : undefined;
  };

  it('reads canonical lines', () => {
    expect(scan('1,31,2.5,1260759144')).toEqual({ userId: 1, movieId: 31, rating: 2.5, timestamp: 1260759144 });
    expect(scan('610,170875,3.0,1493846415')).toEqual({ userId: 610, movieId: 170875, rating: 3, timestamp: 1493846415 });
    expect(scan('1,2,5,0')).toEqual({ userId: 1, movieId: 2, rating: 5, timestamp: 0 });
    expect(scan('1,2,4.50,1')).toEqual({ userId: 1, movieId: 2, rating: 4.5, timestamp: 1 });
  });

  // Whatever the fast path declines goes through the general path, which must decide the same way.
  it.each([
    '',
    ' 1,2,4.0,1',
    '1,2,4.0,1 ',
    '1,2,4.0',
    '1,2,4.0,1,9',
    '"1",2,4.0,1',
    '0,2,4.0,1',
    '1,0,4.0,1',
    '1,2,5.5,1',
    '1,2,0.3,1',
    '1,2,0,1',
    '1,2,4.25,1',
    '1,2,abc,1',
    '1,2,4.,1',
    '1,2,.5,1',
    '1,2,4.0,-1',
    '1,2,4.0,1.5',
    '2147483648,2,4.0,1',
    '10000001,2,4.0,1',
    '1,2,4.0,99999999999',
    '1,,4.0,1',
    ',2,4.0,1',
    '1,2,,1',
    '1,2,4.0,',
    '1,2,4.0000001,1',
    '1,2,100,1',
  ])('declines %j, as the general path rejects or normalises it', (line) => {
    expect(scan(line)).toBeUndefined();
  });

  it('finds the end of the line itself in scanRatingLineAt (LF, CRLF, or the end of the data)', () => {
    const out = { userId: 0, movieId: 0, rating: 0, timestamp: 0 };
    const data = Buffer.from('1,2,4.0,1\n3,4,0.5,2\r\n5,6,1,3\r7,8,2.5,4 \n9,9,9,9\n10,11,3.0,5');
    const ends: number[] = [];
    for (let at = 0; at < data.length;) {
      const lf = scanRatingLineAt(data, at, data.length, out);
      ends.push(lf);
      if (lf < 0) break;
      at = lf + 1;
    }
    expect(ends).toEqual([9, 20, -1]); // "5,6,1,3\r7,…": a CR not followed by LF is not a line end
    expect(scanRatingLineAt(data, data.indexOf('10,'), data.length, out)).toBe(data.length);
    expect(out).toEqual({ userId: 10, movieId: 11, rating: 3, timestamp: 5 });
    expect(scanRatingLineAt(Buffer.from('1,2,4.0,1\r'), 0, 10, out)).toBe(10);
    for (const line of ['7,8,2.5,4 ', '9,9,9,9']) expect(scanRatingLineAt(Buffer.from(`${line}\n`), 0, line.length + 1, out)).toBe(-1);
  });

  it('agrees with parseRatingRow on every line it accepts', () => {
    const any = { has: () => true };
    for (const line of ['1,2,4.0,1', '99,123456,0.5,964982703', '7,7,3.50,1', '10000000,2147483647,5.0,4102444800']) {
      expect(scan(line)).toEqual(parseRatingRow(line.split(','), any));
    }
  });
});
