import { badUserInput } from './errors';

/** What a cursor holds: the value of the sort key (as text, exactly as SQL produced it) and the row id. */
export interface CursorPosition {
  key: string | null;
  id: number;
}

/** The SQL type a cursor's key is cast back to (null: the list is ordered by id alone and its cursors hold no key). */
export type CursorKeyType = 'integer' | 'bigint' | 'float8' | 'numeric' | 'text' | null;

const INT4 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** Whether `key` is text that PostgreSQL reads as a value of `type` (a forged key must not reach SQL). */
function isKeyOf(type: CursorKeyType, key: unknown): boolean {
  if (type === null) return key === null;
  if (typeof key !== 'string') return false;
  switch (type) {
    case 'text':
      return !key.includes('\u0000');
    case 'integer':
      return /^-?\d{1,10}$/.test(key) && Number(key) >= INT4.min && Number(key) <= INT4.max;
    case 'bigint':
      return /^-?\d{1,19}$/.test(key) && BigInt(key) >= INT8.min && BigInt(key) <= INT8.max;
    case 'numeric':
      return /^-?\d{1,100}(\.\d{1,100})?$/.test(key);
    case 'float8': {
      const match = /^-?(\d{1,30}(?:\.\d{1,30})?)(?:e[+-]?\d{1,3})?$/i.exec(key);
      if (!match) return false;
      const value = Number(key);
      // PostgreSQL refuses what overflows to infinity or underflows to zero (a zero is only a zero).
      return Number.isFinite(value) && (value !== 0 || /^[0.]+$/.test(match[1]));
    }
  }
}

/**
 * Opaque, stable cursors: base64url of `[kind, key, id]`. `kind` names the list and its order (e.g.
 * `movies:TITLE`), so a cursor from another list or order is rejected instead of silently misused.
 */
export function encodeCursor(kind: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([kind, position.key, position.id]), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by encodeCursor for `kind`, whose key is of `keyType` and whose id is a PostgreSQL
 * integer (0 or more); throws BAD_USER_INPUT naming `field` otherwise.
 */
export function decodeCursor(cursor: string, kind: string, keyType: CursorKeyType, field = 'after'): CursorPosition {
  const invalid = () => badUserInput(field, 'is not a valid cursor for this list and order');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw invalid();
  const [cursorKind, key, id] = decoded as unknown[];
  if (cursorKind !== kind || !isKeyOf(keyType, key) || !Number.isInteger(id) || (id as number) < 0 || (id as number) > INT4.max) {
    throw invalid();
  }
  return { key: key as string | null, id: id as number };
}
