import { badUserInput } from './errors';

/** What a cursor holds: the value of the sort key (as text, exactly as SQL produced it) and the row id. */
export interface CursorPosition {
  key: string | null;
  id: number;
}

/**
 * Opaque, stable cursors: base64url of `[kind, key, id]`. `kind` names the list and its order (e.g.
 * `movies:TITLE`), so a cursor from another list or order is rejected instead of silently misused.
 */
export function encodeCursor(kind: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([kind, position.key, position.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor for `kind`; throws BAD_USER_INPUT naming `field` otherwise. */
export function decodeCursor(cursor: string, kind: string, field = 'after'): CursorPosition {
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
  if (cursorKind !== kind || !(typeof key === 'string' || key === null) || !Number.isSafeInteger(id)) throw invalid();
  return { key, id: id as number };
}
