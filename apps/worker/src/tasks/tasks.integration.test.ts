import { createWorkerAreaServices } from '../areas.ts';
import { createLogger, systemClock } from '@iris/core';
import type { Db } from '@iris/db';
import { enqueue } from '@iris/jobs';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeHelpers, metricValue } from '../../test/helpers.ts';
import { createWorkerMetrics, type WorkerMetrics } from '../metrics.ts';
import { createJobHandlers } from '../task-list.ts';
import type { JobHandlers } from '../task.ts';

/** The handlers called directly (no worker running), against a real database. */
let database: JobsTestDatabase;
let db: Db;
let metrics: WorkerMetrics;
let handlers: JobHandlers;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-worker-test' });
  db = database.db;
});

afterAll(() => database?.close());

beforeEach(async () => {
  metrics = createWorkerMetrics();
  handlers = createJobHandlers({
    db,
    metrics,
    clock: systemClock,
    auditRetentionDays: 365,
    logger: createLogger({ level: 'silent' }),
    areas: createWorkerAreaServices({ db, clock: systemClock, auditRetentionDays: 365 }),
  });
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  await db.$executeRaw`DELETE FROM "idempotency_key"`;
});

async function insertKey(key: string, expiresAt: Date, deletedAt: Date | null = null): Promise<void> {
  await db.idempotencyKey.create({
    data: { scope: 'user-1', key, operation: 'orders.place', requestHash: 'h', expiresAt, deletedAt },
  });
}

async function remainingKeys(): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ key: string }>>`SELECT "key" FROM "idempotency_key" ORDER BY "key"`;
  return rows.map((row) => row.key);
}

async function pendingJobs(): Promise<Array<{ task_identifier: string; key: string | null }>> {
  return db.$queryRaw`SELECT task_identifier, key FROM graphile_worker.jobs ORDER BY id`;
}

