import { isJobName, JOBS, parseJobPayload, type JobName } from '@iris/jobs';
import { describe, expect, it } from 'vitest';
import { CRONTAB, parsedCrontab } from './crontab.ts';

const lines = CRONTAB.split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0 && !line.startsWith('#'));

describe('crontab', () => {
  it('parses', () => {
    expect(parsedCrontab()).toHaveLength(lines.length);
  });

  it('gives every line an explicit, unique, stable id', () => {
    for (const line of lines) expect(line).toMatch(/[?&]id=[a-z_]+(&|\s|$)/);
    const ids = parsedCrontab().map((item) => item.identifier);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['system_heartbeat', 'maintenance_schedule_nightly', 'standing_order_schedule_due']);
  });

  it('only names registered jobs, with their maxAttempts, and payloads their schemas accept', () => {
    for (const item of parsedCrontab()) {
      expect(isJobName(item.task)).toBe(true);
      const task = item.task as JobName;
      expect(item.options.maxAttempts).toBe(JOBS[task].maxAttempts);
      const payload = { ...item.payload, _cron: { ts: '2026-10-25T01:00:00.000Z', backfilled: false } };
      expect(() => parseJobPayload(task, payload)).not.toThrow();
    }
  });

  it('ticks the nightly schedule every hour on the hour (UTC), for the task to decide', () => {
    const nightly = parsedCrontab().find((item) => item.task === 'maintenance__schedule_nightly')!;
    const digest = (iso: string) => {
      const at = new Date(iso);
      return {
        min: at.getUTCMinutes(),
        hour: at.getUTCHours(),
        date: at.getUTCDate(),
        month: at.getUTCMonth() + 1,
        dow: at.getUTCDay(),
      };
    };
    expect(nightly.match(digest('2026-10-25T00:00:00Z'))).toBe(true);
    expect(nightly.match(digest('2026-10-25T01:00:00Z'))).toBe(true);
    expect(nightly.match(digest('2026-10-25T01:30:00Z'))).toBe(false);
    expect(nightly.options.backfillPeriod).toBe(6 * 3_600_000);
  });
});
