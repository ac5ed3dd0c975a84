import { describe, expect, it } from 'vitest';
import { looksLikeHeaderlessRow } from './row-shape.ts';
import { parseTableRow } from './table-row.ts';
import type { TextWord } from './text-lines.ts';

/** Words from "text@confidence" parts (confidence 93 when left out). */
function words(text: string): TextWord[] {
  return text.split(' ').map((part) => {
    const at = part.lastIndexOf('@');
    return at > 0
      ? { text: part.slice(0, at), confidence: Number(part.slice(at + 1)) }
      : { text: part, confidence: 93 };
  });
}

const options = { minConfidence: 75, rates: ['6', '12', '25'] };
const read = (text: string) => parseTableRow(words(text), options);
const numbers = (text: string) => {
  const row = read(text);
  return [row.quantity, row.unit, row.unitPrice, row.vatRate, row.lineTotal];
};

describe('parseTableRow on OCR output', () => {
  it('reads a VAT word whose % became digits, and a description whose % did', () => {
    expect(numbers('100090 Vispgrädde 36920 5 I 14 st 215,46 62 3 016,44')).toEqual([
      '14',
      'st',
      '215.46',
      '6',
      '3016.44',
    ]);
    expect(read('100090 Vispgrädde 36920 5 I 14 st 215,46 62 3 016,44').vatUncertain).toBe(true);
    expect(read('100067 Vispgrädde 36% 1 l 12 st 42,23 6% 506,76').vatUncertain).toBe(false);
    expect(numbers('110134 Jasminris 20 kg 1 säck 415,89 1220 415,89')).toEqual([
      '1',
      'säck',
      '415.89',
      '12',
      '415.89',
    ]);
  });

  it('keeps the numbers of a row whose VAT word is unreadable (rate null, for the checks to flag)', () => {
    expect(numbers('110610 Scotti Arborioris 1 kg 11 fp 45,60 [AG 501,60')).toEqual([
      '11',
      'fp',
      '45.60',
      null,
      '501.60',
    ]);
  });

  it('reads a quantity glued to its unit, and an unreadable unit when the arithmetic agrees', () => {
    expect(numbers('120307 Take away-låda bagasse 50 st 12fp 100,78 2520 1209,36')).toEqual([
      '12',
      'fp',
      '100.78',
      '25',
      '1209.36',
    ]);
    expect(numbers('112288 Panko ströbröd 1 kg 11 9 70,84 1224 779,24')).toEqual([
      '11',
      '9',
      '70.84',
      '12',
      '779.24',
    ]);
  });

  it('leaves a quantity OCR lost null rather than taking a number from the description', () => {
    const row = read('108651 Svensk Gurka 1 st ist@28 10,77 64@24 10,77');
    expect([row.quantity, row.unitPrice, row.vatRate, row.lineTotal]).toEqual([null, '10.77', '6', '10.77']);
  });

  it('keeps the rest of a row whose total OCR garbled', () => {
    expect(numbers('116798 Pommes frites 10 mm 10 kg 3 säck 175,74 122 SET ieR')).toEqual([
      '3',
      'säck',
      '175.74',
      '12',
      null,
    ]);
  });

  it('never reads the tail of a thousands group ("007,55") as a number of its own', () => {
    const row = read('102214 Gräddfil 12% 2 l 15 st 67,17 6% 1 007,55');
    expect(row.lineTotal).toBe('1007.55');
    expect(read('102214 Gräddfil 15 st 67,17 6% 007,55').lineTotal).not.toBe('7.55');
  });

  it('flags an uncertain number unless quantity × price = total confirms it exactly', () => {
    expect(read('100067 Vispgrädde 12 st 42,23@40 6% 506,76').flags).toEqual([]);
    expect(read('100067 Vispgrädde 12 st 42,23@40 6% 506,67').flags).toEqual(['LOW_CONFIDENCE']);
    // Repaired from look-alikes (S → 5, O → 0) counts as uncertain too.
    expect(read('100067 Vispgrädde 12 st 42,2S 6% 5O6,67')).toMatchObject({
      unitPrice: '42.25',
      lineTotal: '506.67',
      flags: ['LOW_CONFIDENCE'],
    });
    expect(read('100067 Vispgrädde 12 st 42,2S 6% 5O7,00')).toMatchObject({ lineTotal: '507.00', flags: [] });
  });
});

describe('looksLikeHeaderlessRow', () => {
  it.each([
    ['116556 Pommes frites 10 mm 10 kg 1 säck 193,41 6M 193,41', true],
    ['114269 Druvan Ättiksprit 1296 11 ER 15,97 690655 23955', true],
    ['411 07 Göteborg', false],
    ['Drottninggatan 61', false],
    ['2026-05-12 Fakturadatum 12,50', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeHeaderlessRow(words(text))).toBe(expected);
  });
});
