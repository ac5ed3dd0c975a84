import { describe, expect, it } from 'vitest';
import { AppError, dec } from '@iris/core';
import {
  assertWithinAmountLimit,
  documentTotals,
  lineTotal,
  parseQuantity,
  vatBreakdownJson,
  withinAmountLimit,
} from './totals.ts';

describe('lineTotal', () => {
  it('rounds quantity × unit price half-up to öre', () => {
    expect(lineTotal(dec('3'), dec('39.995')).toFixed(2)).toBe('119.99'); // 119.985
    expect(lineTotal(dec('1.5'), dec('10.005')).toFixed(2)).toBe('15.01'); // 15.0075
    expect(lineTotal(dec('0.333'), dec('3')).toFixed(2)).toBe('1.00'); // 0.999
  });
});

describe('documentTotals', () => {
  it('sums per rate and rounds VAT once per rate, highest rate first', () => {
    // Per-line rounding would give 0.01 × 3 lines of 6 % on 0.10 each → 0.03; per rate: 0.30 × 6 % = 0.018 → 0.02.
    const totals = documentTotals([
      { lineTotal: dec('0.10'), vatRate: dec(6) },
      { lineTotal: dec('0.10'), vatRate: dec(6) },
      { lineTotal: dec('0.10'), vatRate: dec(6) },
      { lineTotal: dec('178.67'), vatRate: dec(25) },
    ]);
    expect(vatBreakdownJson(totals.vatBreakdown)).toEqual([
      { rate: '25.00', base: '178.67', vat: '44.67' },
      { rate: '6.00', base: '0.30', vat: '0.02' },
    ]);
    expect([totals.subtotal.toFixed(2), totals.vatTotal.toFixed(2), totals.total.toFixed(2)]).toEqual([
      '178.97',
      '44.69',
      '223.66',
    ]);
  });

  it('is zero for no lines', () => {
    const totals = documentTotals([]);
    expect(totals.total.toFixed(2)).toBe('0.00');
    expect(totals.vatBreakdown).toEqual([]);
  });
});

describe('parseQuantity', () => {
  it('accepts positive decimals with up to 3 decimals', () => {
    expect(parseQuantity('2.5').toFixed(3)).toBe('2.500');
    expect(parseQuantity(3).toFixed(3)).toBe('3.000');
    expect(parseQuantity(dec('0.001')).toFixed(3)).toBe('0.001');
    expect(parseQuantity('0', { allowZero: true }).isZero()).toBe(true);
  });

  it.each(['0', '-1', '1.0001', 'abc', '1000000000', 'Infinity'])('refuses %s', (value) => {
    expect(() => parseQuantity(value)).toThrow(AppError);
  });
});

describe('the amount limit', () => {
  it('accepts totals up to 9 999 999 999.99 and refuses more with ORDER_TOO_LARGE', () => {
    expect(withinAmountLimit({ total: dec('9999999999.99') })).toBe(true);
    expect(withinAmountLimit({ total: dec('10000000000.00') })).toBe(false);
    expect(() => assertWithinAmountLimit({ total: dec('111999999888.00') })).toThrow(
      expect.objectContaining({ code: 'ORDER_TOO_LARGE' }),
    );
  });
});
