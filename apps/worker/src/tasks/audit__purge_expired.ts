import { inTransaction } from '@iris/db';
import { AuditLog } from '@iris/identity/audit';
import type { JobHandler, TaskDeps } from '../task.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention of the audit log: deletes entries older than AUDIT_RETENTION_DAYS (the one deletion the table's
 * trigger allows, announced by a transaction-local setting). Safe to run twice: the second run finds less.
 */
export function createPurgeAuditTask({
  db,
  clock,
  auditRetentionDays,
}: Pick<TaskDeps, 'db' | 'clock' | 'auditRetentionDays'>): JobHandler<'audit__purge_expired'> {
  const audit = new AuditLog(db);
  return async (payload, helpers) => {
    const retentionDays = payload.retentionDays ?? auditRetentionDays;
    const cutoff = new Date(clock.now().getTime() - retentionDays * DAY_MS);
    const deleted = await inTransaction(db, (tx) => audit.purgeOlderThan(cutoff, tx));
    helpers.logger.info(`Purged ${deleted} audit entries older than ${cutoff.toISOString()}`, {
      deleted,
      retentionDays,
      localDate: payload.localDate,
    });
  };
}
