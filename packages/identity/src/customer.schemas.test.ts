import { describe, expect, it } from 'vitest';
import { ZAmountString, ZCustomerNumber, ZCustomerTerms, ZDeliveryDays } from './customer.schemas.ts';

describe('customer terms schemas', () => {
  it('stores delivery days sorted, each weekday once, 1–7', () => {
    expect(ZDeliveryDays.parse([5, 1, 3])).toEqual([1, 3, 5]);
    expect(ZDeliveryDays.parse([])).toEqual([]);
    for (const bad of [[1, 1], [0], [8], [1.5], [1, 2, 3, 4, 5, 6, 7, 7]]) {
      expect(ZDeliveryDays.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('takes amounts as decimal strings ≥ 0 with at most 2 decimals that fit Decimal(12,2)', () => {
    for (const good of ['0', '0.5', '1500.00', '9999999999.99', ' 12.30 ']) {
      expect(ZAmountString.safeParse(good).success, good).toBe(true);
    }
    for (const bad of ['-1', '1.005', '1e3', '', '.5', '12345678901', '1,50', 'NaN']) {
      expect(ZAmountString.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('customer numbers: trimmed, letters, digits and . _ / -', () => {
    expect(ZCustomerNumber.parse('  K-1001/Å ')).toBe('K-1001/Å');
    for (const bad of ['', 'a b', 'x'.repeat(65), 'semi;colon']) {
      expect(ZCustomerNumber.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('money is SEK only, nulls clear the clearable fields', () => {
    expect(ZCustomerTerms.safeParse({ minimumOrderValue: { amount: '1', currency: 'EUR' } }).success).toBe(
      false,
    );
    expect(ZCustomerTerms.parse({ customerNumber: null, priceListId: null })).toEqual({
      customerNumber: null,
      priceListId: null,
    });
  });
});
