import { AppError, dec, roundToOre, zDecimalString, type Dec } from '@iris/core';

/**
 * An order quantity given as a JSON number or a string, kept as a string so no float touches it:
 * Decimal(12,3), greater than 0.
 */
export const ZOrderQuantity = zDecimalString({
  scale: 3,
  integerDigits: 9,
  positive: true,
  description: "In the product's unit: a decimal > 0 with up to 3 decimals",
  example: '2.5',
});

/** Like ZOrderQuantity but 0 is allowed (a received or proposed quantity). */
export const ZOrderQuantityOrZero = zDecimalString({
  scale: 3,
  integerDigits: 9,
  positive: false,
  description: "In the product's unit: a decimal ≥ 0 with up to 3 decimals",
  example: '0',
});

/** Quantities: positive (zero where allowed), at most 3 decimals, below the column's 10^9. */
export function parseQuantity(value: Dec | string | number, options: { allowZero?: boolean } = {}): Dec {
  let quantity: Dec;
  try {
    quantity = dec(typeof value === 'object' ? value.toString() : value);
  } catch {
    throw invalidQuantity(String(value), 'is not a number');
  }
  if (!quantity.isFinite()) throw invalidQuantity(quantity.toString(), 'is not a number');
  if (quantity.isNegative() || (!options.allowZero && quantity.isZero())) {
    throw invalidQuantity(
      quantity.toString(),
      options.allowZero ? 'must not be negative' : 'must be positive',
    );
  }
  if (quantity.decimalPlaces() > 3) throw invalidQuantity(quantity.toString(), 'has more than 3 decimals');
  if (quantity.greaterThanOrEqualTo(1_000_000_000))
    throw invalidQuantity(quantity.toString(), 'is too large');
  return quantity;
}

function invalidQuantity(value: string, why: string): AppError {
  return new AppError('VALIDATION_FAILED', `The quantity ${value} ${why}.`, {
    issues: [{ path: 'quantity', message: `Quantity ${why}`, code: 'invalid_quantity' }],
  });
}

/** A line's total: quantity × unit price, rounded half-up to öre. */
export function lineTotal(quantity: Dec, unitPrice: Dec): Dec {
  return roundToOre(quantity.times(unitPrice));
}

export interface VatBreakdownEntry {
  /** Percent, e.g. 6 or 25. */
  rate: Dec;
  /** Sum of the line totals at this rate. */
  base: Dec;
  /** VAT on that sum, rounded half-up to öre once per rate. */
  vat: Dec;
}

export interface DocumentTotals {
  subtotal: Dec;
  vatTotal: Dec;
  total: Dec;
  /** Highest rate first. */
  vatBreakdown: VatBreakdownEntry[];
}

/**
 * Totals of lines already rounded to öre: VAT is computed per rate on the sum of that rate's line totals
 * (rounded once per rate, not per line), then everything adds up.
 */
export function documentTotals(lines: readonly { lineTotal: Dec; vatRate: Dec }[]): DocumentTotals {
  const byRate = new Map<string, { rate: Dec; base: Dec }>();
  for (const line of lines) {
    const key = line.vatRate.toFixed(2);
    const entry = byRate.get(key) ?? { rate: line.vatRate, base: dec(0) };
    entry.base = entry.base.plus(line.lineTotal);
    byRate.set(key, entry);
  }
  const vatBreakdown = [...byRate.values()]
    .sort((a, b) => b.rate.comparedTo(a.rate))
    .map(({ rate, base }) => ({ rate, base, vat: roundToOre(base.times(rate).dividedBy(100)) }));
  const subtotal = vatBreakdown.reduce((sum, entry) => sum.plus(entry.base), dec(0));
  const vatTotal = vatBreakdown.reduce((sum, entry) => sum.plus(entry.vat), dec(0));
  return { subtotal, vatTotal, total: subtotal.plus(vatTotal), vatBreakdown };
}

/** The largest amount an order records (its totals are numeric(12,2)). */
export const MAX_ORDER_AMOUNT = dec('9999999999.99');

/** Whether totals fit what an order can record (the total bounds every line total and the subtotal). */
export function withinAmountLimit(totals: Pick<DocumentTotals, 'total'>): boolean {
  return totals.total.lessThanOrEqualTo(MAX_ORDER_AMOUNT);
}

/** Refuses totals an order cannot record (422 ORDER_TOO_LARGE) rather than failing in the store. */
export function assertWithinAmountLimit(totals: Pick<DocumentTotals, 'total'>): void {
  if (withinAmountLimit(totals)) return;
  throw new AppError(
    'ORDER_TOO_LARGE',
    `The order total ${totals.total.toFixed(2)} is above the largest amount an order can hold (${MAX_ORDER_AMOUNT.toFixed(2)}).`,
    { total: totals.total.toFixed(2), maximum: MAX_ORDER_AMOUNT.toFixed(2) },
  );
}

/** The breakdown as stored in order.vatBreakdown and sent on the wire: decimal strings. */
export function vatBreakdownJson(breakdown: readonly VatBreakdownEntry[]) {
  return breakdown.map((entry) => ({
    rate: entry.rate.toFixed(2),
    base: entry.base.toFixed(2),
    vat: entry.vat.toFixed(2),
  }));
}
