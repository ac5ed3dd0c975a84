import { describe, expect, it } from 'vitest';
import { addMoney, dec, formatAmount, money, roundToOre, roundUnitPrice } from './money.ts';

describe('money', () => {
  it('is exact where floats are not', () => {
    expect(dec('0.1').plus('0.2').toString()).toBe('0.3');
    expect(formatAmount(dec('19.99').times(3))).toBe('59.97');
  });

  it('rounds totals half-up to öre and unit prices to 3 decimals', () => {
    expect(roundToOre('10.005').toFixed(2)).toBe('10.01');
    expect(roundToOre('10.004').toFixed(2)).toBe('10.00');
    expect(roundToOre('-10.005').toFixed(2)).toBe('-10.01');
    expect(roundUnitPrice('1.2345').toFixed(3)).toBe('1.235');
  });

  it('refuses to add different currencies', () => {
    expect(addMoney(money('1.50'), money('2')).amount.toFixed(2)).toBe('3.50');
    expect(() => addMoney(money('1', 'SEK'), money('1', 'EUR'))).toThrow(/SEK and EUR/);
  });
});
