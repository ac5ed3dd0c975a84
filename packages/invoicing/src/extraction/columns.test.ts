import { describe, expect, it } from 'vitest';
import { dateColumn, fitDecimal, storableText } from './columns.ts';

const MONEY = { precision: 12, scale: 2 };
const RATE = { precision: 5, scale: 2 };

describe('fitDecimal', () => {
  it.each([
    ['1234.50', '1234.5'],
    ['-0.40', '-0.4'],
    ['12.500', '12.5'],
    ['9999999999.99', '9999999999.99'],
    ['0', '0'],
  ])('keeps %s', (text, expected) => {
    expect(String(fitDecimal(text, MONEY))).toBe(expected);
  });

  it.each(['12345678901.00', '1.234', '-10000000000'])('refuses %s for Decimal(12, 2)', (text) => {
    expect(fitDecimal(text, MONEY)).toBe('out_of_range');
  });

  it('checks the rate column too', () => {
    expect(String(fitDecimal('25', RATE))).toBe('25');
    expect(fitDecimal('1000', RATE)).toBe('out_of_range');
    expect(fitDecimal(null, RATE)).toBeNull();
  });
});

describe('text and dates', () => {
  it('drops NUL characters and writes dates at midnight UTC', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText(null)).toBeNull();
    expect(dateColumn('2026-03-29')?.toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });
});

describe('dateColumn', () => {
  it('is null for what is not a calendar date, never an Invalid Date or a shifted one', () => {
    expect(dateColumn('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(dateColumn('2026-02-30')).toBeNull();
    expect(dateColumn('2026-13-45')).toBeNull();
    expect(dateColumn('12/05/2026')).toBeNull();
    expect(dateColumn(null)).toBeNull();
  });
});
