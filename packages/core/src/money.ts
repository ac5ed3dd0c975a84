import { Decimal } from 'decimal.js';

/**
 * Money is exact: decimal.js end to end, never a float. A Decimal constructor of our own keeps the
 * rounding mode (half-up, as Swedish invoices round to the öre) from leaking into anything else.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export type DecimalInput = string | number | Decimal;

export type CurrencyCode = 'SEK' | 'EUR' | 'NOK' | 'DKK';

export interface Money {
  readonly amount: Dec;
  readonly currency: CurrencyCode;
}

export function dec(value: DecimalInput): Dec {
  return new Dec(value.toString());
}

export function money(amount: DecimalInput, currency: CurrencyCode = 'SEK'): Money {
  return { amount: dec(amount), currency };
}

/** Line and document totals: half-up to 2 decimals (öre). */
export function roundToOre(value: DecimalInput): Dec {
  return dec(value).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** Unit prices may carry 3 decimals; the smallest unit price is 0.001. */
export function roundUnitPrice(value: DecimalInput): Dec {
  return dec(value).toDecimalPlaces(3, Dec.ROUND_HALF_UP);
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new TypeError(`Cannot add ${a.currency} and ${b.currency}`);
  }
  return { amount: a.amount.plus(b.amount), currency: a.currency };
}

/** The wire format for money: a decimal string with exactly two decimals ("1234.50"). */
export function formatAmount(value: DecimalInput): string {
  return roundToOre(value).toFixed(2);
}
