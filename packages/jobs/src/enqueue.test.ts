import { AppError, fixedClock } from '@iris/core';
import { describe, expect, it, vi } from 'vitest';
import { enqueue, type JobQueueClient } from './enqueue.ts';
import { createRecordingJobQueue } from './testing.ts';

function unusedClient() {
  const $queryRaw = vi.fn(() => Promise.reject(new Error('must not reach the database')));
  return { client: { $queryRaw } as unknown as JobQueueClient, $queryRaw };
}

describe('enqueue (no database)', () => {
  it('rejects a bad payload as a server bug (JOB_PAYLOAD_INVALID, 500) before touching the database', async () => {
    const { client, $queryRaw } = unusedClient();
    const rejection = enqueue(client, 'maintenance__purge_idempotency_keys', { batchSize: -1 });
    await expect(rejection).rejects.toBeInstanceOf(AppError);
    await expect(rejection).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
      status: 500,
      details: { issues: [expect.objectContaining({ path: 'batchSize', code: 'too_small' })] },
    });
    // Unknown keys are typos, not extras.
    await expect(
      enqueue(client, 'maintenance__purge_idempotency_keys', { batchsize: 10 } as unknown as {
        batchSize: number;
      }),
    ).rejects.toMatchObject({ code: 'JOB_PAYLOAD_INVALID' });
    expect($queryRaw).not.toHaveBeenCalled();
  });

  it('rejects bad options the same way (a programmer error) before touching the database', async () => {
    const { client, $queryRaw } = unusedClient();
    await expect(enqueue(client, 'system__heartbeat', {}, { maxAttempts: 0 })).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
      status: 500,
      message: expect.stringContaining('Invalid enqueue options for job "system__heartbeat": maxAttempts'),
      details: {
        job: 'system__heartbeat',
        issues: [expect.objectContaining({ path: 'maxAttempts', code: 'too_small' })],
      },
    });
    await expect(
      enqueue(client, 'system__heartbeat', {}, { runAt: new Date('not a date') }),
    ).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
      details: { issues: [expect.objectContaining({ path: 'runAt' })] },
    });
    await expect(enqueue(client, 'system__heartbeat', {}, { jobKey: '' })).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
      details: { issues: [expect.objectContaining({ path: 'jobKey' })] },
    });
    await expect(
      enqueue(client, 'system__heartbeat', {}, { jobkey: 'typo' } as unknown as { jobKey: string }),
    ).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
      details: { issues: [expect.objectContaining({ path: '', code: 'unrecognized_keys' })] },
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
    ).rejects.toMatchObject({ code: 'JOB_PAYLOAD_INVALID' });
    await expect(queue.enqueue(client, 'system__heartbeat', {}, { priority: 1.5 })).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
    });
    expect(queue.jobs).toHaveLength(1);
    queue.clear();
    expect(queue.jobs).toHaveLength(0);
  });
});
