import { dec } from '@iris/core';
import type { LineFlag } from '../model.ts';
import { parseSwedishNumber, parseSwedishNumberStrict } from './swedish-number.ts';
import { cleanRowWords } from './row-shape.ts';
import type { TextWord } from './text-lines.ts';
import { KNOWN_UNITS } from './units.ts';
import { readRateWord } from './vat-rates.ts';

/**
 * One row of the lines table: `<article no> <description …> <quantity> <unit> <unit price> <vat>% <total>`.
 * Descriptions may hold digits and `%` ("Vispgrädde 36% 1 l"), so the row is read from the right, where
 * the columns are fixed. Thousands groups split a number over several words ("1 234,50"), so each column
 * has a few readings, and OCR adds its own (a VAT word mangled into `1220`, an unreadable unit); every
 * combination is scored and the best one kept: one whose quantity × unit price gives its total wins over one
 * that does not, then known units and fewer words per number.
 *
 * Confidence: a number OCR read below `minConfidence`, or repaired (look-alike letters, a dot for the comma),
 * flags its line LOW_CONFIDENCE, unless the row's arithmetic confirms it exactly: a quantity, unit price and
 * total that multiply out to the öre are taken as read, since a misread digit would almost never do that.
 */

export interface ParsedRow {
  articleNumber: string | null;
  description: string;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  vatRate: string | null;
  lineTotal: string | null;
  flags: LineFlag[];
  /**
   * The VAT word was read with low confidence or repaired from `%` junk: only the document's VAT breakdown
   * can confirm it (see parseInvoiceText), else the line is LOW_CONFIDENCE.
   */
  vatUncertain: boolean;
}

export interface RowOptions {
  /** OCR word confidence (0–100) below which a number is not trusted on its own. */
  minConfidence: number;
  /** The rates of the document's VAT breakdown (or the Swedish ones), for reading mangled VAT words. */
  rates: readonly string[];
}

/** OCR reads the unit `l` as one of these. */
const LITRE_LOOKALIKES = new Set(['1', 'I', '|']);
const MAX_NUMBER_WORDS = 4;
/** A word OCR made of a unit it could not read ("ER" for fp, "9"): short, and not a decimal number. */
const GARBLED_UNIT = /^[^\s,]{1,5}$/;
/** A quantity glued to its unit ("12fp", "3SM"). */
const GLUED_QUANTITY = /^(-?\d{1,4}(?:,\d{1,3})?)(\p{L}{1,4})$/u;
/** OCR garbled the last column: up to this many unreadable words may stand where the total was. */
const MAX_JUNK_TOTAL_WORDS = 2;

interface Span {
  start: number;
  /** Null only for an unreadable VAT word. */
  value: string | null;
  words: TextWord[];
  /** Read from OCR look-alikes or junk rather than clean notation. */
  repaired: boolean;
}

interface NumberSpan extends Span {
  value: string;
}

type UnitKind = 'none' | 'word' | 'litre' | 'glued' | 'garbled';

interface Reading {
  /** Null when the total column is unreadable (the rest of the row still reads). */
  total: NumberSpan | null;
  vat: Span | null;
  price: NumberSpan;
  unit: string | null;
  unitKind: UnitKind;
  /** Null when no number sits before the unit (OCR lost the quantity). */
  quantity: NumberSpan | null;
  score: number;
}

/** Every way the words ending just before `end` read as one number (1 to MAX_NUMBER_WORDS words). */
function numbersEndingAt(words: readonly TextWord[], end: number): NumberSpan[] {
  const spans: NumberSpan[] = [];
  for (let count = 1; count <= MAX_NUMBER_WORDS && end - count >= 0; count += 1) {
    const slice = words.slice(end - count, end);
    const text = slice.map((word) => word.text).join(' ');
    // "007,55" is the tail of "1 007,55", never a number on its own.
    const value = /^-?0\d/.test(text) ? null : parseSwedishNumber(text);
    if (value !== null) {
      spans.push({
        start: end - count,
        value,
        words: slice,
        repaired: parseSwedishNumberStrict(text) === null,
      });
    }
  }
  return spans;
}

