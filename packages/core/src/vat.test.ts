import { describe, expect, it } from 'vitest';
import { restaurantServiceVatRateOn, vatClassOfRate, vatRateOn } from './vat.ts';

describe('vatRateOn', () => {
  it('applies the temporary food cut from 2026-04-01 to 2027-12-31', () => {
    expect(vatRateOn('food', '2026-03-31').toString()).toBe('12');
    expect(vatRateOn('food', '2026-04-01').toString()).toBe('6');
    expect(vatRateOn('food', '2027-12-31').toString()).toBe('6');
    expect(vatRateOn('food', '2028-01-01').toString()).toBe('12');
  });

  it('keeps standard at 25 % and reduced at 6 %', () => {
    expect(vatRateOn('standard', '2026-05-01').toString()).toBe('25');
    expect(vatRateOn('reduced', '2020-01-01').toString()).toBe('6');
  });
});

describe('vatClassOfRate', () => {
  it('maps import rates to classes and refuses others', () => {
    expect(vatClassOfRate(25)).toBe('standard');
    expect(vatClassOfRate(12)).toBe('food');
    expect(vatClassOfRate(6)).toBe('food');
    expect(vatClassOfRate(8)).toBeNull();
  });
});

describe('restaurantServiceVatRateOn', () => {
  it('is 12 % for meals served, also during the food cut, and was 25 % before 2012', () => {
    expect(restaurantServiceVatRateOn('2026-05-01').toString()).toBe('12');
    expect(restaurantServiceVatRateOn('2011-12-31').toString()).toBe('25');
  });
});
