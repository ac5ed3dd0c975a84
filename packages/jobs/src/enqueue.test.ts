import { AppError } from '@iris/core';
import { describe, expect, it, vi } from 'vitest';
import { enqueue, type JobQueueClient } from './enqueue.ts';
import { createRecordingJobQueue } from './testing.ts';
import { fixedClock } from '@iris/core';

function unusedClient() {
  const $queryRaw = vi.fn(() => Promise.reject(new Error('must not reach the database')));
  return { client: { $queryRaw } as unknown as JobQueueClient, $queryRaw };
}

describe('enqueue (no database)', () => {
  it('rejects a bad payload before touching the database', async () => {
    const { client, $queryRaw } = unusedClient();
    await expect(
      enqueue(client, 'maintenance__purge_idempotency_keys', { batchSize: -1 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    // Unknown keys are typos, not extras.
    await expect(
      enqueue(client, 'maintenance__purge_idempotency_keys', { batchsize: 10 } as unknown as {
        batchSize: number;
      }),
    ).rejects.toBeInstanceOf(AppError);
    expect($queryRaw).not.toHaveBeenCalled();
  });

  it('rejects bad options before touching the database', async () => {
    const { client, $queryRaw } = unusedClient();
    await expect(enqueue(client, 'system__heartbeat', {}, { maxAttempts: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      enqueue(client, 'system__heartbeat', {}, { runAt: new Date('not a date') }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(enqueue(client, 'system__heartbeat', {}, { jobKey: '' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect($queryRaw).not.toHaveBeenCalled();
  });
});

describe('createRecordingJobQueue', () => {
  it('records parsed payloads and validates like the real queue', async () => {
    const queue = createRecordingJobQueue(fixedClock('2026-03-29T01:00:00Z'));
    const { client } = unusedClient();
    const job = await queue.enqueue(client, 'maintenance__purge_idempotency_keys', {}, { jobKey: 'k' });
    expect(job).toMatchObject({
      name: 'maintenance__purge_idempotency_keys',
      key: 'k',
      runAt: new Date('2026-03-29T01:00:00Z'),
    });
    expect(queue.jobs).toEqual([
      {
        name: 'maintenance__purge_idempotency_keys',
        payload: { batchSize: 5000 },
        options: { jobKey: 'k' },
        tx: client,
      },
    ]);
    await expect(
      queue.enqueue(client, 'maintenance__purge_idempotency_keys', { batchSize: 0 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(queue.jobs).toHaveLength(1);
    queue.clear();
    expect(queue.jobs).toHaveLength(0);
  });
});
