import { z } from 'zod';

/**
 * Swedish organisation numbers (organisationsnummer): ten digits, written NNNNNN-NNNN, the last digit a
 * Luhn check digit over the first nine. Accepted with or without the dash (surrounding whitespace is
 * ignored); always stored and returned in the dash form.
 */
const ORGANISATION_NUMBER_PATTERN = /^(\d{6})-?(\d{4})$/;

/** Luhn (mod 10) check over all digits, the last being the check digit. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    const digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (digit < 0 || digit > 9) return false;
    const weighted = index % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return sum % 10 === 0;
}

/**
 * The normalised form (`NNNNNN-NNNN`) of a valid organisation number, or `null` when the value is not one
 * (wrong shape or failed check digit). Never throws.
 */
export function parseOrganisationNumber(value: string): string | null {
  const match = ORGANISATION_NUMBER_PATTERN.exec(value.trim());
  if (!match) return null;
  const [, head, tail] = match as unknown as [string, string, string];
  if (!passesLuhn(`${head}${tail}`)) return null;
  return `${head}-${tail}`;
}

export function isValidOrganisationNumber(value: string): boolean {
  return parseOrganisationNumber(value) !== null;
}

/**
 * Zod schema for an organisation number in an input: accepts `5560360793` or `556036-0793`, outputs the
 * dash form; anything else is a validation issue.
 */
export const ZOrganisationNumber = z
  .string()
  .trim()
  .regex(ORGANISATION_NUMBER_PATTERN, 'An organisation number has ten digits: NNNNNN-NNNN')
  .refine(isValidOrganisationNumber, 'The organisation number fails its check digit')
  .transform((value) => parseOrganisationNumber(value) ?? value)
  .meta({
    description: 'Swedish organisation number, NNNNNN-NNNN (the dash is optional on input)',
    example: '556036-0793',
  });
