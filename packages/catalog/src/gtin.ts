/** GTIN lengths in use: GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14 (cases, multipacks). */
export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

/** The GS1 mod-10 check digit of a GTIN body (all digits but the last): weights 3, 1, 3 … from the right. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Digits only, one of the GTIN lengths, and the last digit is the right check digit. */
export function isValidGtin(gtin: string): boolean {
  if (!/^\d+$/.test(gtin) || !(GTIN_LENGTHS as readonly number[]).includes(gtin.length)) return false;
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.at(-1));
}
