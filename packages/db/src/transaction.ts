import type { Db, Tx } from './client.ts';

/**
 * Runs `fn` in one transaction. Writes and the jobs they cause (graphile_worker.add_job through the same
 * transaction client) commit or roll back together.
 */
export function inTransaction<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  options: { isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable'; timeoutMs?: number } = {},
): Promise<T> {
  return db.$transaction(fn, {
    ...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
    timeout: options.timeoutMs ?? 10_000,
  });
}
