import { describe, expect, it } from 'vitest';
import {
  computeTotals,
  formatPlusgiro,
  isLuhnValid,
  isValidBankgiro,
  isValidOcrReference,
  isValidOrgNumber,
  isValidPlusgiro,
  lineTruth,
  luhnCheckDigit,
  makeOcrReference,
} from './truth.ts';
import { dec } from '@iris/core';

describe('check digits', () => {
  it('computes Luhn check digits of published numbers', () => {
    // Volvo AB's org number, Bankgirot's example bankgiro, the textbook Luhn example.
    expect(luhnCheckDigit('556012579')).toBe(0);
    expect(luhnCheckDigit('5050105')).toBe(5);
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
  });

  it('validates the Swedish number formats', () => {
    expect(isValidOrgNumber('556012-5790')).toBe(true);
    expect(isValidOrgNumber('556012-5791')).toBe(false);
    expect(isValidBankgiro('5050-1055')).toBe(true);
    expect(isValidBankgiro('5050-1056')).toBe(false);
    expect(isValidBankgiro('50501055')).toBe(false);
    expect(formatPlusgiro('12345676')).toBe('1 23 45 67-6');
    expect(isValidPlusgiro(formatPlusgiro(`1234567${luhnCheckDigit('1234567')}`))).toBe(true);
    expect(isValidPlusgiro('12 34 56-8')).toBe(isLuhnValid('1234568'));
  });

  it('builds OCR references with and without the length digit', () => {
    const plain = makeOcrReference('7012345', { lengthDigit: false });
    expect(plain).toHaveLength(8);
    expect(isValidOcrReference(plain)).toBe(true);
    const hard = makeOcrReference('7012345', { lengthDigit: true });
    expect(hard).toHaveLength(9);
    expect(hard.at(-2)).toBe('9');
    expect(isValidOcrReference(hard, { lengthDigit: true })).toBe(true);
    // A wrong length digit with a recomputed Luhn digit is still caught by the hard check.
    const wrongLength = `70123458${luhnCheckDigit('70123458')}`;
    expect(isValidOcrReference(wrongLength)).toBe(true);
    expect(isValidOcrReference(wrongLength, { lengthDigit: true })).toBe(false);
  });
});

describe('amounts', () => {
  const line = (quantity: string, unitPrice: string, vatRate: string, unit = 'st') =>
    lineTruth(1, {
      articleNumber: '1',
      gtin: null,
      description: 'x',
      quantity: dec(quantity),
      unit,
      unitPrice: dec(unitPrice),
      vatRate: dec(vatRate),
    });

  it('rounds line totals half-up to öre and prints kg with three decimals', () => {
    expect(line('2.345', '10.001', '6', 'kg')).toMatchObject({ quantity: '2.345', lineTotal: '23.45' });
    expect(line('3', '0.125', '6')).toMatchObject({ quantity: '3', unitPrice: '0.125', lineTotal: '0.38' });
    expect(line('2', '42.2', '6', 'kg')).toMatchObject({
      quantity: '2.000',
      unitPrice: '42.20',
      lineTotal: '84.40',
    });
    expect(line('-2', '42.23', '6')).toMatchObject({ lineTotal: '-84.46' });
  });

  it('computes VAT per rate on its base and rounds the sum to whole kronor', () => {
    const totals = computeTotals([
      line('1', '100.10', '6'),
      line('1', '33.33', '25'),
      line('1', '0.01', '6'),
    ]);
    expect(totals.vatBreakdown).toEqual([
      { rate: '25', base: '33.33', vat: '8.33' },
      { rate: '6', base: '100.11', vat: '6.01' },
    ]);
    expect(totals).toMatchObject({
      netTotal: '133.44',
      vatTotal: '14.34',
      roundingAmount: '0.22',
      amountDue: '148.00',
    });
  });

  it('rounds a credit note symmetrically', () => {
    const totals = computeTotals([line('-1', '10.50', '0')]);
    expect(totals).toMatchObject({ netTotal: '-10.50', amountDue: '-11.00', roundingAmount: '-0.50' });
  });
});
