import { Logger as GraphileLogger, type LogLevel } from 'graphile-worker';
import type { Logger } from '@iris/core';

type PinoMethod = 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Record<LogLevel, PinoMethod> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
};

/**
 * graphile-worker attaches the whole job (payload included) to some log lines; payloads may carry personal
 * data, so only the job's identity and attempt count reach the log.
 */
function sanitiseMeta(meta: Record<string, unknown>): Record<string, unknown> {
  const { job, error, ...rest } = meta;
  const out: Record<string, unknown> = { ...rest };
  if (job !== null && typeof job === 'object') {
    const { id, task_identifier, attempts, max_attempts } = job as Record<string, unknown>;
    out['job'] = { id, task: task_identifier, attempts, maxAttempts: max_attempts };
  }
  // pino serialises `err` (message, stack, type); `error` would be logged as a bare object.
  if (error !== undefined) out['err'] = error;
  return out;
}

/** graphile-worker's logger writing through our pino logger, with its scope (worker, task, job) as bindings. */
export function toGraphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const bindings: Record<string, unknown> = { component: 'graphile-worker' };
    if (scope.label !== undefined) bindings['label'] = scope.label;
    if (scope.workerId !== undefined) bindings['workerId'] = scope.workerId;
    if (scope.taskIdentifier !== undefined) bindings['task'] = scope.taskIdentifier;
    if (scope.jobId !== undefined) bindings['jobId'] = scope.jobId;
    const child = logger.child(bindings);
    return (level, message, meta) => {
      child[LEVELS[level]](sanitiseMeta(meta), message);
    };
  });
}

/** For set-up runs whose chatter nobody reads (test templates). */
export const silentGraphileLogger = new GraphileLogger(() => () => {});
