import { AppError } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { JOB_NAMES, JOBS, isJobName, jobKeyFor, parseJobPayload } from './registry.ts';

describe('job registry', () => {
  it('names every job area__action in snake case', () => {
    for (const name of JOB_NAMES) expect(name).toMatch(/^[a-z]+(_[a-z]+)*__[a-z]+(_[a-z]+)*$/);
  });

  it('gives every job a bounded number of attempts and a description', () => {
    for (const name of JOB_NAMES) {
      expect(JOBS[name].maxAttempts).toBeGreaterThanOrEqual(1);
      expect(JOBS[name].maxAttempts).toBeLessThanOrEqual(25);
      expect(JOBS[name].description.length).toBeGreaterThan(10);
    }
  });

  it('knows its names and nothing else', () => {
    expect(isJobName('system__heartbeat')).toBe(true);
    expect(isJobName('toString')).toBe(false);
    expect(isJobName('nope__nothing')).toBe(false);
  });

  it('applies defaults when parsing', () => {
    expect(parseJobPayload('maintenance__purge_idempotency_keys', {})).toEqual({ batchSize: 5000 });
  });

  it('accepts its own output (payloads are parsed again in the task)', () => {
    const once = parseJobPayload('maintenance__purge_idempotency_keys', { localDate: '2026-10-25' });
    expect(parseJobPayload('maintenance__purge_idempotency_keys', JSON.parse(JSON.stringify(once)))).toEqual(
      once,
    );
  });

  it('rejects bad payloads as a server bug (JOB_PAYLOAD_INVALID, 500), naming the paths but not the values', () => {
    const attempt = () =>
      parseJobPayload('maintenance__purge_idempotency_keys', { batchSize: 0, secret: 'hunter2' });
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code).toBe('JOB_PAYLOAD_INVALID');
      expect(appError.status).toBe(500);
      expect(appError.message).toContain('maintenance__purge_idempotency_keys');
      expect(appError.message).toContain('batchSize');
      expect(appError.details).toEqual({
        job: 'maintenance__purge_idempotency_keys',
        issues: [
          { path: 'batchSize', code: 'too_small', message: expect.any(String) as unknown },
          { path: '', code: 'unrecognized_keys', message: expect.stringContaining('secret') as unknown },
        ],
      });
      expect(JSON.stringify(appError.details)).not.toContain('hunter2');
    }
  });

  it('reports nested paths dotted, as everywhere else (fieldIssues)', () => {
    expect(() => parseJobPayload('maintenance__schedule_nightly', { _cron: { ts: 'yesterday' } })).toThrow(
      expect.objectContaining({
        code: 'JOB_PAYLOAD_INVALID',
        message: expect.stringContaining('_cron.ts: ') as unknown,
        details: {
          job: 'maintenance__schedule_nightly',
          issues: [expect.objectContaining({ path: '_cron.ts', code: 'invalid_format' })],
        },
      }),
    );
  });

  it('requires the cron tick on cron-only jobs', () => {
    expect(() => parseJobPayload('maintenance__schedule_nightly', {})).toThrow(/_cron/);
    expect(
      parseJobPayload('maintenance__schedule_nightly', {
        _cron: { ts: '2026-10-25T01:00:00.000Z', backfilled: false },
      }),
    ).toEqual({
      _cron: { ts: '2026-10-25T01:00:00.000Z', backfilled: false },
    });
  });

  it('rejects unknown job names at run time', () => {
    expect(() => parseJobPayload('nope__nothing' as 'system__heartbeat', {})).toThrow(
      expect.objectContaining({ code: 'JOB_PAYLOAD_INVALID', message: 'Unknown job "nope__nothing"' }),
    );
  });

  it('builds job keys scoped to the job', () => {
    expect(jobKeyFor('maintenance__purge_idempotency_keys', '2026-10-25')).toBe(
      'maintenance__purge_idempotency_keys:2026-10-25',
    );
  });
});
