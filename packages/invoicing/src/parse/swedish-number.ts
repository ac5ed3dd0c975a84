/**
 * Swedish number notation → the model's decimal strings ("1 234,50" → "1234.50").
 *
 * Swedish invoices write a decimal comma and group thousands with a space (often a non-breaking one),
 * sometimes with a dot. OCR adds its own confusions (`l`/`I`/`|` for 1, `O` for 0, a dot for the comma),
 * which `lenient` mode repairs inside a token that already holds a digit and is otherwise numeric (`S` → 5,
 * `B` → 8 too), so a lone unit `l` never turns into a number. Nothing here ever rounds: the digits printed are the digits returned.
 */

export interface SwedishNumberOptions {
  /** Repair OCR confusions and accept `kr`/`SEK`/`:-` decorations (default true). */
  lenient?: boolean;
}

/** Spaces that separate thousands: space, no-break space, narrow no-break space, thin space. */
const GROUP_SPACE = /[ \u00a0\u202f\u2009]/;
/** Minus signs seen in print: hyphen-minus, Unicode minus, en dash. */
const MINUS = /^[-\u2212\u2013]/;
const TRAILING_MINUS = /[-\u2212\u2013]$/;
/** Most digits Iris stores before / after the decimal mark (see zDecimalText). */
const MAX_INTEGER_DIGITS = 12;
const MAX_FRACTION_DIGITS = 6;

/** Letters and marks OCR reads for digits, and the digit each stands for. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  l: '1',
  I: '1',
  '|': '1',
  '!': '1',
  O: '0',
  o: '0',
  S: '5',
  B: '8',
};
/** A token that is a number apart from look-alikes: digits, look-alikes, separators and signs only. */
const OTHERWISE_NUMERIC = /^[-\u2212\u2013]?[\dlI|!OoSB.,\u00a0\u202f\u2009-]+$/;

/**
 * OCR look-alikes of digits, replaced only inside tokens that already contain a real digit and are otherwise
 * numeric, so that a unit ("1 l"), a word ("SEK") or a description ("Oxfilé 2kg") never turns into digits.
 */
export function repairOcrDigits(text: string): string {
  // Per space-separated part, so that the unit in "1 l" never becomes a digit of "1 1".
  return text
    .split(' ')
    .map((part) =>
      /\d/.test(part) && OTHERWISE_NUMERIC.test(part)
        ? part.replace(/[lI|!OoSB]/g, (char) => DIGIT_LOOKALIKES[char] ?? char)
        : part,
    )
    .join(' ');
}

function stripDecorations(text: string): string {
  return text
    .replace(/^(?:SEK|kr\.?)\s*/i, '')
    .replace(/\s*(?:SEK|kr\.?|:-)$/i, '')
    .trim();
}

/** Validates space/dot thousands grouping: first group 1–3 digits, every later group exactly 3. */
function joinGroups(integerPart: string, separator: RegExp): string | null {
  const groups = integerPart.split(separator);
  if (groups.length === 1) return /^\d+$/.test(integerPart) ? integerPart : null;
  const [first, ...rest] = groups;
  if (first === undefined || !/^\d{1,3}$/.test(first)) return null;
  if (!rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

function normaliseDigits(negative: boolean, integer: string, fraction: string | null): string | null {
  const trimmedInteger = integer.replace(/^0+(?=\d)/, '');
  if (trimmedInteger.length > MAX_INTEGER_DIGITS) return null;
  if (fraction !== null && (fraction.length === 0 || fraction.length > MAX_FRACTION_DIGITS)) return null;
  const body = fraction === null ? trimmedInteger : `${trimmedInteger}.${fraction}`;
  const isZero = /^[0.]+$/.test(body);
  return negative && !isZero ? `-${body}` : body;
}

/**
 * Parses one Swedish-notation number, or returns null when the text is not exactly one number.
 * Accepts "1 234,50", "1\u00a0234,50", "1.234,50", "-0,40", "0,40-", "2,345", "42,23", "12"; in lenient
 * mode also "1 234,50 kr", "SEK 99,00", "l2,5O", "42.23" (a single dot as the decimal mark).
 */
export function parseSwedishNumber(text: string, options: SwedishNumberOptions = {}): string | null {
  const lenient = options.lenient ?? true;
  // Runs of spaces collapse so that "1  234,50" groups like "1 234,50".
  let value = text.replace(/[ \u00a0\u202f\u2009]+/g, ' ').trim();
  if (lenient) value = repairOcrDigits(stripDecorations(value));
  if (value.length === 0) return null;

  let negative = false;
  if (MINUS.test(value)) {
    negative = true;
    value = value.slice(1).trimStart();
  } else if (TRAILING_MINUS.test(value)) {
    // Some ERP systems print credits as "506,76-".
    negative = true;
    value = value.slice(0, -1).trimEnd();
  }
  if (!/^[\d \u00a0\u202f\u2009.,]+$/.test(value) || !/^\d/.test(value) || !/\d$/.test(value)) return null;

  const commaCount = (value.match(/,/g) ?? []).length;
  const dotCount = (value.match(/\./g) ?? []).length;
  let integerText: string;
  let fraction: string | null = null;

  if (commaCount > 1) return null;
  if (commaCount === 1) {
    // Decimal comma; dots, if any, group thousands ("1.234,50").
    const [integerPart = '', fractionPart = ''] = value.split(',');
    if (dotCount > 0 && GROUP_SPACE.test(integerPart)) return null;
    const joined = joinGroups(integerPart, dotCount > 0 ? /\./ : GROUP_SPACE);
    if (joined === null || !/^\d+$/.test(fractionPart)) return null;
    integerText = joined;
    fraction = fractionPart;
  } else if (dotCount === 1 && lenient) {
    // A lone dot is a decimal mark misread by OCR or printed the English way ("42.23").
    const [integerPart = '', fractionPart = ''] = value.split('.');
    const joined = joinGroups(integerPart, GROUP_SPACE);
    if (joined === null || !/^\d+$/.test(fractionPart)) return null;
    integerText = joined;
    fraction = fractionPart;
  } else if (dotCount > 0) {
    // Only dots: thousands grouping ("1.234.567"); one dot in strict mode is ambiguous and refused.
    if (dotCount === 1) return null;
    const joined = joinGroups(value, /\./);
    if (joined === null) return null;
    integerText = joined;
  } else {
    const joined = joinGroups(value, GROUP_SPACE);
    if (joined === null) return null;
    integerText = joined;
  }
  return normaliseDigits(negative, integerText, fraction);
}

/** Strict variant: clean Swedish notation only (no OCR repair, no currency decorations), null for junk. */
export function parseSwedishNumberStrict(text: string): string | null {
  return parseSwedishNumber(text, { lenient: false });
}

/** Number of digits after the decimal point of a decimal string ("12.340" → 3). */
export function fractionDigits(decimal: string): number {
  const dot = decimal.indexOf('.');
  return dot === -1 ? 0 : decimal.length - dot - 1;
}

/** Number of digits before the decimal point, ignoring sign and leading zeros ("-0012.5" → 2). */
export function integerDigits(decimal: string): number {
  const integer = decimal.replace(/^-/, '').split('.')[0] ?? '';
  return integer.replace(/^0+(?=\d)/, '').length;
}
