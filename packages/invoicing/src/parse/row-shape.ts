import { parseSwedishNumber } from './swedish-number.ts';
import type { TextWord } from './text-lines.ts';

/** The words of a table row without OCR specks and borders, and what a row looks like before it is read. */

const CURRENCY_WORDS = /^(?:kr\.?|SEK|:-)$/i;
/** Stray table borders, rules and OCR specks. */
const NOISE_WORD = /^[|¦:;'`´"_=~«»<>—–]+$/;

/** Drops border characters and currency words that sit after a number; trims `|` glued to words. */
export function cleanRowWords(words: readonly TextWord[]): TextWord[] {
  const cleaned: TextWord[] = [];
  for (const word of words) {
    for (const part of word.text.split(/\s+/)) {
      const text = part.replace(/^\|+|\|+$/g, '');
      if (text.length === 0 || NOISE_WORD.test(text)) continue;
      const previous = cleaned[cleaned.length - 1];
      if (CURRENCY_WORDS.test(text) && previous !== undefined && /\d$/.test(previous.text)) continue;
      cleaned.push({ text, confidence: word.confidence });
    }
  }
  return cleaned;
}

/** Whether a line looks like a table row (an article-like first word and a number at the end). */
export function looksLikeRow(words: readonly TextWord[]): boolean {
  const cleaned = cleanRowWords(words);
  const first = cleaned[0];
  const last = cleaned[cleaned.length - 1];
  return (
    cleaned.length >= 3 &&
    first !== undefined &&
    /\d/.test(first.text) &&
    last !== undefined &&
    parseSwedishNumber(last.text) !== null
  );
}

/**
 * Whether a line outside the table looks like a row of it (OCR often loses the table header, printed
 * light on dark): an article number (four or more digits) first, a number last and an amount with
 * decimals somewhere.
 */
export function looksLikeHeaderlessRow(words: readonly TextWord[]): boolean {
  const cleaned = cleanRowWords(words);
  const first = cleaned[0];
  const last = cleaned[cleaned.length - 1];
  if (first === undefined || last === undefined || !/^\d{4,}$/.test(first.text) || cleaned.length < 5) {
    return false;
  }
  return parseSwedishNumber(last.text) !== null && cleaned.some((word) => /\d,\d{2,3}$/.test(word.text));
}
