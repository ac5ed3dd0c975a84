import { AppError } from '@iris/core';
import { decodeCursor } from '../../list-query.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidCursor(): AppError {
  return new AppError('VALIDATION_FAILED', 'The cursor is not valid for this list.', {
    issues: [{ path: 'cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
  });
}

/** Lists sorted by name: the cursor holds the (name, id) of the last item. */
export function afterName(cursor: string | undefined): { name: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [name, id] = decodeCursor(cursor, 2);
  if (typeof name !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw invalidCursor();
  return { name, id };
}

/** Lists sorted by time: the cursor holds the (ISO time, id) of the last item. */
export function afterTime(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id) || Number.isNaN(Date.parse(at))) {
    throw invalidCursor();
  }
  return { at: new Date(at), id };
}
