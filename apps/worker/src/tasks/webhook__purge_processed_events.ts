import { deleteWebhookEventsBefore } from '../repositories/webhook-event.repository.ts';
import type { JobHandler, TaskDeps } from '../task.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Nightly: forgets processed webhook deliveries older than `olderThanDays` (default 30). Safe to run twice. */
export function createPurgeWebhookEventsTask({
  db,
  clock,
}: Pick<TaskDeps, 'db' | 'clock'>): JobHandler<'webhook__purge_processed_events'> {
  return async (payload, helpers) => {
    const cutoff = new Date(clock.now().getTime() - payload.olderThanDays * DAY_MS);
    const deleted = await deleteWebhookEventsBefore(db, cutoff);
    helpers.logger.info(`Purged ${deleted} webhook deliveries recorded before ${cutoff.toISOString()}`, {
      deleted,
      localDate: payload.localDate,
    });
  };
}
