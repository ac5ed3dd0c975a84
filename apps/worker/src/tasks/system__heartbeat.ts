import { readQueueHealth } from '../repositories/queue-health.repository.ts';
import type { JobHandler, TaskDeps } from '../task.ts';

/**
 * Runs every minute from cron. That the job ran at all proves the worker is alive and picking up jobs; it
 * also probes the database and refreshes the queue gauges, so "the worker is down", "the queue is backed up"
 * and "jobs are waiting for review" are all visible on /metrics.
 */
export function createHeartbeatTask({
  db,
  metrics,
}: Pick<TaskDeps, 'db' | 'metrics'>): JobHandler<'system__heartbeat'> {
  return async (_payload, helpers) => {
    const health = await readQueueHealth(db);
    const nowSeconds = health.databaseNow.getTime() / 1000;
    metrics.heartbeatTimestamp.set(nowSeconds);
    metrics.queueLag.set(Math.max(0, nowSeconds - helpers.job.run_at.getTime() / 1000));
    metrics.jobsReady.set(health.ready);
    metrics.jobsPermanentlyFailed.reset();
    for (const { task, count } of health.permanentlyFailed)
      metrics.jobsPermanentlyFailed.set({ task }, count);
    if (health.permanentlyFailed.length > 0) {
      helpers.logger.warn('Jobs are waiting for review (all attempts used)', {
        permanentlyFailed: health.permanentlyFailed,
      });
    }
  };
}
