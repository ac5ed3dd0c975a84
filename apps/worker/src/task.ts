import type { Clock, Logger } from '@iris/core';
import type { Db } from '@iris/db';
import { parseJobPayload, type JobName, type JobPayload } from '@iris/jobs';
import type { JobHelpers, Task } from 'graphile-worker';
import type { WorkerAreaServices } from './areas.ts';
import type { WorkerMetrics } from './metrics.ts';

/** What tasks may use; built once in worker.ts. */
export interface TaskDeps {
  db: Db;
  metrics: WorkerMetrics;
  clock: Clock;
  logger: Logger;
  /** How long audit entries are kept (AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
  /** The business services (notifications, ordering, standing orders) jobs act through. */
  areas: WorkerAreaServices;
}

/** A task body: receives its payload already parsed with the job's zod schema. */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, helpers: JobHelpers) => Promise<void>;

/** One handler per registered job: adding a job to @iris/jobs without a handler fails the type check. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/**
 * The graphile-worker task for a handler. Parsing is the first thing it does: a bad payload fails the
 * attempt with AppError JOB_PAYLOAD_INVALID (retried with backoff like any failure, then left for review).
 */
export function toTask<N extends JobName>(name: N, handler: JobHandler<N>): Task {
  return async (rawPayload, helpers) => {
    const payload = parseJobPayload(name, rawPayload);
    await handler(payload, helpers);
  };
}

/**
 * True on the attempt after which graphile-worker gives up (attempts counts the attempt in progress). A
 * task whose failure needs a person writes its own "needs review" state here, before rethrowing.
 */
export function isFinalAttempt(helpers: Pick<JobHelpers, 'job'>): boolean {
  return helpers.job.attempts >= helpers.job.max_attempts;
}
