import { AppError } from '@iris/core';
import { deleteExpiredIdempotencyKeys } from '../repositories/idempotency-key.repository.ts';
import type { JobHandler, TaskDeps } from '../task.ts';

/**
 * Deletes expired idempotency keys in batches until none are left. Safe to run twice or concurrently: a
 * second run finds nothing (or other rows) to delete.
 */
export function createPurgeIdempotencyKeysTask({
  db,
}: Pick<TaskDeps, 'db'>): JobHandler<'maintenance__purge_idempotency_keys'> {
  return async (payload, helpers) => {
    let deleted = 0;
    for (;;) {
      const batch = await deleteExpiredIdempotencyKeys(db, payload.batchSize);
      deleted += batch;
      if (batch < payload.batchSize) break;
      // Between batches, a shutting-down worker gives the job back (it is retried) rather than finish late.
      if (helpers.abortSignal.aborted) {
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          `Worker shutting down after purging ${deleted} keys; the retry continues`,
        );
      }
    }
    helpers.logger.info(`Purged ${deleted} expired idempotency keys`, {
      deleted,
      localDate: payload.localDate,
    });
  };
}
