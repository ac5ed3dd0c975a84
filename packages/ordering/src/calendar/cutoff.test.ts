import { describe, expect, it } from 'vitest';
import type { OrderCutoff } from '@iris/identity';
import {
  checkDeliveryDate,
  cutoffFor,
  describeCutoff,
  effectiveCutoff,
  isDeliveryDate,
  nextDeliveryDates,
} from './cutoff.ts';

const DEFAULT = effectiveCutoff(null);

describe('effectiveCutoff', () => {
  it('defaults to 14:00 one business day before when unset or unreadable', () => {
    expect(effectiveCutoff(null)).toEqual({ cutoffTime: '14:00', leadDays: 1 });
    expect(effectiveCutoff({})).toEqual({ cutoffTime: '14:00', leadDays: 1 });
    expect(effectiveCutoff({ cutoffTime: '10:00', leadDays: 2 })).toEqual({
      cutoffTime: '10:00',
      leadDays: 2,
    });
  });
});

describe('cutoffFor', () => {
  it('leadDays 1: a Monday delivery is ordered by Friday 14:00 (CET, UTC+1)', () => {
    const cutoff = cutoffFor('2026-02-16', DEFAULT);
    expect(cutoff.orderDate).toBe('2026-02-13');
    expect(cutoff.cutoffAt.toISOString()).toBe('2026-02-13T13:00:00.000Z');
  });

  it('summer time: 14:00 CEST is 12:00 UTC', () => {
    expect(cutoffFor('2026-06-10', DEFAULT).cutoffAt.toISOString()).toBe('2026-06-09T12:00:00.000Z');
  });

  it('skips holidays and eves when counting back (Tuesday after Easter → Thursday before)', () => {
    // Monday 6 April is annandag påsk and Friday 3 April långfredagen: order day is Thursday 2 April.
    expect(cutoffFor('2026-04-07', DEFAULT).orderDate).toBe('2026-04-02');
    // Monday after midsommar: Friday 19 June is midsommarafton, so Thursday 18 June.
    expect(cutoffFor('2026-06-22', DEFAULT).orderDate).toBe('2026-06-18');
    // 2 January 2026 (a Friday): nyårsdagen and nyårsafton before it: Tuesday 30 December.
    expect(cutoffFor('2026-01-02', DEFAULT).orderDate).toBe('2025-12-30');
  });

  it('leadDays 0 orders on the delivery day itself, leadDays 2 two business days back', () => {
    expect(cutoffFor('2026-02-18', { cutoffTime: '06:00', leadDays: 0 }).orderDate).toBe('2026-02-18');
    expect(cutoffFor('2026-02-16', { cutoffTime: '14:00', leadDays: 2 }).orderDate).toBe('2026-02-12');
  });

  it('weekdayCutoffs are keyed by the ORDER day', () => {
    const cutoff: OrderCutoff = { cutoffTime: '14:00', leadDays: 1, weekdayCutoffs: { '5': '11:00' } };
    // Monday delivery → Friday order day → the Friday time.
    const monday = cutoffFor('2026-02-16', cutoff);
    expect(monday.cutoffTime).toBe('11:00');
    expect(monday.cutoffAt.toISOString()).toBe('2026-02-13T10:00:00.000Z');
    // Friday delivery → Thursday order day → the default time.
    expect(cutoffFor('2026-02-20', cutoff).cutoffTime).toBe('14:00');
  });

  describe('across the DST switches (2026-03-29 spring forward, 2026-10-25 fall back)', () => {
    const sevenDays: OrderCutoff = { cutoffTime: '14:00', leadDays: 0 };
    it.each([
      // spring: Saturday and Sunday of the switch, and the Monday after (leadDays 0, same-day order)
      ['2026-03-28', '2026-03-28T13:00:00.000Z'],
      ['2026-03-29', '2026-03-29T12:00:00.000Z'],
      ['2026-03-30', '2026-03-30T12:00:00.000Z'],
      // autumn
      ['2026-10-24', '2026-10-24T12:00:00.000Z'],
      ['2026-10-25', '2026-10-25T13:00:00.000Z'],
      ['2026-10-26', '2026-10-26T13:00:00.000Z'],
    ])('14:00 Stockholm on %s is %s', (date, utc) => {
      expect(cutoffFor(date, sevenDays).cutoffAt.toISOString()).toBe(utc);
    });

    it('an early-morning cut-off on the switch days keeps its wall-clock time', () => {
      const early: OrderCutoff = { cutoffTime: '04:00', leadDays: 0 };
      expect(cutoffFor('2026-03-29', early).cutoffAt.toISOString()).toBe('2026-03-29T02:00:00.000Z');
      expect(cutoffFor('2026-10-25', early).cutoffAt.toISOString()).toBe('2026-10-25T03:00:00.000Z');
    });

    it('a Monday delivery right after the switch is ordered on the Friday before it, in winter time', () => {
      expect(cutoffFor('2026-03-30', DEFAULT).cutoffAt.toISOString()).toBe('2026-03-27T13:00:00.000Z');
      expect(cutoffFor('2026-10-26', DEFAULT).cutoffAt.toISOString()).toBe('2026-10-23T12:00:00.000Z');
    });

    it('describes the cut-off in UTC and in Stockholm local time', () => {
      expect(describeCutoff(cutoffFor('2026-03-30', DEFAULT))).toEqual({
        date: '2026-03-30',
        orderDate: '2026-03-27',
        cutoffAt: '2026-03-27T13:00:00.000Z',
        cutoffAtLocal: '2026-03-27T14:00:00.000+01:00',
      });
      expect(describeCutoff(cutoffFor('2026-03-31', DEFAULT)).cutoffAtLocal).toBe(
        '2026-03-30T14:00:00.000+02:00',
      );
    });
  });
});