/**
 * The VAT column ending before `end`: "6%", "6 %", a bare rate, a rate with `%` junk ("1220", "6 9"), or one
 * unreadable word (value null: the line keeps its numbers and is flagged for its VAT rate).
 */
function vatEndingAt(words: readonly TextWord[], end: number, rates: readonly string[]): Span[] {
  const last = words[end - 1];
  if (last === undefined) return [];
  const spans: Span[] = [];
  const before = words[end - 2];
  if (before !== undefined && /^%$|^[9o°]{1,2}$/.test(last.text)) {
    const rate = readRateWord(before.text, rates);
    if (rate !== null && !rate.repaired) {
      spans.push({ start: end - 2, value: rate.rate, words: [before, last], repaired: last.text !== '%' });
    }
  }
  const single = readRateWord(last.text, rates);
  if (single !== null) {
    spans.push({ start: end - 1, value: single.rate, words: [last], repaired: single.repaired });
  } else if (!/\d[,.]\d/.test(last.text)) {
    spans.push({ start: end - 1, value: null, words: [last], repaired: true });
  }
  return spans;
}

function arithmeticHolds(quantity: string, price: string, total: string): boolean {
  return dec(quantity).times(dec(price)).toDecimalPlaces(2).equals(dec(total));
}

function hasFraction(value: string): boolean {
  return value.includes('.');
}

const UNIT_POINTS: Record<UnitKind, number> = { none: -8, word: 2, litre: 8, glued: 4, garbled: -6 };

/** A reading without a quantity only wins over readings that are worse still (no unit, no VAT). */
const NO_QUANTITY_POINTS = -15;
/** …and one without a total only when nothing else reads. */
const NO_TOTAL_POINTS = -40;

function confirmedByArithmetic(reading: Pick<Reading, 'quantity' | 'price' | 'total'>): boolean {
  return (
    reading.quantity !== null &&
    reading.total !== null &&
    arithmeticHolds(reading.quantity.value, reading.price.value, reading.total.value)
  );
}

function score(reading: Omit<Reading, 'score'>, restLength: number): number {
  let points = 0;
  if (confirmedByArithmetic(reading)) points += 100;
  if (reading.quantity === null) points += NO_QUANTITY_POINTS;
  if (reading.total === null) points += NO_TOTAL_POINTS;
  points +=
    reading.unitKind === 'word' && reading.unit !== null && KNOWN_UNITS.has(reading.unit)
      ? 10
      : UNIT_POINTS[reading.unitKind];
  // Every layout has a VAT column: a mangled one still beats reading it as the price.
  if (reading.vat === null) points -= 10;
  else points += reading.vat.value === null ? -8 : reading.vat.repaired ? 3 : 5;
  if (reading.total !== null && !hasFraction(reading.total.value)) points -= 20;
  if (!hasFraction(reading.price.value)) points -= 10;
  if (restLength === 0) points -= 5;
  const extraWords =
    (reading.total?.words.length ?? 1) +
    reading.price.words.length +
    (reading.quantity?.words.length ?? 1) -
    3;
  return points - 3 * extraWords;
}

interface UnitOption {
  unit: string | null;
  /** Where the quantity ends. */
  end: number;
  kind: UnitKind;
  /** The quantity glued to the unit, when it was. */
  quantity?: NumberSpan;
}

function unitOptions(word: TextWord | undefined, priceStart: number): UnitOption[] {
  const options: UnitOption[] = [{ unit: null, end: priceStart, kind: 'none' }];
  if (word === undefined) return options;
  const end = priceStart - 1;
  const glued = GLUED_QUANTITY.exec(word.text);
  if (glued?.[1] !== undefined && glued[2] !== undefined) {
    const value = parseSwedishNumber(glued[1], { lenient: false });
    if (value !== null) {
      const quantity = { start: end, value, words: [word], repaired: true };
      options.push({ unit: glued[2].toLowerCase(), end, kind: 'glued', quantity });
    }
  }
  if (/^\p{L}[\p{L}.]*$/u.test(word.text)) {
    options.push({ unit: word.text.replace(/\.$/, '').toLowerCase(), end, kind: 'word' });
  } else if (LITRE_LOOKALIKES.has(word.text)) {
    options.push({ unit: 'l', end, kind: 'litre' });
  } else if (GARBLED_UNIT.test(word.text)) {
    options.push({ unit: word.text, end, kind: 'garbled' });
  }
  return options;
}

