import { describe, expect, it } from 'vitest';
import { zDecimalString } from './decimal-input.ts';

const quantity = zDecimalString({
  scale: 3,
  integerDigits: 9,
  positive: true,
  description: 'q',
  example: '1',
});
const portions = zDecimalString({
  scale: 2,
  integerDigits: 7,
  positive: false,
  description: 'p',
  example: '1',
});

const messages = (schema: typeof quantity, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('zDecimalString', () => {
  it('keeps the decimal as a string: numbers are written out, strings trimmed', () => {
    expect(quantity.parse(2.5)).toBe('2.5');
    expect(quantity.parse(' 0.125 ')).toBe('0.125');
    expect(quantity.parse('999999999.999')).toBe('999999999.999');
    expect(portions.parse(0)).toBe('0');
    expect(portions.parse('0.00')).toBe('0.00');
  });

  it('refuses zero only when positive', () => {
    for (const zero of [0, '0', '0.000', '00.0']) {
      expect(messages(quantity, zero)).toEqual(['Must be greater than 0']);
    }
  });

  it('refuses what is not a decimal of that size with one issue, never a throw', () => {
    for (const value of ['två', '-1', -1, '1.2345', 1.2345, '1000000000', '1e3', 1e21, '', '1.']) {
      expect(messages(quantity, value)).toEqual([
        'A decimal > 0 with at most 9 digits before and 3 after the point',
      ]);
    }
    expect(messages(portions, '1.234')).toEqual([
      'A decimal ≥ 0 with at most 7 digits before and 2 after the point',
    ]);
    expect(quantity.safeParse(null).success).toBe(false);
  });
});
