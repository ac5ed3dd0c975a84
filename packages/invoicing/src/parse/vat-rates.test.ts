import { describe, expect, it } from 'vitest';
import { readRateWord, readVatBreakdownLine, isVatBreakdownLine } from './vat-rates.ts';

describe('readRateWord', () => {
  it.each([
    ['6%', '6', false],
    ['12%', '12', false],
    ['6,0%', '6', false],
    ['25', '25', false],
    ['64', '6', true],
    ['690', '6', true],
    ['6M', '6', true],
    ['1220', '12', true],
    ['12900', '12', true],
    ['2590', '25', true],
  ])('reads %j as %s (repaired: %s)', (text, rate, repaired) => {
    expect(readRateWord(text, ['6', '12', '25'])).toEqual({ rate, repaired });
  });

  it('only repairs rates of the document: "1220" is not a rate of a 6 %-only invoice', () => {
    expect(readRateWord('1220', ['6'])).toBeNull();
    expect(readRateWord('64', ['6'])).toEqual({ rate: '6', repaired: true });
  });

  it.each(['42,23', '690655', '[RC', 'st', '7', '1200-13'])('refuses %j', (text) => {
    expect(readRateWord(text, ['6', '12', '25'])).toBeNull();
  });
});

describe('readVatBreakdownLine', () => {
  it.each([
    ['Moms 6 % på 10 000,00 600,00', { rate: '6', base: '10000.00', vat: '600.00' }],
    ['Moms 25% 1 681,50 420,38', { rate: '25', base: '1681.50', vat: '420.38' }],
    // What the Swedish OCR model makes of the % sign.
    ['Moms 6 26 27 061,03 1 623,66', { rate: '6', base: '27061.03', vat: '1623.66' }],
    ['Moms 12 96 11 884,59 1426,15', { rate: '12', base: '11884.59', vat: '1426.15' }],
    ['Moms 25 246 på 547,08 136,77', { rate: '25', base: '547.08', vat: '136.77' }],
    ['Moms 6 2460 på 7 626,51 457,59', { rate: '6', base: '7626.51', vat: '457.59' }],
    ['Moms 6 96 på -641,67 -38,50', { rate: '6', base: '-641.67', vat: '-38.50' }],
  ])('reads %j', (text, expected) => {
    expect(isVatBreakdownLine(text)).toBe(true);
    expect(readVatBreakdownLine(text)).toEqual(expected);
  });

  it('prefers the reading whose base × rate gives its VAT (a lost % sign does not eat the base)', () => {
    expect(readVatBreakdownLine('Moms 6 27 061,03 1 623,66')).toEqual({
      rate: '6',
      base: '27061.03',
      vat: '1623.66',
    });
  });

  it('takes an unreadable rate only when the amounts confirm exactly one Swedish rate', () => {
    expect(readVatBreakdownLine('Moms 8 % på 1 000,00 60,00')).toEqual({
      rate: '6',
      base: '1000.00',
      vat: '60.00',
    });
    expect(readVatBreakdownLine('Moms 8 % på 1 000,00 70,00')).toBeNull();
  });

  it('keeps an inconsistent line as read (the document check flags it)', () => {
    expect(readVatBreakdownLine('Moms 6 % på 1 000,00 70,00')).toEqual({
      rate: '6',
      base: '1000.00',
      vat: '70.00',
    });
  });

  it.each(['Moms totalt 1 623,66', 'Momsreg.nr SE556677889901', 'Moms %', 'Moms'])('is not %j', (text) => {
    expect(isVatBreakdownLine(text)).toBe(false);
  });
});
