import { describe, expect, it } from 'vitest';
import {
  fractionDigits,
  integerDigits,
  parseSwedishNumber,
  parseSwedishNumberStrict,
} from './swedish-number.ts';

describe('parseSwedishNumber', () => {
  it.each([
    ['1 234,50', '1234.50'],
    ['1\u00a0234,50', '1234.50'],
    ['1\u202f234,50', '1234.50'],
    ['12 345 678,90', '12345678.90'],
    ['1.234,50', '1234.50'],
    ['1.234.567,00', '1234567.00'],
    ['-0,40', '-0.40'],
    ['\u22120,40', '-0.40'],
    ['506,76-', '-506.76'],
    ['2,345', '2.345'],
    ['42,23', '42.23'],
    ['12', '12'],
    ['0,00', '0.00'],
    ['-0,00', '0.00'],
    ['007,50', '7.50'],
    ['  42,23  ', '42.23'],
    ['1  234,50', '1234.50'],
  ])('reads %j as %j (strict and lenient)', (text, expected) => {
    expect(parseSwedishNumberStrict(text)).toBe(expected);
    expect(parseSwedishNumber(text)).toBe(expected);
  });

  it.each([
    ['1 234,50 kr', '1234.50'],
    ['SEK 99,00', '99.00'],
    ['99,00 SEK', '99.00'],
    ['150:-', '150'],
    ['42.23', '42.23'],
    ['l2', '12'],
    ['I2,5O', '12.50'],
    ['1O0,00', '100.00'],
    ['1 2O4,00', '1204.00'],
    ['|42,23', '142.23'],
    ['1S,50', '15.50'],
    ['2B9,9O', '289.90'],
  ])('repairs OCR and decorations in lenient mode: %j → %j', (text, expected) => {
    expect(parseSwedishNumber(text)).toBe(expected);
  });

  it.each(['S', 'B', '2kgS', '5 l', '12 st'])(
    'repairs look-alikes only in otherwise numeric words: %j',
    (text) => {
      expect(parseSwedishNumber(text)).toBeNull();
    },
  );

  it.each(['1 234,50 kr', 'l2', '42.23', '1O0,00'])('refuses %j in strict mode', (text) => {
    expect(parseSwedishNumberStrict(text)).toBeNull();
  });

  it.each([
    '',
    'st',
    'l',
    'O',
    'abc',
    '12,34,56',
    '1,2.3',
    '12 34,50',
    '1 2345,00',
    '1234 567,00',
    ',50',
    '50,',
    '6%',
    '--5',
    '1 234.567,00',
    '2026-05-12',
    '1234567890123,00',
    '1,1234567',
  ])('returns null for junk %j', (text) => {
    expect(parseSwedishNumber(text)).toBeNull();
    expect(parseSwedishNumberStrict(text)).toBeNull();
  });

  it('does not turn a lone unit "l" next to a number into digits', () => {
    expect(parseSwedishNumber('1 l')).toBeNull();
    expect(parseSwedishNumber('l 100')).toBeNull();
  });

  it('round-trips every formatted amount in a range (property)', () => {
    // Formats integers in öre the Swedish way and parses them back: exact, whatever the grouping.
    for (let ore = -250_000; ore <= 2_500_000; ore += 9_973) {
      const negative = ore < 0;
      const absolute = Math.abs(ore);
      const kronor = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
      const fraction = String(absolute % 100).padStart(2, '0');
      const text = `${negative ? '-' : ''}${kronor},${fraction}`;
      const expected = `${negative && absolute !== 0 ? '-' : ''}${Math.floor(absolute / 100)}.${fraction}`;
      expect(parseSwedishNumberStrict(text)).toBe(expected);
      expect(parseSwedishNumber(text.replace(/\u00a0/g, ' '))).toBe(expected);
      expect(parseSwedishNumber(text.replace(/\u00a0/g, '.'))).toBe(expected);
    }
  });
});

describe('fractionDigits / integerDigits', () => {
  it.each([
    ['12', 0, 2],
    ['12.5', 1, 2],
    ['-0.125', 3, 1],
    ['1234567890.12', 2, 10],
  ])('%j has %i decimals and %i integer digits', (value, decimals, integers) => {
    expect(fractionDigits(value)).toBe(decimals);
    expect(integerDigits(value)).toBe(integers);
  });
});
