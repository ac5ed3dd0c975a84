import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, isValidGtin } from './gtin.ts';

describe('GTIN', () => {
  it('accepts real GTIN-8, -12, -13 and -14 with their check digits', () => {
    for (const gtin of ['96385074', '036000291452', '7391453416535', '4006381333931', '17350053850016']) {
      expect(isValidGtin(gtin), gtin).toBe(true);
    }
  });

  it('refuses a wrong check digit, other lengths and non-digits', () => {
    expect(isValidGtin('7391453416536')).toBe(false);
    expect(isValidGtin('739145341653')).toBe(false); // 12 digits, but not a valid GTIN-12
    expect(isValidGtin('1234567')).toBe(false);
    expect(isValidGtin('123456789012345')).toBe(false);
    expect(isValidGtin('73914534165a5')).toBe(false);
    expect(isValidGtin('')).toBe(false);
  });

  it('computes the mod-10 check digit with weights 3, 1 from the right', () => {
    expect(gtinCheckDigit('739145341653')).toBe(5);
    expect(gtinCheckDigit('03600029145')).toBe(2);
  });
});
