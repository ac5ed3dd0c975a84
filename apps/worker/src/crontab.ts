import { parseCrontab, type ParsedCronItem } from 'graphile-worker';

/**
 * The worker's recurring jobs, in graphile-worker's crontab format:
 *   minute hour day-of-month month day-of-week task ?options {payload}
 *
 * - Patterns are matched in UTC (graphile-worker digests each tick with getUTC*), never in local time.
 *   Schedules stated in Stockholm time tick hourly and let the task decide (src/local-schedule.ts).
 * - Every line has a stable `id`: graphile-worker remembers each id's last run (known_crontabs) for
 *   backfilling and de-duplication across worker instances. Renaming an id forgets that history.
 * - `max` matches the job's maxAttempts in @iris/jobs (cron does not read the registry; a test checks it).
 * - A cron task only enqueues per-item jobs (the heartbeat is its own single item).
 */
export const CRONTAB = `
# Liveness and queue gauges, every minute. A pending heartbeat is replaced, never queued behind another.
* * * * * system__heartbeat ?id=system_heartbeat&max=1&jobKey=system__heartbeat

# 02:00 Europe/Stockholm, nightly: hourly UTC tick, the task enqueues once per local night.
# fill=6h: a worker that was down at 02:00 and is back within six hours still runs that night.
0 * * * * maintenance__schedule_nightly ?id=maintenance_schedule_nightly&max=5&fill=6h

# Standing orders due now (nextRunAt ≤ now): the tick only enqueues standing_order__place per run.
*/5 * * * * standing_order__schedule_due ?id=standing_order_schedule_due&max=3
`;

export function parsedCrontab(): ParsedCronItem[] {
  return parseCrontab(CRONTAB);
}
