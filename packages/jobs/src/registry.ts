import { AppError } from '@iris/core';
import { z } from 'zod';
import { jobPayloadInvalid } from './errors.ts';

/**
 * Every job Iris runs, by name, with the zod schema of its payload. Names are `area__action`.
 *
 * Payloads travel as JSON through graphile_worker and are parsed twice: at enqueue time and first thing in the
 * task (the row may have been written by SQL, by cron or by an older deploy). Either way a bad payload is
 * a bug in our code, not the client's (its input was validated by its own schema), so it is
 * JOB_PAYLOAD_INVALID, a 500. A schema must accept its own output: plain JSON types (ISO strings for
 * instants, decimal strings for money), defaults allowed, no transforms.
 */

/** What graphile-worker's cron adds to the payload of the jobs it schedules: the UTC tick it fired for. */
export const zCronMeta = z.object({
  ts: z.iso.datetime({ offset: true }),
  backfilled: z.boolean().optional(),
});
export type CronMeta = z.infer<typeof zCronMeta>;

/** yyyy-MM-dd (a calendar date, e.g. a Stockholm business date). */
export const zLocalDate = z.iso.date();

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Parsed at enqueue and again in the task. */
  schema: S;
  /** Attempts unless the caller says otherwise; graphile-worker's own default (25) is days of retrying. */
  maxAttempts: number;
  /** One line for docs and logs. */
  description: string;
}

function defineJob<S extends z.ZodType>(schema: S, options: Omit<JobDefinition, 'schema'>): JobDefinition<S> {
  return { schema, ...options };
}

type JobNamePattern = `${string}__${string}`;

export const JOBS = {
  system__heartbeat: defineJob(z.strictObject({ _cron: zCronMeta.optional() }), {
    maxAttempts: 1,
    description:
      'Proves the worker picks up jobs: probes the database and updates the liveness and queue gauges.',
  }),
  maintenance__schedule_nightly: defineJob(z.strictObject({ _cron: zCronMeta }), {
    maxAttempts: 5,
    description:
      'Hourly cron tick; at 02:00 Europe/Stockholm it enqueues the nightly maintenance jobs once per night.',
  }),
  maintenance__purge_idempotency_keys: defineJob(
    z.strictObject({
      /** Rows deleted per statement, so a large backlog never holds one long lock. */
      batchSize: z.number().int().min(1).max(50_000).default(5_000),
      /** The Stockholm night this run belongs to (set by the nightly schedule; informational). */
      localDate: zLocalDate.optional(),
    }),
    {
      maxAttempts: 5,
      description: 'Deletes idempotency keys whose expiresAt has passed.',
    },
  ),
  audit__purge_expired: defineJob(
    z.strictObject({
      /** Overrides the worker's AUDIT_RETENTION_DAYS for this run (manual runs); at least 30 days. */
      retentionDays: z.number().int().min(30).max(3650).optional(),
      localDate: zLocalDate.optional(),
    }),
    {
      maxAttempts: 5,
      description:
        'Deletes audit entries older than the retention period (AUDIT_RETENTION_DAYS, default 365).',
    },
  ),
  webhook__purge_processed_events: defineJob(
    z.strictObject({
      /** Deliveries recorded longer ago than this are forgotten (they can no longer be redelivered). */
      olderThanDays: z.number().int().min(7).max(365).default(30),
      localDate: zLocalDate.optional(),
    }),
    {
      maxAttempts: 5,
      description: 'Deletes processed webhook deliveries (webhook_event) older than 30 days.',
    },
  ),
  notification__deliver_webhook: defineJob(z.strictObject({ deliveryId: z.uuid() }), {
    // graphile-worker backs off exponentially (exp(attempt) seconds): 8 attempts span about 29 minutes.
    maxAttempts: 8,
    description:
      'POSTs one webhook delivery to its endpoint, signed with HMAC-SHA256; a non-2xx answer or a timeout retries with backoff.',
  }),
  standing_order__schedule_due: defineJob(z.strictObject({ _cron: zCronMeta.optional() }), {
    maxAttempts: 3,
    description:
      'Cron tick (every 5 minutes): enqueues standing_order__place for each standing order now due.',
  }),
  standing_order__place: defineJob(z.strictObject({ standingOrderId: z.uuid(), deliveryDate: zLocalDate }), {
    maxAttempts: 5,
    description:
      'Places one standing order for one delivery date (or records why not: holiday, no lines); safe to run twice.',
  }),
  invoice__extract: defineJob(z.strictObject({ invoiceId: z.uuid() }), {
    // A failed last attempt leaves the invoice needs_review with its extraction error, never lost.
    maxAttempts: 3,
    description:
      'Reads one uploaded invoice (XML, PDF text layer, or OCR), checks it, then reconciles it against its order.',
  }),
} as const satisfies Record<JobNamePattern, JobDefinition>;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** What a task receives (defaults applied). */
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]['schema']>;
/** What a caller may pass to enqueue (defaults optional). */
export type JobPayloadInput<N extends JobName> = z.input<(typeof JOBS)[N]['schema']>;

export function isJobName(value: string): value is JobName {
  return Object.prototype.hasOwnProperty.call(JOBS, value);
}

/**
 * Parses a payload for `name`, or throws AppError JOB_PAYLOAD_INVALID (a bug on our side, status 500) listing
 * the issues. The message names the job, for the log and graphile_worker's last_error; as a 500 it is not
 * meant for clients.
 */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  if (!isJobName(name)) {
    throw new AppError('JOB_PAYLOAD_INVALID', `Unknown job "${String(name)}"`, { job: String(name) });
  }
  const result = JOBS[name].schema.safeParse(payload);
  if (!result.success) throw jobPayloadInvalid('Invalid payload', name, result.error);
  return result.data as JobPayload<N>;
}

/** A job key scoped to its job: `maintenance__purge_idempotency_keys:2026-10-25`. */
export function jobKeyFor(name: JobName, ...parts: readonly (string | number)[]): string {
  return [name, ...parts.map(String)].join(':');
}
