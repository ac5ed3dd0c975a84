import { AppError } from '@iris/core';
import { decodeCursor } from '../../list-query.ts';

/** A (createdAt, id) keyset cursor back to its position; anything else is 400 VALIDATION_FAILED. */
export function afterOf(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [createdAt, id] = decodeCursor(cursor, 2);
  if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid for this list.', {
      issues: [{ path: 'cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
    });
  }
  return { createdAt: new Date(createdAt), id };
}
