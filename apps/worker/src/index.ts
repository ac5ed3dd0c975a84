export { startWorker, type StartWorkerOptions, type WorkerHandle } from './worker.ts';
export { createTaskList, createJobHandlers } from './task-list.ts';
export {
  createWorkerMetrics,
  instrumentTask,
  startMetricsServer,
  type MetricsServer,
  type MetricsServerOptions,
  type WorkerMetrics,
} from './metrics.ts';
export { CRONTAB, parsedCrontab } from './crontab.ts';
export { dailyLocalRunDue, type LocalRun } from './local-schedule.ts';
export { loadWorkerEnv, type WorkerEnv } from './env.ts';
