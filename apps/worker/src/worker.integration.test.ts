import { createLogger } from '@iris/core';
import { inTransaction, type Db } from '@iris/db';
import { enqueue } from '@iris/jobs';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationCount, metricValue, waitFor } from '../test/helpers.ts';
import { createWorkerMetrics, type WorkerMetrics } from './metrics.ts';
import { startWorker, type WorkerHandle } from './worker.ts';

/** The real task list on a real running worker (cron off, so only the jobs enqueued here run). */
let database: JobsTestDatabase;
let db: Db;
let metrics: WorkerMetrics;
let worker: WorkerHandle;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-worker-test' });
  db = database.db;
  metrics = createWorkerMetrics();
  worker = await startWorker({
    connectionString: database.url,
    db,
    metrics,
    concurrency: 2,
    logger: createLogger({ level: 'silent' }),
    cronItems: [],
  });
});

afterAll(async () => {
  await worker?.stop();
  await database?.close();
});

interface JobState {
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_at: Date | null;
}

async function jobState(id: string): Promise<JobState | null> {
  const rows = await db.$queryRaw<JobState[]>`
    SELECT attempts, max_attempts, last_error, locked_at FROM graphile_worker.jobs WHERE id = ${id}::bigint`;
  return rows[0] ?? null;
}

/** graphile-worker deletes a job when it succeeds. */
function waitUntilGone(id: string): Promise<true> {
  return waitFor(async () => ((await jobState(id)) === null ? true : undefined), `job ${id} to complete`);
}

const successes = (task: string) => metricValue(metrics, 'iris_jobs_total', { task, outcome: 'success' });
const failures = (task: string) => metricValue(metrics, 'iris_jobs_total', { task, outcome: 'failure' });
const PURGE = 'maintenance__purge_idempotency_keys';

describe('worker (real PostgreSQL, real graphile-worker)', () => {
  it('runs a job enqueued in a committed transaction together with its write, and records success', async () => {
    const before = (await successes(PURGE)) ?? 0;
    const job = await inTransaction(db, async (tx) => {
      await tx.idempotencyKey.createMany({
        data: [
          {
            scope: 's',
            key: 'expired',
            operation: 'op',
            requestHash: 'h',
            expiresAt: new Date('2020-01-01T00:00:00Z'),
          },
          {
            scope: 's',
            key: 'valid',
            operation: 'op',
            requestHash: 'h',
            expiresAt: new Date('2999-01-01T00:00:00Z'),
          },
        ],
      });
      return enqueue(tx, PURGE, {});
    });

    await waitUntilGone(job.id);
    const keys = await db.idempotencyKey.findMany({ where: { scope: 's' }, select: { key: true } });
    expect(keys).toEqual([{ key: 'valid' }]);
    expect(await successes(PURGE)).toBe(before + 1);
    expect(await durationCount(metrics, PURGE, 'success')).toBe(before + 1);
  });

  it('never sees a job whose transaction rolled back', async () => {
    const before = (await successes('system__heartbeat')) ?? 0;
    await expect(
      inTransaction(db, async (tx) => {
        await enqueue(tx, 'system__heartbeat', {}, { jobKey: 'rolled-back-heartbeat' });
        throw new Error('abort the write');
      }),
    ).rejects.toThrow('abort the write');
    // A job committed afterwards has run, so the worker has had every chance to see the first one.
    const marker = await enqueue(db, PURGE, {}, { jobKey: 'marker-after-rollback' });
    await waitUntilGone(marker.id);

    const rows = await db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = 'rolled-back-heartbeat'`;
    expect(rows[0]?.n).toBe(0);
    expect(await successes('system__heartbeat')).toBe(before);
    expect(await failures('system__heartbeat')).toBe(0);
  });

  it('fails a bad payload in the task, records the failure, and leaves the job visible for review', async () => {
    // Written around enqueue (raw SQL, as an old deploy or a hand-written fix might): only the task can catch it.
    const [row] = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM graphile_worker.add_job(
        ${PURGE}, json_build_object('batchSize', 'lots'), max_attempts => 1)`;
    const id = row!.id;

    const failed = await waitFor(async () => {
      const state = await jobState(id);
      return state && state.attempts >= state.max_attempts && state.locked_at === null ? state : undefined;
    }, 'the bad job to fail');
    expect(failed.last_error).toContain(`Invalid payload for job "${PURGE}"`);
    expect(failed.last_error).toContain('batchSize');
    expect(await failures(PURGE)).toBe(1);
    expect(await durationCount(metrics, PURGE, 'failure')).toBe(1);
    expect(await metricValue(metrics, 'iris_jobs_exhausted_total', { task: PURGE })).toBe(1);

    // The heartbeat turns the dead job into a gauge an alert can watch.
    const heartbeat = await enqueue(db, 'system__heartbeat', {});
    await waitUntilGone(heartbeat.id);
    expect(await metricValue(metrics, 'iris_jobs_permanently_failed', { task: PURGE })).toBe(1);
    expect(await metricValue(metrics, 'iris_worker_heartbeat_timestamp_seconds')).toBeGreaterThan(0);
  });

  it('stops gracefully and says so through its promise', async () => {
    const second = await startWorker({
      connectionString: database.url,
      logger: createLogger({ level: 'silent' }),
      cronItems: [],
    });
    await second.stop();
    await expect(second.promise).resolves.toBeUndefined();
    await second.stop(); // idempotent
    await second.kill(); // after a stop: nothing left to release, and no "end called twice"
  });

  it('kills while a graceful stop is under way, and both settle', async () => {
    const third = await startWorker({
      connectionString: database.url,
      logger: createLogger({ level: 'silent' }),
      cronItems: [],
    });
    const stopping = third.stop();
    await third.kill();
    await expect(stopping).resolves.toBeUndefined();
    await third.kill();
  });
});