describe('maintenance__purge_idempotency_keys', () => {
  it('deletes only expired keys (soft-deleted ones too), and is safe to run twice', async () => {
    await insertKey('expired', new Date('2020-01-01T00:00:00Z'));
    await insertKey(
      'expired-and-soft-deleted',
      new Date('2020-01-02T00:00:00Z'),
      new Date('2020-01-01T12:00:00Z'),
    );
    await insertKey('valid', new Date('2999-01-01T00:00:00Z'));
    await insertKey(
      'valid-but-soft-deleted',
      new Date('2999-01-01T00:00:00Z'),
      new Date('2020-01-01T12:00:00Z'),
    );

    await handlers.maintenance__purge_idempotency_keys({ batchSize: 5000 }, fakeHelpers());
    expect(await remainingKeys()).toEqual(['valid', 'valid-but-soft-deleted']);

    await handlers.maintenance__purge_idempotency_keys({ batchSize: 5000 }, fakeHelpers());
    expect(await remainingKeys()).toEqual(['valid', 'valid-but-soft-deleted']);
  });

  it('works through a backlog larger than one batch', async () => {
    for (let i = 0; i < 7; i++) await insertKey(`old-${i}`, new Date(Date.UTC(2020, 0, 1 + i)));
    await insertKey('valid', new Date('2999-01-01T00:00:00Z'));
    await handlers.maintenance__purge_idempotency_keys({ batchSize: 2 }, fakeHelpers());
    expect(await remainingKeys()).toEqual(['valid']);
  });

  it('gives the job back between batches when the worker is shutting down', async () => {
    for (let i = 0; i < 3; i++) await insertKey(`old-${i}`, new Date(Date.UTC(2020, 0, 1 + i)));
    const controller = new AbortController();
    controller.abort();
    await expect(
      handlers.maintenance__purge_idempotency_keys({ batchSize: 1 }, fakeHelpers({}, controller.signal)),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(await remainingKeys()).toEqual(['old-1', 'old-2']);
  });
});

describe('maintenance__schedule_nightly', () => {
  const tick = (ts: string) => ({ _cron: { ts, backfilled: false } });

  it('enqueues nothing on ticks that are not 02:00 in Stockholm', async () => {
    // 00:00 UTC on the fall-back night is the first 02:00 (CEST); the scheduled one is 02:00 CET.
    for (const ts of ['2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z', '2026-01-15T00:00:00.000Z']) {
      await handlers.maintenance__schedule_nightly(tick(ts), fakeHelpers());
    }
    expect(await pendingJobs()).toEqual([]);
  });

  it('enqueues the night’s purge once, keyed by the Stockholm date, even if the tick runs twice', async () => {
    await handlers.maintenance__schedule_nightly(tick('2026-10-25T01:00:00.000Z'), fakeHelpers());
    await handlers.maintenance__schedule_nightly(tick('2026-10-25T01:00:00.000Z'), fakeHelpers());
    await handlers.maintenance__schedule_nightly(tick('2026-03-29T01:00:00.000Z'), fakeHelpers());
    await handlers.maintenance__schedule_nightly(tick('2026-07-01T00:00:00.000Z'), fakeHelpers());
    const nights = ['2026-10-25', '2026-03-29', '2026-07-01'];
    expect(await pendingJobs()).toEqual(
      nights.flatMap((night) => [
        {
          task_identifier: 'maintenance__purge_idempotency_keys',
          key: `maintenance__purge_idempotency_keys:${night}`,
        },
        { task_identifier: 'audit__purge_expired', key: `audit__purge_expired:${night}` },
        {
          task_identifier: 'webhook__purge_processed_events',
          key: `webhook__purge_processed_events:${night}`,
        },
      ]),
    );
    const [payload] = await db.$queryRaw<Array<{ payload: unknown }>>`
      SELECT payload FROM graphile_worker._private_jobs WHERE key = 'maintenance__purge_idempotency_keys:2026-10-25'`;
    expect(payload?.payload).toEqual({ batchSize: 5000, localDate: '2026-10-25' });
  });
});

describe('audit__purge_expired', () => {
  async function insertAudit(action: string, createdAt: Date): Promise<void> {
    await db.auditEntry.create({
      data: { actorRole: 'system', action, entityType: 'user', createdAt, metadata: {} },
    });
  }

  it('deletes only entries older than the retention period, and is safe to run twice', async () => {
    const day = 24 * 60 * 60 * 1000;
    await insertAudit('old', new Date(Date.now() - 400 * day));
    await insertAudit('recent', new Date(Date.now() - 300 * day));
    await insertAudit('manual-window', new Date(Date.now() - 40 * day));
    await handlers.audit__purge_expired({}, fakeHelpers());
    await handlers.audit__purge_expired({}, fakeHelpers());
    const left = async () =>
      (await db.auditEntry.findMany({ select: { action: true }, orderBy: { action: 'asc' } })).map(
        (row) => row.action,
      );
    expect(await left()).toEqual(['manual-window', 'recent']);
    // A run may shorten the window for itself (never below 30 days).
    await handlers.audit__purge_expired({ retentionDays: 30 }, fakeHelpers());
    expect(await left()).toEqual([]);
  });

  it('outside the purge the table refuses deletes and updates', async () => {
    await insertAudit('kept', new Date());
    await expect(db.$executeRaw`DELETE FROM "audit_entry"`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "audit_entry" SET "action" = 'changed'`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRaw`TRUNCATE "audit_entry"`).rejects.toThrow(/append-only/);
    expect(await db.auditEntry.count({ where: { action: 'kept' } })).toBe(1);
  });
});

describe('webhook__purge_processed_events', () => {
  it('forgets deliveries older than the window, keeps recent ones, and is safe to run twice', async () => {
    const day = 24 * 60 * 60 * 1000;
    const record = (eventId: string, ageDays: number) =>
      db.webhookEvent.create({
        data: {
          source: 'clerk',
          eventId,
          type: 'user.updated',
          outcome: 'updated',
          createdAt: new Date(Date.now() - ageDays * day),
        },
      });
    await record('msg_old', 45);
    await record('msg_recent', 3);
    await handlers.webhook__purge_processed_events({ olderThanDays: 30 }, fakeHelpers());
    await handlers.webhook__purge_processed_events({ olderThanDays: 30 }, fakeHelpers());
    const left = await db.webhookEvent.findMany({ select: { eventId: true } });
    expect(left.map((row) => row.eventId)).toEqual(['msg_recent']);
  });
});

describe('system__heartbeat', () => {
  it('sets the liveness, lag and queue gauges from the database', async () => {
    await enqueue(db, 'maintenance__purge_idempotency_keys', {}, { maxAttempts: 2 });
    await enqueue(db, 'system__heartbeat', {}, { runAt: new Date('2999-01-01T00:00:00Z') });
    // A job that used all its attempts: what graphile-worker leaves behind after the last failure.
    const failed = await enqueue(
      db,
      'maintenance__purge_idempotency_keys',
      {},
      { maxAttempts: 1, jobKey: 'dead' },
    );
    await db.$executeRaw`
      UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'boom' WHERE id = ${failed.id}::bigint`;

    await handlers.system__heartbeat({}, fakeHelpers({ runAt: new Date('2020-01-01T00:00:00Z') }));

    expect(await metricValue(metrics, 'iris_worker_heartbeat_timestamp_seconds')).toBeGreaterThan(
      Date.UTC(2020, 0, 1) / 1000,
    );
    expect(await metricValue(metrics, 'iris_worker_queue_lag_seconds')).toBeGreaterThan(0);
    expect(await metricValue(metrics, 'iris_jobs_ready')).toBe(1);
    expect(
      await metricValue(metrics, 'iris_jobs_permanently_failed', {
        task: 'maintenance__purge_idempotency_keys',
      }),
    ).toBe(1);

    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${failed.id}::bigint`;
    await handlers.system__heartbeat({}, fakeHelpers());
    expect(
      await metricValue(metrics, 'iris_jobs_permanently_failed', {
        task: 'maintenance__purge_idempotency_keys',
      }),
    ).toBeUndefined();
  });
});