describe('checkDeliveryDate / isDeliveryDate', () => {
  const friday = new Date('2026-03-27T12:59:59.000Z'); // 13:59:59 CET on Friday

  it('accepts a delivery day before its cut-off, refuses once the cut-off is reached', () => {
    expect(isDeliveryDate('2026-03-30', [], friday, DEFAULT)).toBe(true);
    const atCutoff = new Date('2026-03-27T13:00:00.000Z');
    const check = checkDeliveryDate('2026-03-30', [], atCutoff, DEFAULT);
    expect(check).toMatchObject({ ok: false, reason: 'CUTOFF_PASSED' });
  });

  it('refuses weekdays outside the delivery days, weekends by default, holidays and eves', () => {
    expect(checkDeliveryDate('2026-03-31', [1, 3], friday, DEFAULT)).toMatchObject({
      ok: false,
      reason: 'NOT_A_DELIVERY_DAY',
      weekday: 2,
    });
    expect(checkDeliveryDate('2026-03-28', [], friday, DEFAULT)).toMatchObject({
      reason: 'NOT_A_DELIVERY_DAY',
    });
    expect(checkDeliveryDate('2026-04-06', [], friday, DEFAULT)).toMatchObject({
      reason: 'HOLIDAY',
      holiday: { name: 'Annandag påsk' },
    });
    expect(checkDeliveryDate('2026-06-19', [], friday, DEFAULT)).toMatchObject({
      reason: 'HOLIDAY',
      holiday: { kind: 'eve' },
    });
    expect(checkDeliveryDate('2026-02-30', [], friday, DEFAULT)).toEqual({
      ok: false,
      reason: 'INVALID_DATE',
    });
  });

  it('a Saturday in the delivery days is fine (ordered Friday with leadDays 1)', () => {
    const check = checkDeliveryDate('2026-03-28', [6], friday, DEFAULT);
    expect(check).toMatchObject({ ok: true, cutoff: { orderDate: '2026-03-27' } });
  });

  it('without a cut-off argument uses the default', () => {
    expect(isDeliveryDate('2026-03-30', [1], friday)).toBe(true);
    expect(isDeliveryDate('2026-03-30', [1], new Date('2026-03-27T13:00:00.000Z'))).toBe(false);
  });
});

describe('nextDeliveryDates', () => {
  it('lists the next possible dates with their cut-offs, skipping passed cut-offs and Easter', () => {
    // Wednesday 1 April 2026, 15:00 CEST: Thursday 2 April's cut-off (Wed 14:00) has passed.
    const now = new Date('2026-04-01T13:00:00.000Z');
    const dates = nextDeliveryDates(DEFAULT, [], now, 4);
    expect(dates.map((d) => d.date)).toEqual(['2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10']);
    expect(dates[0]?.orderDate).toBe('2026-04-02');
    expect(dates[0]?.cutoffAt.toISOString()).toBe('2026-04-02T12:00:00.000Z');
  });

  it('only the customer’s delivery days, across the autumn switch', () => {
    const now = new Date('2026-10-20T08:00:00.000Z');
    const dates = nextDeliveryDates({ cutoffTime: '16:00', leadDays: 1 }, [1, 4], now, 3);
    expect(dates.map((d) => [d.date, d.cutoffAt.toISOString()])).toEqual([
      ['2026-10-22', '2026-10-21T14:00:00.000Z'],
      ['2026-10-26', '2026-10-23T14:00:00.000Z'],
      ['2026-10-29', '2026-10-28T15:00:00.000Z'],
    ]);
  });

  it('returns what it finds within the horizon', () => {
    expect(nextDeliveryDates(DEFAULT, [], new Date('2026-12-20T10:00:00.000Z'), 0)).toEqual([]);
    expect(
      nextDeliveryDates(DEFAULT, [], new Date('2026-12-20T10:00:00.000Z'), 2).map((d) => d.date),
    ).toEqual(['2026-12-22', '2026-12-23']);
  });
});
