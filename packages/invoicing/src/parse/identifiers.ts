/**
 * Swedish payment and company identifiers: all of them end in a Luhn (mod 10) check digit, which catches
 * every single-digit misread and most swaps, exactly the errors OCR and typing make.
 */

/** Luhn check: doubling every second digit from the right, the digit sum must be a multiple of 10. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    const digit = Number(digits[digits.length - 1 - index]);
    const weighted = index % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit to append to `payload` (digits only). */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d*$/.test(payload)) throw new RangeError('luhnCheckDigit takes digits only');
  for (let digit = 0; digit <= 9; digit += 1) {
    if (luhnValid(`${payload}${digit}`)) return digit;
  }
  throw new RangeError('unreachable: one of ten digits always completes a Luhn sum');
}

function digitsOnly(text: string): string {
  return text.replace(/[\s\u00a0\u202f-]/g, '');
}

/**
 * Organisation number → `NNNNNN-NNNN`, or null unless it is 10 digits (a 12-digit form with the century
 * prefix 16 is accepted and shortened). Format only: use `isValidOrgNumber` for the check digit.
 */
export function normaliseOrgNumber(text: string): string | null {
  let digits = digitsOnly(text);
  if (/^16\d{10}$/.test(digits)) digits = digits.slice(2);
  if (!/^\d{10}$/.test(digits)) return null;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** A Swedish organisation number: 10 digits (NNNNNN-NNNN) whose last digit is the Luhn check digit. */
export function isValidOrgNumber(text: string): boolean {
  const normalised = normaliseOrgNumber(text);
  return normalised !== null && luhnValid(normalised.replace('-', ''));
}

/** VAT number `SE` + organisation number + `01` (spaces and dashes dropped), or null if it is not that shape. */
export function normaliseVatNumber(text: string): string | null {
  const compact = text.replace(/[\s\u00a0.-]/g, '').toUpperCase();
  return /^SE\d{10}01$/.test(compact) ? compact : null;
}

export interface OcrReferenceCheck {
  /** The Luhn check digit is right (every OCR reference has one). */
  valid: boolean;
  /** The second to last digit equals the length mod 10 (the optional "length digit" variant). */
  hasLengthDigit: boolean;
}

/**
 * OCR payment reference (2–25 digits). Bankgirot's OCR control always ends with a Luhn check digit; some
 * payees also use a length digit (second to last), which Bankgirot then checks too. Which variant a payee
 * uses is part of their agreement, so both are accepted and the caller learns which one this one satisfies.
 */
export function checkOcrReference(text: string): OcrReferenceCheck {
  const digits = digitsOnly(text);
  if (!/^\d{2,25}$/.test(digits)) return { valid: false, hasLengthDigit: false };
  const lengthDigit = Number(digits[digits.length - 2]);
  return { valid: luhnValid(digits), hasLengthDigit: lengthDigit === digits.length % 10 };
}

export function isValidOcrReference(text: string, options: { requireLengthDigit?: boolean } = {}): boolean {
  const check = checkOcrReference(text);
  return check.valid && (!options.requireLengthDigit || check.hasLengthDigit);
}

/** OCR reference as digits only (spaces dropped), or null if it has anything but digits. */
export function normaliseOcrReference(text: string): string | null {
  const digits = digitsOnly(text);
  return /^\d{2,25}$/.test(digits) ? digits : null;
}

/** Bankgiro number → `NNN-NNNN` (7 digits) or `NNNN-NNNN` (8 digits), or null for any other shape. */
export function normaliseBankgiro(text: string): string | null {
  const digits = digitsOnly(text);
  if (!/^\d{7,8}$/.test(digits)) return null;
  return `${digits.slice(0, -4)}-${digits.slice(-4)}`;
}

/** A bankgiro number: 7–8 digits, the last one the Luhn check digit over all of them. */
export function isValidBankgiro(text: string): boolean {
  const normalised = normaliseBankgiro(text);
  return normalised !== null && luhnValid(normalised.replace('-', ''));
}

/** Plusgiro number → `N…N-N` (2–8 digits, the check digit after the dash), or null for any other shape. */
export function normalisePlusgiro(text: string): string | null {
  const digits = digitsOnly(text);
  if (!/^\d{2,8}$/.test(digits)) return null;
  return `${digits.slice(0, -1)}-${digits.slice(-1)}`;
}

/** A plusgiro number: 2–8 digits, the last one the Luhn check digit over all of them. */
export function isValidPlusgiro(text: string): boolean {
  const normalised = normalisePlusgiro(text);
  return normalised !== null && luhnValid(normalised.replace('-', ''));
}
