import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trip the sort key text and id exactly', () => {
    for (const position of [
      { key: '3.5000000000000000', id: 318 },
      { key: 'Shawshank Redemption, The', id: 1 },
      { key: 'Amélie ✓ "quoted"', id: 2 },
      { key: null, id: 0 },
      { key: '1700000000123456', id: 2 ** 31 - 1 },
    ]) {
      expect(decodeCursor(encodeCursor('movies:TITLE', position), 'movies:TITLE', position.key === null ? null : 'text')).toEqual(position);
    }
  });

  it('are opaque, URL-safe and stable', () => {
    const cursor = encodeCursor('movies:RATING', { key: '4.1', id: 7 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('4.1');
    expect(encodeCursor('movies:RATING', { key: '4.1', id: 7 })).toBe(cursor);
  });

  it('reject a cursor of another list or order, naming the argument', () => {
    const cursor = encodeCursor('movies:TITLE', { key: 'Heat', id: 6 });
    expect(() => decodeCursor(cursor, 'movies:YEAR', 'integer')).toThrow(GraphQLError);
    try {
      decodeCursor(cursor, 'movies:YEAR', 'integer');
    } catch (error) {
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong shape', Buffer.from(JSON.stringify({ key: 1 })).toString('base64url')],
    ['fractional id', Buffer.from(JSON.stringify(['users:ID', null, 1.5])).toString('base64url')],
    ['numeric key', Buffer.from(JSON.stringify(['users:ID', 5, 1])).toString('base64url')],
    ['id beyond a PostgreSQL integer', Buffer.from(JSON.stringify(['users:ID', null, 2 ** 31])).toString('base64url')],
    ['negative id', Buffer.from(JSON.stringify(['users:ID', null, -1])).toString('base64url')],
  ])('reject a malformed cursor (%s)', (_name, cursor) => {
    expect(() => decodeCursor(cursor, 'users:ID', null)).toThrow(/after: is not a valid cursor/);
  });

  it.each([
    ['integer', ['0', '-2147483648', '2147483647', '1995'], ['2147483648', '1.5', '1e3', ' 1', '', 'NaN', '0x10']],
    ['bigint', ['1700000000123456', '-9223372036854775808', '9223372036854775807'], ['9223372036854775808', '1.5', '1e15']],
    ['float8', ['3.5', '4.123456789012345', '0', '1e-05', '1.5e+300'], ['1e999', '-1e999', '1e-400', 'Infinity', 'NaN', '.5', '']],
    ['numeric', ['0.85714285714285714286', '1', '0'], ['1e999', 'NaN', '1.', '']],
    ['text', ['Heat', '', ' 1e999 '], ['Heat\u0000']],
  ] as const)('accept only %s keys PostgreSQL reads back', (type, good, bad) => {
    const cursor = (key: string) => encodeCursor('movies:X', { key, id: 1 });
    for (const key of good) expect(decodeCursor(cursor(key), 'movies:X', type)).toEqual({ key, id: 1 });
    for (const key of bad) expect(() => decodeCursor(cursor(key), 'movies:X', type)).toThrow(/after: is not a valid cursor/);
  });
});
