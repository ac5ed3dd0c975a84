import { dec } from '@iris/core';
import { readAmounts, stripVatFiller } from './text-fields.ts';
import type { VatSubtotal } from '../model.ts';

/**
 * VAT rates as OCR prints them. The Swedish tesseract model misreads `%`: `6%` comes out as `64`, `690`,
 * `6M`; `12%` as `1220`, `12900`; `25%` as `2590`; `Moms 6 % på` as `Moms 6 26 på`. A word that starts with
 * one of the document's rates and continues with such junk is that rate, marked as repaired (so the line
 * keeps LOW_CONFIDENCE unless the document's VAT breakdown confirms it).
 */

/** The rates a line may carry when the document's breakdown was not read. */
export const DEFAULT_LINE_RATES: readonly string[] = ['6', '12', '25'];
const SWEDISH_RATES: readonly string[] = ['0', '6', '12', '25'];
/** What OCR makes of a `%` sign: digits, `%` itself, `o`, `M`, `N`, a degree sign; at most four characters. */
const PERCENT_JUNK = /^[%0-9oOMN°º]{1,4}$/;
const GLUED_RATE = /^(\d{1,2}(?:[,.]\d{1,2})?)\s?%$/;
/** A VAT line may differ from base × rate by rounding, at most one öre. */
const VAT_TOLERANCE = dec('0.01');

export interface RateReading {
  rate: string;
  /** Read from a word OCR mangled (the `%` turned into junk), not from a clean `6%` or `6`. */
  repaired: boolean;
}

function normaliseRate(text: string): string {
  return dec(text.replace(',', '.')).toString();
}

/** Whether a word is what OCR made of a lone `%` sign (`%`, `9`, `90`, `o`, `96` …). */
export function isPercentJunk(text: string): boolean {
  return PERCENT_JUNK.test(text);
}

/**
 * Reads one word of the VAT column: `6%`, a bare rate (`6`, `12`), or a rate among `rates` followed by
 * `%`-look-alike junk (`1220`, `64`, `6M`). Null for anything else.
 */
export function readRateWord(text: string, rates: readonly string[]): RateReading | null {
  const glued = GLUED_RATE.exec(text);
  if (glued?.[1] !== undefined) return { rate: normaliseRate(glued[1]), repaired: false };
  if (SWEDISH_RATES.includes(text)) return { rate: text, repaired: false };
  // Longest rate first: "1220" is 12 with junk, never 1 with "220".
  const byLength = [...rates].sort((a, b) => b.length - a.length);
  for (const rate of byLength) {
    if (rate !== '0' && text.startsWith(rate) && isPercentJunk(text.slice(rate.length))) {
      return { rate, repaired: true };
    }
  }
  return null;
}

/** "Moms 6 % på 10 000,00 600,00" and what OCR makes of it; the label itself is matched by TOTAL_PATTERNS. */
const VAT_LINE = /^[|\s]*Moms\s*(?!reg|tot|belopp|%?\s*$)(.*)$/iu;

export function isVatBreakdownLine(text: string): boolean {
  const rest = VAT_LINE.exec(text)?.[1];
  return rest !== undefined && /^\d/.test(rest.trim());
}

function consistent(entry: VatSubtotal): boolean {
  const computed = dec(entry.base).times(dec(entry.rate)).dividedBy(100);
  return computed.minus(dec(entry.vat)).abs().lessThanOrEqualTo(VAT_TOLERANCE);
}

/**
 * Reads one line of the VAT breakdown: its rate, base and VAT. The rate word may carry `%` junk and be
 * followed by a junk word, so there are a few readings; the one whose base × rate gives its VAT wins, else
 * the first complete one (the document check then flags the mismatch). Null if no reading has two amounts.
 */
export function readVatBreakdownLine(text: string): VatSubtotal | null {
  const rest = VAT_LINE.exec(text)?.[1];
  if (rest === undefined) return null;
  const words = rest.trim().split(/\s+/);
  const first = words[0];
  if (first === undefined) return null;
  const rate = readRateWord(first, DEFAULT_LINE_RATES);
  const gluedPercent = /%$/.test(first);
  const candidates: VatSubtotal[] = [];
  const afterRate = words.slice(1);
  // The word after the rate may be its `%` (clean or mangled); read with and without it.
  const tails = [afterRate];
  if (!gluedPercent && afterRate[0] !== undefined && isPercentJunk(afterRate[0])) {
    tails.unshift(afterRate.slice(1));
  }
  for (const tail of tails) {
    const { amounts } = readAmounts(stripVatFiller(tail.join(' ')));
    const [base, vat] = amounts.slice(-2);
    if (amounts.length < 2 || base === null || base === undefined || vat === null || vat === undefined) {
      continue;
    }
    if (rate !== null) {
      candidates.push({ rate: rate.rate, base, vat });
    } else {
      // The rate word is unreadable: only a Swedish rate that the amounts confirm exactly is taken.
      for (const swedish of DEFAULT_LINE_RATES) {
        const entry = { rate: swedish, base, vat };
        if (consistent(entry)) candidates.push(entry);
      }
    }
  }
  return candidates.find(consistent) ?? candidates[0] ?? null;
}
