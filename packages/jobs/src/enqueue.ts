import { AppError } from '@iris/core';
import type { Tx } from '@iris/db';
import { z } from 'zod';
import { jobPayloadInvalid } from './errors.ts';
import { JOBS, parseJobPayload, type JobName, type JobPayloadInput } from './registry.ts';
import { WORKER_SCHEMA } from './schema.ts';

/**
 * Anything that can run a raw query: the transaction client of the write that causes the job (the usual
 * case: the job commits or rolls back with the write), or the plain client when there is no write.
 */
export type JobQueueClient = Pick<Tx, '$queryRaw'>;

export const ZEnqueueOptions = z.strictObject({
  /**
   * Identifies a pending job: enqueueing again with the same key updates that job instead of adding one
   * (until it has run: a completed job is deleted, so the key is free again).
   */
  jobKey: z.string().min(1).max(512).optional(),
  /**
   * 'replace' (default) also moves run_at; 'preserve_run_at' keeps the pending job's run_at (both reset a
   * waiting retry's attempts); 'unsafe_dedupe' leaves an existing job with the key exactly as it is (a
   * cron tick that finds work still queued or retrying must not restart its retries).
   */
  jobKeyMode: z.enum(['replace', 'preserve_run_at', 'unsafe_dedupe']).optional(),
  /** Not before this instant (default: now). */
  runAt: z.date().optional(),
  /** Attempts before the job is left failed for review (default: the job's own maxAttempts). */
  maxAttempts: z.number().int().min(1).max(32_767).optional(),
  /** Jobs in one named queue run one at a time, in order. Keep the number of names small. */
  queueName: z.string().min(1).max(128).optional(),
  /** Lower runs first (default 0). */
  priority: z.number().int().min(-32_768).max(32_767).optional(),
});
export type EnqueueOptions = z.input<typeof ZEnqueueOptions>;

export interface EnqueuedJob {
  /** graphile_worker job id (a bigint, as a string). */
  id: string;
  name: JobName;
  runAt: Date;
  key: string | null;
}

/** Validates the options of an enqueue of `name`; bad options are a programmer error (JOB_PAYLOAD_INVALID). */
export function parseEnqueueOptions(
  name: JobName,
  options: EnqueueOptions,
): z.output<typeof ZEnqueueOptions> {
  const result = ZEnqueueOptions.safeParse(options);
  if (!result.success) throw jobPayloadInvalid('Invalid enqueue options', name, result.error);
  return result.data;
}

/**
 * Validates `payload` with the job's zod schema and adds the job through `tx` with
 * graphile_worker.add_job, so it becomes visible to workers only when `tx` commits.
 * Throws AppError JOB_PAYLOAD_INVALID (status 500, before touching the database) for a bad payload or
 * options: the code that enqueues is wrong, not the client whose request caused the job.
 */
export async function enqueue<N extends JobName>(
  tx: JobQueueClient,
  name: N,
  payload: JobPayloadInput<N>,
  options: EnqueueOptions = {},
): Promise<EnqueuedJob> {
  const parsed = parseJobPayload(name, payload);
  const opts = parseEnqueueOptions(name, options);
  const rows = await tx.$queryRaw<Array<{ id: string; run_at: Date; key: string | null }>>`
    SELECT job.id::text AS id, job.run_at, job.key
    FROM graphile_worker.add_job(
      identifier   => ${name}::text,
      payload      => ${JSON.stringify(parsed)}::json,
      queue_name   => ${opts.queueName ?? null}::text,
      run_at       => ${opts.runAt ?? null}::timestamptz,
      max_attempts => ${opts.maxAttempts ?? JOBS[name].maxAttempts}::integer,
      job_key      => ${opts.jobKey ?? null}::text,
      priority     => ${opts.priority ?? null}::integer,
      job_key_mode => ${opts.jobKeyMode ?? 'replace'}::text
    ) AS job`;
  const row = rows[0];
  if (!row) {
    // add_job returns the new or updated row in the modes we allow; no row means the schema is not what we expect.
    throw new AppError('INTERNAL', `${WORKER_SCHEMA}.add_job returned no job for "${name}"`);
  }
  return { id: row.id, name, runAt: row.run_at, key: row.key };
}

/** What services receive through their constructor (a recording fake in unit tests, see testing.ts). */
export interface JobQueue {
  enqueue<N extends JobName>(
    tx: JobQueueClient,
    name: N,
    payload: JobPayloadInput<N>,
    options?: EnqueueOptions,
  ): Promise<EnqueuedJob>;
}

/** The real queue: graphile_worker in the same PostgreSQL database. */
export const graphileJobQueue: JobQueue = { enqueue };
