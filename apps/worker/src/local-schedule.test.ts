import { stockholmParts } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { dailyLocalRunDue } from './local-schedule.ts';

const HOUR_MS = 3_600_000;

/** Every top-of-the-hour UTC tick in [from, to). */
function hourlyTicks(from: string, to: string): Date[] {
  const ticks: Date[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += HOUR_MS) ticks.push(new Date(t));
  return ticks;
}

function dueTicks(from: string, to: string, localTime = '02:00'): Array<{ tick: string; localDate: string }> {
  return hourlyTicks(from, to).flatMap((tick) => {
    const due = dailyLocalRunDue(tick, localTime);
    return due ? [{ tick: tick.toISOString(), localDate: due.localDate }] : [];
  });
}

describe('dailyLocalRunDue at 02:00 Europe/Stockholm', () => {
  it('is due at 01:00 UTC in winter (CET, UTC+1)', () => {
    expect(dueTicks('2026-01-15T00:00:00Z', '2026-01-16T00:00:00Z')).toEqual([
      { tick: '2026-01-15T01:00:00.000Z', localDate: '2026-01-15' },
    ]);
  });

  it('is due at 00:00 UTC in summer (CEST, UTC+2)', () => {
    expect(dueTicks('2026-07-01T00:00:00Z', '2026-07-02T00:00:00Z')).toEqual([
      { tick: '2026-07-01T00:00:00.000Z', localDate: '2026-07-01' },
    ]);
    expect(dailyLocalRunDue(new Date('2026-07-01T00:00:00Z'), '02:00')?.scheduledFor).toEqual(
      new Date('2026-07-01T00:00:00Z'),
    );
  });

  it('runs once on the 23-hour spring-forward day (2026-03-29), at 03:00 CEST because 02:00 does not exist', () => {
    const dayTicks = hourlyTicks('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z').filter(
      (tick) => stockholmParts(tick).date === '2026-03-29',
    );
    expect(dayTicks).toHaveLength(23);
    expect(dayTicks.map((tick) => stockholmParts(tick).hour)).not.toContain(2);
    expect(dueTicks('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      { tick: '2026-03-28T01:00:00.000Z', localDate: '2026-03-28' },
      { tick: '2026-03-29T01:00:00.000Z', localDate: '2026-03-29' },
      { tick: '2026-03-30T00:00:00.000Z', localDate: '2026-03-30' },
    ]);
    expect(stockholmParts(new Date('2026-03-29T01:00:00Z')).hour).toBe(3);
  });

  it('runs once on the 25-hour fall-back day (2026-10-25), although 02:00 happens twice', () => {
    const dayTicks = hourlyTicks('2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z').filter(
      (tick) => stockholmParts(tick).date === '2026-10-25',
    );
    expect(dayTicks).toHaveLength(25);
    expect(dayTicks.filter((tick) => stockholmParts(tick).hour === 2)).toHaveLength(2);
    expect(dueTicks('2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      { tick: '2026-10-24T00:00:00.000Z', localDate: '2026-10-24' },
      { tick: '2026-10-25T01:00:00.000Z', localDate: '2026-10-25' },
      { tick: '2026-10-26T01:00:00.000Z', localDate: '2026-10-26' },
    ]);
    expect(dailyLocalRunDue(new Date('2026-10-25T00:00:00Z'), '02:00')).toBeNull();
  });

  it('is due exactly once for every Stockholm date of a year, in order', () => {
    const due = dueTicks('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(due).toHaveLength(365);
    expect(new Set(due.map((run) => run.localDate)).size).toBe(365);
    expect(due[0]?.localDate).toBe('2026-01-01');
    expect(due.at(-1)?.localDate).toBe('2026-12-31');
    for (const run of due) expect(stockholmParts(new Date(run.tick)).date).toBe(run.localDate);
  });

  it('handles a time at local midnight whose tick starts on the previous UTC date', () => {
    // 00:30 Stockholm in summer is 22:30 UTC the day before: due in the 22:00 UTC tick, for the next local date.
    expect(dailyLocalRunDue(new Date('2026-07-01T22:00:00Z'), '00:30')).toEqual({
      localDate: '2026-07-02',
      scheduledFor: new Date('2026-07-01T22:30:00Z'),
    });
    expect(dueTicks('2026-07-01T00:00:00Z', '2026-07-04T00:00:00Z', '00:30')).toHaveLength(3);
  });

  it('is due once per local date for any tick that is not on the hour (backfilled or late ticks use their own ts)', () => {
    expect(dailyLocalRunDue(new Date('2026-01-15T00:30:00Z'), '02:00')).toEqual({
      localDate: '2026-01-15',
      scheduledFor: new Date('2026-01-15T01:00:00Z'),
    });
  });

  it('rejects malformed input', () => {
    expect(() => dailyLocalRunDue(new Date('2026-01-15T01:00:00Z'), '2:00')).toThrow(RangeError);
    expect(() => dailyLocalRunDue(new Date('2026-01-15T01:00:00Z'), '24:00')).toThrow(RangeError);
    expect(() => dailyLocalRunDue(new Date('nope'), '02:00')).toThrow(RangeError);
  });
});
