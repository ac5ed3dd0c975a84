import type { WorkerAreaServices } from '../areas.ts';
import type { JobHandler } from '../task.ts';

/**
 * Cron, every 5 minutes: enqueues standing_order__place for each standing order due now (active,
 * nextRunAt ≤ now), one job per (standing order, delivery date) through its job key. It places nothing
 * itself; a tick that runs twice, or finds a run still queued, enqueues nothing new.
 */
export function createScheduleStandingOrdersTask({
  areas,
}: {
  areas: Pick<WorkerAreaServices, 'repeatBuying'>;
}): JobHandler<'standing_order__schedule_due'> {
  return async (_payload, helpers) => {
    const enqueued = await areas.repeatBuying.standingOrderRunner.enqueueDue();
    if (enqueued.length > 0) {
      helpers.logger.info(`Enqueued ${enqueued.length} standing order run(s)`, { runs: enqueued });
    }
  };
}
