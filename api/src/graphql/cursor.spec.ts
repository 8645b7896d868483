import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trip the sort key text and id exactly', () => {
    for (const position of [
      { key: '3.5000000000000000', id: 318 },
      { key: 'Shawshank Redemption, The', id: 1 },
      { key: 'Amélie ✓ "quoted"', id: 2 },
      { key: null, id: 0 },
      { key: '1700000000123456', id: Number.MAX_SAFE_INTEGER },
    ]) {
      expect(decodeCursor(encodeCursor('movies:TITLE', position), 'movies:TITLE')).toEqual(position);
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
    expect(() => decodeCursor(cursor, 'movies:YEAR')).toThrow(GraphQLError);
    try {
      decodeCursor(cursor, 'movies:YEAR');
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
  ])('reject a malformed cursor (%s)', (_name, cursor) => {
    expect(() => decodeCursor(cursor, 'users:ID')).toThrow(/after: is not a valid cursor/);
  });
});
