import { AppError } from '@iris/core';
import { describe, expect, it, vi } from 'vitest';
import { fakeHelpers } from '../test/helpers.ts';
import { toTask } from './task.ts';

describe('toTask', () => {
  it('parses the payload before the handler runs, applying defaults', async () => {
    const handler = vi.fn(() => Promise.resolve());
    await toTask('maintenance__purge_idempotency_keys', handler)({ localDate: '2026-10-25' }, fakeHelpers());
    expect(handler).toHaveBeenCalledWith({ batchSize: 5000, localDate: '2026-10-25' }, expect.anything());
  });

  it('fails the attempt with JOB_PAYLOAD_INVALID and never calls the handler for a bad payload', async () => {
    const handler = vi.fn(() => Promise.resolve());
    const task = toTask('maintenance__schedule_nightly', handler);
    const attempt = task({ _cron: { ts: 'yesterday' } }, fakeHelpers());
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
      message: expect.stringContaining('_cron.ts'),
    });
    expect(handler).not.toHaveBeenCalled();
  });
});
