import { describe, expect, it } from 'vitest';
import { stockholmParts, stockholmWallTimeToUtc, toStockholmIso } from './clock.ts';

describe('Stockholm time', () => {
  it('formats instants with the offset in force (CET in winter, CEST in summer)', () => {
    expect(toStockholmIso(new Date('2026-11-26T04:00:00.000Z'))).toBe('2026-11-26T05:00:00.000+01:00');
    expect(toStockholmIso(new Date('2026-07-01T10:00:00.000Z'))).toBe('2026-07-01T12:00:00.000+02:00');
  });

  it('crosses the spring-forward gap on 2026-03-29 (02:00 → 03:00)', () => {
    expect(toStockholmIso(new Date('2026-03-29T00:59:59.000Z'))).toBe('2026-03-29T01:59:59.000+01:00');
    expect(toStockholmIso(new Date('2026-03-29T01:00:00.000Z'))).toBe('2026-03-29T03:00:00.000+02:00');
  });

  it('reads wall-clock parts and converts wall time back to UTC on both sides of the autumn change', () => {
    expect(stockholmParts(new Date('2026-10-24T23:30:00.000Z'))).toEqual({
      date: '2026-10-25',
      hour: 1,
      minute: 30,
      weekday: 0,
    });
    expect(stockholmWallTimeToUtc('2026-10-24', '02:00').toISOString()).toBe('2026-10-24T00:00:00.000Z');
    expect(stockholmWallTimeToUtc('2026-10-26', '02:00').toISOString()).toBe('2026-10-26T01:00:00.000Z');
  });
});
