import type { DbOrTx } from '@iris/db';

/**
 * Deletes up to `limit` idempotency keys whose expiresAt has passed (database time), soft-deleted ones
 * included: purging is the point. SKIP LOCKED keeps two concurrent purges (or a purge and a request
 * touching a key) from waiting on each other. Returns how many rows went.
 */
export async function deleteExpiredIdempotencyKeys(db: DbOrTx, limit: number): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "idempotency_key"
    WHERE "id" IN (
      SELECT "id" FROM "idempotency_key"
      WHERE "expiresAt" < now()
      ORDER BY "expiresAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )`;
}