/** The total column: every reading of the last words, or (penalised) none, with junk in its place. */
function totalOptions(words: readonly TextWord[]): { total: NumberSpan | null; start: number }[] {
  const options: { total: NumberSpan | null; start: number }[] = numbersEndingAt(words, words.length).map(
    (total) => ({ total, start: total.start }),
  );
  for (let junk = 1; junk <= MAX_JUNK_TOTAL_WORDS && junk < words.length; junk += 1) {
    const tail = words.slice(-junk);
    if (tail.some((word) => /\d[,.]\d{2}$/.test(word.text))) break;
    options.push({ total: null, start: words.length - junk });
  }
  return options;
}

function readings(words: readonly TextWord[], rates: readonly string[]): Reading[] {
  const found: Reading[] = [];
  for (const { total, start: totalStart } of totalOptions(words)) {
    const vatOptions: (Span | null)[] = [...vatEndingAt(words, totalStart, rates), null];
    for (const vat of vatOptions) {
      const priceEnd = vat === null ? totalStart : vat.start;
      for (const price of numbersEndingAt(words, priceEnd)) {
        for (const unit of unitOptions(words[price.start - 1], price.start)) {
          const quantities: (NumberSpan | null)[] =
            unit.quantity !== undefined ? [unit.quantity] : numbersEndingAt(words, unit.end).slice(0, 3);
          if (unit.kind !== 'none' && unit.kind !== 'glued') quantities.push(null);
          for (const quantity of quantities) {
            const partial = { total, vat, price, unit: unit.unit, unitKind: unit.kind, quantity };
            found.push({ ...partial, score: score(partial, quantity?.start ?? unit.end) });
          }
        }
      }
    }
  }
  return found;
}

function uncertain(span: Span | null, minConfidence: number): boolean {
  // A missing quantity is flagged MISSING_QUANTITY by the checks; nothing to add here.
  if (span === null) return false;
  return (
    span.repaired || span.words.some((word) => word.confidence !== null && word.confidence < minConfidence)
  );
}

/** An unreadable row: kept as a line with its raw text so nothing disappears, numbers null and flagged. */
function unreadableRow(words: readonly TextWord[]): ParsedRow {
  return {
    articleNumber: null,
    description: words.map((word) => word.text).join(' '),
    quantity: null,
    unit: null,
    unitPrice: null,
    vatRate: null,
    lineTotal: null,
    flags: ['MISSING_QUANTITY', 'MISSING_UNIT_PRICE', 'MISSING_LINE_TOTAL'],
    vatUncertain: false,
  };
}

export function parseTableRow(rawWords: readonly TextWord[], options: RowOptions): ParsedRow {
  const words = cleanRowWords(rawWords);
  let best: Reading | null = null;
  for (const reading of readings(words, options.rates)) {
    if (best === null || reading.score > best.score) best = reading;
  }
  if (best === null) return unreadableRow(words.length > 0 ? words : rawWords);

  const rest = words.slice(0, best.quantity?.start ?? best.price.start - (best.unit === null ? 0 : 1));
  const first = rest[0];
  const hasArticle = first !== undefined && /\d/.test(first.text);
  const flags: LineFlag[] = [];
  // Exact arithmetic confirms all three numbers; without it an uncertain one keeps the line flagged.
  const confirmed = confirmedByArithmetic(best);
  const { minConfidence } = options;
  if (!confirmed && [best.total, best.price, best.quantity].some((span) => uncertain(span, minConfidence))) {
    flags.push('LOW_CONFIDENCE');
  }
  return {
    articleNumber: hasArticle ? first.text : null,
    description: (hasArticle ? rest.slice(1) : rest).map((word) => word.text).join(' '),
    quantity: best.quantity?.value ?? null,
    unit: best.unit,
    unitPrice: best.price.value,
    vatRate: best.vat?.value ?? null,
    lineTotal: best.total?.value ?? null,
    flags,
    vatUncertain: uncertain(best.vat, minConfidence),
  };
}
