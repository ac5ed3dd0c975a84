import type { DbOrTx } from '@iris/db';

export interface QueueHealth {
  /** The database's clock (the one graphile-worker schedules by). */
  databaseNow: Date;
  /** Jobs due now, not locked, with attempts left. */
  ready: number;
  /** Jobs that used all their attempts, by task: they stay in graphile_worker's table until someone acts. */
  permanentlyFailed: Array<{ task: string; count: number }>;
}

/** Reads graphile_worker's public `jobs` view (not its _private tables). */
export async function readQueueHealth(db: DbOrTx): Promise<QueueHealth> {
  const [summary] = await db.$queryRaw<Array<{ now: Date; ready: number }>>`
    SELECT now() AS now,
           count(*) FILTER (WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts)::int AS ready
    FROM graphile_worker.jobs`;
  const failed = await db.$queryRaw<Array<{ task: string; count: number }>>`
    SELECT task_identifier AS task, count(*)::int AS count
    FROM graphile_worker.jobs
    WHERE attempts >= max_attempts AND locked_at IS NULL
    GROUP BY task_identifier
    ORDER BY task_identifier`;
  if (!summary) throw new Error('queue health query returned no row');
  return { databaseNow: summary.now, ready: summary.ready, permanentlyFailed: failed };
}
