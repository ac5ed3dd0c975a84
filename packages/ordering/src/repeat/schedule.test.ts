import { describe, expect, it } from 'vitest';
import { nextRunFrom, runAfter, runFor, schedulableWeekdays, type StandingSchedule } from './schedule.ts';

const base: StandingSchedule = {
  deliveryWeekdays: [2, 5],
  customerDeliveryDays: [],
  cutoff: { cutoffTime: '14:00', leadDays: 1 },
  placeMinutesBeforeCutoff: 60,
};
const at = (iso: string) => new Date(iso);
const iso = (run: { runAt: Date } | null) => run?.runAt.toISOString() ?? null;

describe('schedulableWeekdays', () => {
  it('keeps the standing order’s weekdays the customer gets deliveries on (empty: Mon–Fri)', () => {
    expect(schedulableWeekdays({ deliveryWeekdays: [1, 3, 6], customerDeliveryDays: [] })).toEqual([1, 3]);
    expect(schedulableWeekdays({ deliveryWeekdays: [1, 3, 6], customerDeliveryDays: [3, 6] })).toEqual([
      3, 6,
    ]);
    expect(schedulableWeekdays({ deliveryWeekdays: [2], customerDeliveryDays: [1] })).toEqual([]);
  });
});

describe('nextRunFrom', () => {
  it('the first delivery whose run (cut-off − minutes) is still ahead', () => {
    // Monday 2026-02-09 10:00 CET. Tuesday 10th: cut-off Mon 14:00 → run Mon 13:00 CET = 12:00Z.
    const run = nextRunFrom(base, at('2026-02-09T09:00:00Z'));
    expect(run).toMatchObject({ deliveryDate: '2026-02-10', holiday: null });
    expect(run?.cutoffAt.toISOString()).toBe('2026-02-09T13:00:00.000Z');
    expect(iso(run)).toBe('2026-02-09T12:00:00.000Z');
    // At 13:30 CET the Tuesday run has passed: Friday 13th (ordered Thursday).
    expect(nextRunFrom(base, at('2026-02-09T12:30:00Z'))?.deliveryDate).toBe('2026-02-13');
  });

  it('keeps the pending delivery while its cut-off is ahead, and starts after the last run', () => {
    const now = at('2026-02-09T12:30:00Z'); // run time passed, cut-off (13:00Z) not yet
    expect(nextRunFrom(base, now, { pending: '2026-02-10' })?.deliveryDate).toBe('2026-02-10');
    expect(nextRunFrom(base, at('2026-02-09T13:00:00Z'), { pending: '2026-02-10' })?.deliveryDate).toBe(
      '2026-02-13',
    );
    expect(nextRunFrom(base, at('2026-02-09T09:00:00Z'), { lastRunDate: '2026-02-10' })?.deliveryDate).toBe(
      '2026-02-13',
    );
  });

  it('nothing schedulable: null', () => {
    expect(nextRunFrom({ ...base, customerDeliveryDays: [1] }, at('2026-02-09T09:00:00Z'))).toBeNull();
    expect(nextRunFrom({ ...base, deliveryWeekdays: [] }, at('2026-02-09T09:00:00Z'))).toBeNull();
  });
});

describe('runAfter: across DST and holidays (never moved, skipped visibly)', () => {
  it('keeps 13:00 Stockholm across the autumn switch (2026-10-25): 11:00Z before, 12:00Z after', () => {
    const weekly: StandingSchedule = { ...base, deliveryWeekdays: [1] };
    // Monday 19 Oct: ordered Friday 16 Oct, cut-off 14:00 CEST = 12:00Z, run 11:00Z.
    expect(iso(runFor('2026-10-19', weekly))).toBe('2026-10-16T11:00:00.000Z');
    const next = runAfter(weekly, '2026-10-19');
    // Monday 26 Oct: ordered Friday 23 Oct, still summer time.
    expect(next?.deliveryDate).toBe('2026-10-26');
    expect(iso(next)).toBe('2026-10-23T11:00:00.000Z');
    const after = runAfter(weekly, '2026-10-26');
    // Monday 2 Nov: ordered Friday 30 Oct, winter time: 14:00 CET = 13:00Z, run 12:00Z.
    expect(after?.deliveryDate).toBe('2026-11-02');
    expect(iso(after)).toBe('2026-10-30T12:00:00.000Z');
  });

  it('a same-day 06:00 cut-off on the switch Sunday keeps its wall-clock time', () => {
    const sunday: StandingSchedule = {
      deliveryWeekdays: [7],
      customerDeliveryDays: [7],
      cutoff: { cutoffTime: '06:00', leadDays: 0 },
      placeMinutesBeforeCutoff: 30,
    };
    expect(runAfter(sunday, '2026-10-18')).toMatchObject({ deliveryDate: '2026-10-25' });
    // 05:30 CET on 25 Oct (after the 03:00 → 02:00 switch) is 04:30Z.
    expect(iso(runAfter(sunday, '2026-10-18'))).toBe('2026-10-25T04:30:00.000Z');
    expect(iso(runAfter(sunday, '2026-10-11'))).toBe('2026-10-18T03:30:00.000Z');
  });

  it('Easter, Midsummer and Christmas stay in the schedule, flagged as holidays', () => {
    const fridays: StandingSchedule = { ...base, deliveryWeekdays: [5] };
    // Långfredagen 2026-04-03.
    expect(runAfter(fridays, '2026-03-27')).toMatchObject({
      deliveryDate: '2026-04-03',
      holiday: { name: 'Långfredagen' },
    });
    expect(runAfter(fridays, '2026-04-03')).toMatchObject({ deliveryDate: '2026-04-10', holiday: null });
    // Midsommarafton 2026-06-19 (an eve).
    expect(runAfter(fridays, '2026-06-12')).toMatchObject({
      deliveryDate: '2026-06-19',
      holiday: { kind: 'eve' },
    });
    // Juldagen 2026-12-25.
    expect(runAfter(fridays, '2026-12-18')).toMatchObject({
      deliveryDate: '2026-12-25',
      holiday: { name: 'Juldagen' },
    });
    // Tuesday after Easter: the order day counts back over Easter Monday and Good Friday to Thursday 2 April.
    const tuesday = runAfter({ ...base, deliveryWeekdays: [2] }, '2026-03-31');
    expect(tuesday?.deliveryDate).toBe('2026-04-07');
    expect(iso(tuesday)).toBe('2026-04-02T11:00:00.000Z'); // 14:00 CEST − 60 min
  });
});
