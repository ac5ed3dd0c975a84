import { inTransaction, type Db } from '@iris/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from './enqueue.ts';
import { jobKeyFor } from './registry.ts';
import { createJobsTestDatabase, type JobsTestDatabase } from './testing.ts';

let database: JobsTestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createJobsTestDatabase();
  db = database.db;
});

afterAll(() => database?.close());

interface JobRow {
  id: string;
  task_identifier: string;
  queue_name: string | null;
  key: string | null;
  priority: number;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  revision: number;
}

/** graphile_worker.jobs is the public view (0.16+); it has no payload, which only _private_jobs holds. */
async function jobsWithKey(key: string): Promise<JobRow[]> {
  return db.$queryRaw<JobRow[]>`
    SELECT id::text AS id, task_identifier, queue_name, key, priority, run_at, attempts, max_attempts, revision
    FROM graphile_worker.jobs WHERE key = ${key}`;
}

async function payloadOf(id: string): Promise<unknown> {
  const rows = await db.$queryRaw<Array<{ payload: unknown }>>`
    SELECT payload FROM graphile_worker._private_jobs WHERE id = ${id}::bigint`;
  return rows[0]?.payload;
}

async function countJobsWithKey(key: string): Promise<number> {
  const rows = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ${key}`;
  return rows[0]?.n ?? -1;
}

describe('enqueue (PostgreSQL)', () => {
  it('adds the job with every option when the transaction commits', async () => {
    const runAt = new Date('2030-01-01T02:00:00.000Z');
    const job = await inTransaction(db, (tx) =>
      enqueue(
        tx,
        'maintenance__purge_idempotency_keys',
        { batchSize: 10 },
        {
          jobKey: 'commit-all-options',
          runAt,
          maxAttempts: 3,
          queueName: 'maintenance',
          priority: 5,
        },
      ),
    );
    expect(job).toMatchObject({
      name: 'maintenance__purge_idempotency_keys',
      key: 'commit-all-options',
      runAt,
    });
    const rows = await jobsWithKey('commit-all-options');
    expect(rows).toEqual([
      {
        id: job.id,
        task_identifier: 'maintenance__purge_idempotency_keys',
        queue_name: 'maintenance',
        key: 'commit-all-options',
        priority: 5,
        run_at: runAt,
        attempts: 0,
        max_attempts: 3,
        revision: 0,
      },
    ]);
    expect(await payloadOf(job.id)).toEqual({ batchSize: 10 });
  });

  it('stores the parsed payload and the job’s default attempts', async () => {
    const key = jobKeyFor('maintenance__purge_idempotency_keys', 'defaults');
    const job = await inTransaction(db, (tx) =>
      enqueue(
        tx,
        'maintenance__purge_idempotency_keys',
        {},
        { jobKey: key, runAt: new Date('2030-01-01T00:00:00Z') },
      ),
    );
    expect(await payloadOf(job.id)).toEqual({ batchSize: 5000 });
    expect((await jobsWithKey(key))[0]).toMatchObject({ max_attempts: 5, priority: 0, queue_name: null });
  });

  it('is invisible to other connections until the transaction commits', async () => {
    await inTransaction(db, async (tx) => {
      await enqueue(
        tx,
        'system__heartbeat',
        {},
        { jobKey: 'not-yet', runAt: new Date('2030-01-01T00:00:00Z') },
      );
      expect(await countJobsWithKey('not-yet')).toBe(0);
    });
    expect(await countJobsWithKey('not-yet')).toBe(1);
  });

  it('leaves no job behind when the transaction rolls back, together with the write', async () => {
    const failure = new Error('the write failed after enqueue');
    await expect(
      inTransaction(db, async (tx) => {
        await tx.idempotencyKey.create({
          data: {
            scope: 'rollback-test',
            key: 'k1',
            operation: 'orders.place',
            requestHash: 'h',
            expiresAt: new Date('2030-01-01T00:00:00Z'),
          },
        });
        await enqueue(tx, 'maintenance__purge_idempotency_keys', {}, { jobKey: 'rolled-back' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await countJobsWithKey('rolled-back')).toBe(0);
    expect(await jobsWithKey('rolled-back')).toEqual([]);
    expect(await db.idempotencyKey.count({ where: { scope: 'rollback-test' } })).toBe(0);
  });

  it('updates the pending job with the same key instead of adding another', async () => {
    const key = 'replace-me';
    const first = await enqueue(
      db,
      'maintenance__purge_idempotency_keys',
      { batchSize: 1 },
      { jobKey: key, runAt: new Date('2030-01-01T00:00:00Z') },
    );
    const second = await enqueue(
      db,
      'maintenance__purge_idempotency_keys',
      { batchSize: 2 },
      { jobKey: key, runAt: new Date('2030-01-02T00:00:00Z') },
    );
    expect(second.id).toBe(first.id);
    const rows = await jobsWithKey(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ revision: 1, run_at: new Date('2030-01-02T00:00:00Z') });
    expect(await payloadOf(first.id)).toEqual({ batchSize: 2 });

    await enqueue(
      db,
      'maintenance__purge_idempotency_keys',
      { batchSize: 3 },
      {
        jobKey: key,
        jobKeyMode: 'preserve_run_at',
        runAt: new Date('2030-06-01T00:00:00Z'),
      },
    );
    expect((await jobsWithKey(key))[0]).toMatchObject({
      revision: 2,
      run_at: new Date('2030-01-02T00:00:00Z'),
    });
  });

  it("with unsafe_dedupe leaves a retrying job's attempts, payload and run_at alone", async () => {
    const key = 'retrying';
    const first = await enqueue(db, 'maintenance__purge_idempotency_keys', { batchSize: 1 }, { jobKey: key });
    await db.$executeRaw`
      UPDATE graphile_worker._private_jobs SET attempts = 2, run_at = '2030-01-01T00:00:00Z', last_error = 'boom'
      WHERE id = ${first.id}::bigint`;
    const again = await enqueue(
      db,
      'maintenance__purge_idempotency_keys',
      { batchSize: 9 },
      { jobKey: key, jobKeyMode: 'unsafe_dedupe' },
    );
    expect(again.id).toBe(first.id);
    expect((await jobsWithKey(key))[0]).toMatchObject({
      attempts: 2,
      run_at: new Date('2030-01-01T00:00:00Z'),
    });
    expect(await payloadOf(first.id)).toEqual({ batchSize: 1 });
  });

  it('adds a new job instead of reviving one with the same key that used all its attempts', async () => {
    const key = 'failed-for-good';
    const failed = await enqueue(db, 'system__heartbeat', {}, { jobKey: key, maxAttempts: 1 });
    // What graphile-worker leaves after the last failed attempt.
    await db.$executeRaw`
      UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'boom'
      WHERE id = ${failed.id}::bigint`;

    const next = await enqueue(db, 'system__heartbeat', {}, { jobKey: key });
    expect(next.id).not.toBe(failed.id);
    expect(await jobsWithKey(key)).toEqual([expect.objectContaining({ id: next.id, attempts: 0 })]);
    // The failed job stays for review, without its key.
    const [kept] = await db.$queryRaw<Array<{ key: string | null; attempts: number; last_error: string }>>`
      SELECT key, attempts, last_error FROM graphile_worker.jobs WHERE id = ${failed.id}::bigint`;
    expect(kept).toEqual({ key: null, attempts: 1, last_error: 'boom' });
  });

  it('rejects a bad payload inside a transaction (rolling it back) and adds nothing', async () => {
    await expect(
      inTransaction(db, (tx) =>
        enqueue(
          tx,
          'maintenance__purge_idempotency_keys',
          { batchSize: 'lots' } as unknown as { batchSize: number },
          { jobKey: 'bad' },
        ),
      ),
    ).rejects.toMatchObject({ code: 'JOB_PAYLOAD_INVALID', status: 500 });
    expect(await countJobsWithKey('bad')).toBe(0);
  });
});
