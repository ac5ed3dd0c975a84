import { inTransaction, type Tx } from '@iris/db';
import { enqueue, jobKeyFor, type EnqueuedJob } from '@iris/jobs';
import { dailyLocalRunDue } from '../local-schedule.ts';
import type { JobHandler, TaskDeps } from '../task.ts';

/** Nightly maintenance starts at this Europe/Stockholm wall-clock time. */
export const NIGHTLY_LOCAL_TIME = '02:00';

/**
 * The per-item jobs of one Stockholm night. Each carries a job key with the local date, so a repeated
 * enqueue for the same night (a retried or backfilled tick) updates the pending job instead of adding one.
 */
const NIGHTLY_JOBS: ReadonlyArray<(tx: Tx, localDate: string) => Promise<EnqueuedJob>> = [
  (tx, localDate) =>
    enqueue(
      tx,
      'maintenance__purge_idempotency_keys',
      { localDate },
      {
        jobKey: jobKeyFor('maintenance__purge_idempotency_keys', localDate),
      },
    ),
  (tx, localDate) =>
    enqueue(
      tx,
      'audit__purge_expired',
      { localDate },
      { jobKey: jobKeyFor('audit__purge_expired', localDate) },
    ),
  (tx, localDate) =>
    enqueue(
      tx,
      'webhook__purge_processed_events',
      { localDate },
      { jobKey: jobKeyFor('webhook__purge_processed_events', localDate) },
    ),
];

/**
 * Cron: every hour at minute 0 UTC (graphile-worker's cron speaks UTC only). The tick's own timestamp
 * (payload._cron.ts, also right for backfilled ticks) decides whether it is 02:00 in Stockholm; if so, the
 * night's jobs are enqueued together. It does no maintenance itself.
 */
export function createScheduleNightlyTask({
  db,
}: Pick<TaskDeps, 'db'>): JobHandler<'maintenance__schedule_nightly'> {
  return async (payload, helpers) => {
    const due = dailyLocalRunDue(new Date(payload._cron.ts), NIGHTLY_LOCAL_TIME);
    if (!due) return;
    // One after the other: a transaction is one connection, which runs one query at a time.
    const jobs = await inTransaction(db, async (tx) => {
      const added = [];
      for (const add of NIGHTLY_JOBS) added.push(await add(tx, due.localDate));
      return added;
    });
    helpers.logger.info(`Enqueued nightly maintenance for ${due.localDate}`, {
      localDate: due.localDate,
      jobs: jobs.map((job) => ({ id: job.id, task: job.name })),
    });
  };
}
